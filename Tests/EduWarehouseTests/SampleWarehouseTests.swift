import EduIngest
import EduNormalise
@testable import EduWarehouse
import Foundation
import Testing

/// The sample county ingested end to end and read back through the `school_values` view, as a
/// statistician would: every part's figures as TRUTH.json writes them down, whole-school
/// figures shared out by the parts' students, and nothing else.
struct SampleWarehouseTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    nonisolated(unsafe) static let truth = try! JSONSerialization.jsonObject(
        with: Data(contentsOf: root.appendingPathComponent("SampleInputs/TRUTH.json"))) as! [String: Any]

    /// SampleInputs: the county 青石县 (360321, given as the flag) and, in its own folder, the
    /// district 东湖区 (360392) and 柳溪县 (360399), whose township made the usual mistakes.
    static let sampleInputs = [IngestInput(path: root.appendingPathComponent("SampleInputs").path),
                               IngestInput(path: root.appendingPathComponent("SampleInputs/东湖区").path, county: "360392"),
                               IngestInput(path: root.appendingPathComponent("SampleInputs/柳溪县").path, county: "360399")]

    static func ingestSamples() throws -> Warehouse {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-wh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let warehouse = try Warehouse(path: folder.appendingPathComponent("warehouse.sqlite").path)
        let catalogue = try CatalogueLoader.load(path: root.appendingPathComponent("Pipelines/catalogue.yml").path)
        let options = Ingest.Options(inputs: sampleInputs, county: "360321")
        let summary = try Ingest(options: options, catalogue: catalogue, warehouse: warehouse).run()
        #expect(summary.counts.filesLoaded == 12)  // 青石县's 9, 东湖区's 1, 柳溪县's 2
        #expect(summary.counts.filesRejected == 0)
        #expect(summary.counts.rejects == 0)
        return warehouse
    }

    @Test func schoolValuesEqualTheTruth() throws {
        let warehouse = try Self.ingestSamples()
        let rows = try warehouse.connection.prepare("SELECT school_code, stage, indicator, value, county_code, year, cell FROM school_values WHERE county_code NOT IN ('360392', '360399')").rows()
        var got: [String: Double] = [:]
        for row in rows {
            let key = "\(row[0].text!)|\(row[1].text!)|\(row[2].text!)"
            #expect(got[key] == nil, "\(key) twice")
            got[key] = row[3].double
            #expect(row[4].text == "360321")
            #expect(row[5].int == 2024)
            #expect(row[6].text?.isEmpty == false)
        }
        var expected: [String: Double] = [:]
        for school in Self.truth["schools"] as! [[String: Any]] {
            let code = school["school_code"] as! String
            let parts = school["parts"] as! [String: [String: Double]]
            for (stage, values) in parts {
                for (field, value) in values { expected["\(code)|\(stage)|\(field)"] = value }
            }
            // Whole-school figures, shared by the parts' students.
            if let shared = school["school_wide"] as? [String: Double] {
                let students = parts.mapValues { $0["students"]! }
                let total = students.values.reduce(0, +)
                for (stage, count) in students {
                    for (field, value) in shared { expected["\(code)|\(stage)|\(field)"] = value * count / total }
                }
            }
        }
        // Empty markers (—, /, 无) are zeros of the truth, loaded as 0 (`empty_markers: zero`, issue 13).
        let markers = try warehouse.connection.prepare("SELECT school_code, stage, field FROM empty_markers").rows()
            .map { "\($0[0].text!)|\($0[1].text!)|\($0[2].text!)" }
        #expect(!markers.isEmpty)
        for key in markers {
            #expect(expected[key] == 0, "\(key) is marked empty but the truth has \(String(describing: expected[key]))")
            #expect(got[key] == 0, "\(key) is marked empty: loaded \(String(describing: got[key])), want 0")
        }
        // The truth's teachers_above_required_degree is the stage's required degree: a return may give it
        // as the stage's own degree count (primary 专科及以上, junior 本科及以上; issue 13).
        for key in expected.keys where key.hasSuffix("|teachers_above_required_degree") && got[key] == nil {
            let stageField = key.contains("|primary|") ? "teachers_college_degree" : "teachers_bachelor_degree"
            let own = key.replacingOccurrences(of: "teachers_above_required_degree", with: stageField)
            if got[own] != nil { expected[own] = expected.removeValue(forKey: key) }
        }
        #expect(Set(got.keys) == Set(expected.keys), "missing: \(Set(expected.keys).subtracting(got.keys).sorted().prefix(5)), extra: \(Set(got.keys).subtracting(expected.keys).sorted().prefix(5))")
        for (key, want) in expected {
            guard let value = got[key] else { continue }
            #expect(abs(value - want) <= 0.01, "\(key): \(value), want \(want)")
        }
    }

    @Test func provenanceNamesTheSourceCell() throws {
        let warehouse = try Self.ingestSamples()
        let rows = try warehouse.connection.prepare("""
            SELECT source_file, sheet, cell, value FROM school_values
            WHERE school_code = '3603210016' AND indicator = 'equipment_value'
            """).rows()
        #expect(rows.count == 1)
        #expect(rows.first?[0].text?.hasSuffix("青石县城关镇2024年中小学统计表.xlsx") == true)
        #expect(rows.first?[1].text == "小学")
        #expect(rows.first?[2].text == "P5")
        #expect(rows.first?[3].double == 5_703_900)  // 570.39 万元 in the file
    }
}
