import EduIngest
import EduNormalise
import EduStandards
@testable import EduWarehouse
import Foundation
import Testing

/// The balance views against figures computed here, independently of the SQL: the worked
/// example of INDICATORS.md (CV 0.5153), and every county_balance, school_compliance and
/// county_targets figure of the sample county from TRUTH.json.
struct BalanceViewTests {
    static let root = SampleWarehouseTests.root
    static let standards = try! StandardsLoader.load(path: root.appendingPathComponent("Pipelines/standards.yml").path)
    static let catalogue = try! CatalogueLoader.load(path: root.appendingPathComponent("Pipelines/catalogue.yml").path)

    static func ingest(_ paths: [String]) throws -> Warehouse {
        try ingest(paths.map { IngestInput(path: $0) })
    }

    /// SampleInputs with its district (东湖区/, 360392) as the other county it is.
    static func ingestSamples() throws -> Warehouse {
        try ingest(SampleWarehouseTests.sampleInputs)
    }

    static func ingest(_ inputs: [IngestInput]) throws -> Warehouse {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-balance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let warehouse = try Warehouse(path: folder.appendingPathComponent("warehouse.sqlite").path)
        let options = Ingest.Options(inputs: inputs, county: "360321")
        let summary = try Ingest(options: options, catalogue: catalogue, standards: standards, warehouse: warehouse).run()
        #expect(summary.counts.filesRejected == 0)
        return warehouse
    }

    @Test func theWorkedExampleGivesCV0_5153() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rows = [(45, 279), (37, 137), (89, 935), (76, 160), (55, 402)].enumerated().map { index, school in
            "36032190\(String(format: "%02d", index + 1)),示例第\(index + 1)小学,小学,2024,\(school.0),\(school.1)"
        }
        let csv = (["学校标识码,学校名称,办学类型,统计年度,在校学生数,图书册数"] + rows).joined(separator: "\r\n") + "\r\n"
        try Data(csv.utf8).write(to: folder.appendingPathComponent("示例县2024.csv"))
        let warehouse = try Self.ingest([folder.path])
        let row = try #require(try warehouse.connection.prepare("""
            SELECT schools, students, mean, cv, cv_limit, cv_met, judged FROM county_balance
            WHERE stage = 'primary' AND standard = 'basic' AND indicator = 'books_per_student'
            """).rows().first)
        #expect(row[0].int == 5)
        #expect(row[1].double == 302)
        #expect(abs(row[2].double! - 1913.0 / 302) < 1e-9)
        #expect(abs(row[3].double! - 0.5153) < 0.00005, "cv \(row[3])")
        #expect(row[4].double == 0.65)
        // The 2012 standard judges only the composite: an indicator's CV is reported, not judged.
        #expect(row[5].int == nil)
        #expect(row[6].int == 0)
        // With books alone, seven of the eight indicators have no CV: no composite, and why.
        let composite = try #require(try warehouse.connection.prepare("""
            SELECT cv, cv_met, judged, composite_note FROM county_balance WHERE stage = 'primary' AND indicator = 'composite'
            """).rows().first)
        #expect(composite[0].double == nil)
        #expect(composite[1].int == nil)
        #expect(composite[2].int == 1)
        let note = try #require(composite[3].text)
        #expect(note.hasPrefix("teaching_aux_area_per_student: no school reported teaching_aux_area; "))
        #expect(note.split(separator: ";").count == 7)
        #expect(!note.contains("books_per_student"))
    }

    /// A school part's figures as the views should see them: its own, plus whole-school figures
    /// shared by its students.
    struct Part {
        var code: String
        var name: String
        var type: String
        var stage: String
        var values: [String: Double]
    }

    static func truthParts() throws -> [Part] {
        let truth = SampleWarehouseTests.truth
        var parts: [Part] = []
        for school in truth["schools"] as! [[String: Any]] {
            let stages = school["parts"] as! [String: [String: Double]]
            let shared = school["school_wide"] as? [String: Double] ?? [:]
            let total = stages.values.map { $0["students"]! }.reduce(0, +)
            for (stage, own) in stages {
                var values = own
                for (field, value) in shared where values[field] == nil { values[field] = value * own["students"]! / total }
                parts.append(Part(code: school["school_code"] as! String, name: school["name"] as! String,
                                  type: school["type"] as! String, stage: stage, values: values))
            }
        }
        return parts
    }

    static func indicator(_ id: String, of part: Part) -> Double? {
        guard let definition = DerivedIndicator.all.first(where: { $0.id == id }),
              let numerator = part.values[definition.field], let students = part.values["students"], students > 0 else { return nil }
        return numerator * definition.scale / students
    }

    static func excluded(_ part: Part) -> Bool {
        standards.exclusions.contains { rule in
            rule.schoolType == part.type && (rule.belowStudents.map { part.values["students"]! < $0 } ?? true)
        }
    }

    @Test func countyBalanceEqualsAnIndependentComputation() throws {
        let warehouse = try Self.ingestSamples()
        let parts = try Self.truthParts()
        var checked = 0
        for stage in ["primary", "junior"] {
            let included = parts.filter { $0.stage == stage && !Self.excluded($0) }
            for (standard, ids) in [("basic", Self.standards.basicIndicators), ("quality", Self.standards.qualityIndicators)] {
                var cvs: [Double] = []
                for id in ids {
                    // Empty markers (—, 无) are zeros of the truth, loaded as 0: such a school counts.
                    let points = included.compactMap { part in Self.indicator(id, of: part).map { (part.values["students"]!, $0) } }
                    let students = points.map(\.0).reduce(0, +)
                    let mean = points.map { $0.0 * $0.1 }.reduce(0, +) / students
                    let sd = (points.map { $0.0 / students * ($0.1 - mean) * ($0.1 - mean) }.reduce(0, +)).squareRoot()
                    let cv = sd / mean
                    cvs.append(cv)
                    let row = try #require(try warehouse.connection.prepare("""
                        SELECT schools, students, mean, cv, cv_limit FROM county_balance
                        WHERE county_code = '360321' AND stage = ? AND standard = ? AND indicator = ?
                        """).rows([.text(stage), .text(standard), .text(id)]).first, "\(stage) \(standard) \(id)")
                    #expect(row[0].int == Int64(points.count), "\(stage) \(id) schools")
                    #expect(abs(row[1].double! - students) < 1e-6)
                    #expect(abs(row[2].double! - mean) <= 1e-9 * abs(mean), "\(stage) \(id) mean \(row[2]) vs \(mean)")
                    #expect(abs(row[3].double! - cv) < 1e-9, "\(stage) \(id) cv \(row[3]) vs \(cv)")
                    #expect(row[4].double == Self.standards.cvLimits[BalanceStandard(rawValue: standard)!]![Stage(rawValue: stage)!])
                    checked += 1
                }
                if standard == "basic" {
                    let composite = try #require(try warehouse.connection.prepare("""
                        SELECT cv FROM county_balance WHERE county_code = '360321' AND stage = ? AND standard = 'basic' AND indicator = 'composite'
                        """).rows([.text(stage)]).first?.first?.double)
                    #expect(abs(composite - cvs.reduce(0, +) / Double(cvs.count)) < 1e-9)
                }
            }
            // The published reference of the generator agrees to its four decimals.
            let reference = (SampleWarehouseTests.truth["reference"] as! [String: Any])[stage] as! [String: Any]
            let basicReference = reference["basic_cv"] as! [String: Double]
            let row = try warehouse.connection.prepare("SELECT cv FROM county_balance WHERE county_code = '360321' AND stage = ? AND indicator = 'sports_area_per_student' AND standard = 'basic'")
                .rows([.text(stage)]).first?.first?.double
            let cv = try #require(row, "\(stage): no CV of sports_area_per_student")
            #expect(abs(cv - basicReference["sports_area_per_student"]!) < 0.00005)
        }
        #expect(checked == 30)
    }

    @Test func everySchoolIndicatorEqualsAnIndependentComputation() throws {
        let warehouse = try Self.ingestSamples()
        let ids = DerivedIndicator.all.map(\.id)
        let rows = try warehouse.connection.prepare("SELECT school_code, stage, students, \(ids.joined(separator: ", ")) FROM school_indicators WHERE county_code = '360321'").rows()
        let parts = try Self.truthParts()
        #expect(rows.count == parts.count)
        for part in parts {
            let row = try #require(rows.first { $0[0].text == part.code && $0[1].text == part.stage }, "\(part.name) \(part.stage)")
            #expect(row[2].double == part.values["students"])
            for (offset, id) in ids.enumerated() {
                let got = row[3 + offset].double
                // Where the truth has no figure (or students), the view has none either.
                guard let want = Self.indicator(id, of: part) else {
                    #expect(got == nil, "\(part.name) \(part.stage) \(id): \(String(describing: got)) where the truth has no figure")
                    continue
                }
                #expect(got.map { abs($0 - want) <= 1e-9 * max(1, abs(want)) } == true, "\(part.name) \(part.stage) \(id): \(String(describing: got)) vs \(want)")
            }
        }
    }

    @Test func complianceEqualsAnIndependentComputation() throws {
        let warehouse = try Self.ingestSamples()
        let rows = try warehouse.connection.prepare("""
            SELECT DISTINCT school_code, stage, indicators_met, complies, excluded_reason FROM school_compliance WHERE county_code = '360321'
            """).rows()
        var seen = 0
        for part in try Self.truthParts() {
            let row = try #require(rows.first { $0[0].text == part.code && $0[1].text == part.stage }, "\(part.name) \(part.stage)")
            let items = Self.standards.qualityMinimums.map { entry in (Self.indicator(entry.indicator, of: part), entry.minimums[Stage(rawValue: part.stage)!]!) }
            let met = items.filter { item in item.0.map { $0 >= item.1 } ?? false }.count
            let allKnown = items.allSatisfy { $0.0 != nil }
            let floorKept = items.allSatisfy { value, minimum in value.map { $0 >= minimum || $0 >= Self.standards.unmetFloor * minimum } ?? true }
            // A figure written —, / or 无 is a known 0 (`empty_markers: zero`); one the return lacks is missing.
            let missing = items.filter { $0.0 == nil }.count
            let belowFloor = items.contains { value, minimum in value.map { $0 < Self.standards.unmetFloor * minimum } ?? false }
            // Fails whatever the missing figures are: 0; could still go either way: NULL; else as computed.
            let complies: Int64? = belowFloor || met + missing < Self.standards.minMet ? 0
                : missing > 0 ? nil : (met >= Self.standards.minMet && floorKept ? 1 : 0)
            #expect(allKnown || missing > 0)
            #expect(row[2].int == Int64(met), "\(part.name) \(part.stage) met")
            #expect(row[3].int == complies, "\(part.name) \(part.stage) complies")
            #expect((row[4].text != nil) == Self.excluded(part), "\(part.name) excluded: \(String(describing: row[4].text))")
            seen += 1
        }
        #expect(seen == 38)
        // Nine-year schools count in both stages; the teaching points under 50 pupils are listed as excluded.
        #expect(rows.filter { $0[0].text == "3603210071" }.count == 2)
        let excludedPoints = rows.filter { $0[4].text?.contains("教学点") == true }.compactMap { $0[0].text }.sorted()
        #expect(excludedPoints.count == 3)
    }

    @Test func countyTargetsCompareTheCountyFigures() throws {
        let warehouse = try Self.ingestSamples()
        let county = (SampleWarehouseTests.truth["county"] as! [String: Any])["rates_file"] as! [String: Any]
        let values = county["values"] as! [String: Double]
        let rows = try warehouse.connection.prepare("""
            SELECT indicator, value, target, comparison, met FROM county_targets
            WHERE year = 2024 AND county_code = '360321' AND computed_from_schools IS NULL
            """).rows()
        #expect(rows.count == values.count)
        for row in rows {
            let id = row[0].text!
            let want = try #require(values[id])
            #expect(abs(row[1].double! - want) < 1e-9, "\(id)")
            let target = try #require(Self.standards.countyTargets.first { $0.indicator == id })
            let met = target.comparison == .atLeast ? want >= target.target : want <= target.target
            #expect(row[4].int == (met ? 1 : 0), "\(id)")
        }
        #expect(rows.contains { $0[0].text == "junior_progression_rate" && $0[1].double! > 1 })  // a gross rate above 100% is valid
    }
}
