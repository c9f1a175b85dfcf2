import EduIngest
import EduNormalise
@testable import EduWarehouse
import Foundation
import Testing

/// The sample district (SampleInputs/东湖区, a WPS-style workbook with one sheet per school type)
/// ingested with the county and read back through `school_values` and `schools`: every part's
/// figures as TRUTH.json → district writes them, whole-school figures shared by students over all
/// parts (the senior part included), last year's hidden sheet in 2023, and nothing else.
struct DistrictWarehouseTests {
    nonisolated(unsafe) static let district = SampleWarehouseTests.truth["district"] as? [String: Any] ?? [:]

    /// school|stage|field → value for one year's schools, as the views should show them.
    static func expected(_ schools: [[String: Any]]) -> [String: Double] {
        var expected: [String: Double] = [:]
        for school in schools {
            guard let code = school["school_code"] as? String, let parts = school["parts"] as? [String: [String: Double]] else { continue }
            for (stage, values) in parts {
                for (field, value) in values { expected["\(code)|\(stage)|\(field)"] = value }
            }
            guard let shared = school["school_wide"] as? [String: Double] else { continue }
            let students = parts.compactMapValues { $0["students"] }.filter { $0.value > 0 }
            let total = students.values.reduce(0, +)
            if students.isEmpty {
                for (field, value) in shared { expected["\(code)|whole_school|\(field)"] = value }
            }
            for (stage, count) in students {
                for (field, value) in shared { expected["\(code)|\(stage)|\(field)"] = value * count / total }
            }
        }
        return expected
    }

    static func got(_ warehouse: Warehouse, year: Int) throws -> [String: Double] {
        var got: [String: Double] = [:]
        for row in try warehouse.connection.prepare("SELECT school_code, stage, indicator, value FROM school_values WHERE county_code = '360392' AND year = ?")
            .rows([.int(Int64(year))]) {
            let key = "\(row[0].text ?? "")|\(row[1].text ?? "")|\(row[2].text ?? "")"
            #expect(got[key] == nil, "\(key) twice")
            got[key] = row[3].double
        }
        return got
    }

    static func compare(_ got: [String: Double], _ expected: [String: Double], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(Set(got.keys) == Set(expected.keys), "missing: \(Set(expected.keys).subtracting(got.keys).sorted().prefix(5)), extra: \(Set(got.keys).subtracting(expected.keys).sorted().prefix(5))",
                sourceLocation: sourceLocation)
        for (key, want) in expected {
            guard let value = got[key] else { continue }
            #expect(abs(value - want) <= 0.01, "\(key): \(value), want \(want)", sourceLocation: sourceLocation)
        }
    }

    @Test func theDistrictsValuesEqualTheTruth() throws {
        let warehouse = try SampleWarehouseTests.ingestSamples()
        let schools = try #require(Self.district["schools"] as? [[String: Any]])
        #expect(schools.count == 40)
        Self.compare(try Self.got(warehouse, year: 2024), Self.expected(schools))
        // The hidden sheet 小学(2023), titled 2023年…, holds last year's figures.
        let lastYear = try #require((Self.district["last_year"] as? [String: Any])?["schools"] as? [[String: Any]])
        Self.compare(try Self.got(warehouse, year: 2023), Self.expected(lastYear))
        let rejects = try warehouse.connection.prepare("SELECT count(*) FROM rejected_cells WHERE source_file LIKE '%东湖区%'").rows()
        #expect(rejects.first?.first?.int == 0)
    }

    @Test func aCompleteSchoolsWholeSchoolFiguresAreSharedOverJuniorAndSenior() throws {
        let warehouse = try SampleWarehouseTests.ingestSamples()
        let schools = try #require(Self.district["schools"] as? [[String: Any]])
        let complete = try #require(schools.first { $0["type"] as? String == "完全中学" })
        let code = try #require(complete["school_code"] as? String)
        let parts = try #require(complete["parts"] as? [String: [String: Double]])
        let books = try #require((complete["school_wide"] as? [String: Double])?["books"])
        let junior = try #require(parts["junior"]?["students"]), senior = try #require(parts["senior"]?["students"])
        let rows = try warehouse.connection.prepare("SELECT stage, value FROM school_values WHERE school_code = ? AND indicator = 'books' ORDER BY stage")
            .rows([.text(code)])
        #expect(rows.map { $0[0].text } == ["junior", "senior"])
        #expect(abs((rows.first?[1].double ?? 0) - books * junior / (junior + senior)) < 1e-6)
        #expect(abs((rows.last?[1].double ?? 0) - books * senior / (junior + senior)) < 1e-6)
        // The balance figures judge the junior part only.
        let judged = try warehouse.connection.prepare("SELECT stage FROM school_indicators WHERE school_code = ?").rows([.text(code)])
        #expect(judged.map { $0[0].text } == ["junior"])
    }

    @Test func theDistrictsSchoolsCarryTheirIdentity() throws {
        let warehouse = try SampleWarehouseTests.ingestSamples()
        let schools = try #require(Self.district["schools"] as? [[String: Any]])
        let rows = try warehouse.connection.prepare("SELECT code, name, county_code, township, school_type, ownership, sponsor, address FROM schools WHERE county_code = '360392'").rows()
        #expect(rows.count == 41, "40 schools and last year's 竹坑小学")
        for school in schools {
            let code = try #require(school["school_code"] as? String)
            let row = try #require(rows.first { $0[0].text == code }, "\(code)")
            #expect(row[1].text == school["name"] as? String)
            #expect(row[3].text == school["township"] as? String, "\(code) township")
            #expect(row[4].text == school["type"] as? String, "\(code) type")
            #expect(row[5].text == school["ownership"] as? String, "\(code) ownership")
            #expect(row[6].text == school["ownership_written"] as? String)
            #expect(row[7].text == school["address"] as? String, "\(code) address")
        }
    }

    @Test func theSummarySheetAndTheEmptyPartAreRecordedNotLoaded() throws {
        let warehouse = try SampleWarehouseTests.ingestSamples()
        let layout = try warehouse.connection.prepare("SELECT layout FROM sheets WHERE name = '一览表'").rows()
        #expect(layout.map { $0[0].text } == ["none"])
        let skipped = try warehouse.connection.prepare("SELECT kind, count(*) FROM skipped_rows s JOIN sheets sh ON sh.id = s.sheet_id WHERE sh.name = '十二年一贯制学校' GROUP BY kind ORDER BY kind")
            .rows().map { "\($0[0].text ?? ""):\($0[1].int ?? 0)" }
        #expect(skipped.contains("empty-part:1") && skipped.contains("township:2") && skipped.contains("totals:1"), "\(skipped)")
        let subtotals = try warehouse.connection.prepare("SELECT count(*) FROM skipped_rows s JOIN sheets sh ON sh.id = s.sheet_id WHERE sh.name = '初级中学' AND kind = 'township-subtotal'").rows()
        #expect(subtotals.first?.first?.int == 4)
    }
}
