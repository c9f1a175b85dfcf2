import EduCSV
import EduCore
@testable import EduNormalise
import EduXLS
import EduXLSX
import Foundation
import Testing

/// Every file of the sample county normalises with every required field mapped, the totals and
/// note rows skipped, and each school's values equal to the figures SampleInputs/TRUTH.json
/// writes down for it (made by the sample generator, independently of the normaliser).
struct SampleInputsTests {
    static let folder = CatalogueFixture.root.appendingPathComponent("SampleInputs")
    nonisolated(unsafe) static let truth = try! JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("TRUTH.json"))) as! [String: Any]
    static let files = (truth["files"] as! [[String: Any]]).map { $0["file"] as! String }
    static let baseCounts = ["students", "classes", "full_time_teachers", "teachers_above_required_degree",
                             "teachers_mid_senior_title", "backbone_teachers", "pe_arts_teachers", "teaching_aux_area",
                             "sports_area", "equipment_value", "computers", "books", "multimedia_classrooms"]
    static let required = ["school_code", "school_name"] + baseCounts

    /// The field a record gives a truth figure under: teachers_above_required_degree may come as
    /// the stage's own degree field (primary 专科及以上, junior 本科及以上) where the header names it.
    static func fieldGiving(_ field: String, stage: Stage, in record: SchoolRecord) -> String {
        let degree = ["primary": "teachers_college_degree", "junior": "teachers_bachelor_degree"][stage.rawValue]
        guard field == "teachers_above_required_degree", let degree, record.value(field) == nil,
              record.value(degree) != nil || record.markedEmpty.contains(where: { $0.field == degree }) else { return field }
        return degree
    }

    static func normalise(_ file: String) throws -> [NormalisedSheet] {
        let path = folder.appendingPathComponent(file).path
        let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)
        if file.hasSuffix(".csv") {
            let csv = try CSVFile(path: path)
            var rows = try csv.rows()
            return [try normaliser.normalise(&rows)]
        }
        if file.hasSuffix(".xls") {
            let workbook = try XLSWorkbook(path: path)
            return try workbook.sheets.map { sheet in
                var rows = try workbook.rows(of: sheet)
                return try normaliser.normalise(&rows)
            }
        }
        let workbook = try Workbook(path: path)
        return try workbook.sheets.map { sheet in
            var rows = try workbook.rows(of: sheet)
            return try normaliser.normalise(&rows)
        }
    }

    @Test(arguments: files)
    func requiredFieldsAreMappedAndNothingIsRejected(file: String) throws {
        for sheet in try Self.normalise(file) {
            if case .none = sheet.layout { continue }
            let missing = Set(sheet.unmappedFields(of: CatalogueFixture.catalogue)).intersection(Self.required)
            #expect(missing.isEmpty, "\(file) › \(sheet.sheet.name): \(missing.sorted())")
            #expect(sheet.rejects.isEmpty, "\(file) › \(sheet.sheet.name): \(sheet.rejects)")
        }
    }

    @Test(arguments: files)
    func totalsAndNoteRowsAreSkipped(file: String) throws {
        let entry = (Self.truth["files"] as! [[String: Any]]).first { $0["file"] as? String == file }!
        let sheets = try Self.normalise(file)
        var expected: [(String?, Int)] = []
        for key in ["totals_rows", "subtotal_rows"] {
            for (sheet, rows) in entry[key] as? [String: Any] ?? [:] {
                let numbers = rows as? [Int] ?? [rows as! Int]
                expected += numbers.map { (sheet == "csv" ? nil : sheet, $0) }
            }
        }
        for (sheetName, row) in expected {
            let sheet = try #require(sheets.first { sheetName == nil || $0.sheet.name == sheetName })
            #expect(sheet.skipped.contains { $0.row == row && $0.kind == .totals }, "\(file) › \(sheet.sheet.name) row \(row)")
            #expect(!sheet.records.contains { $0.row == row }, "\(file) › \(sheet.sheet.name) row \(row) loaded as a school")
        }
        for sheet in sheets {
            let notes = sheet.skipped.filter { $0.kind == .note }
            for record in sheet.records {
                #expect(!notes.contains { $0.row <= record.row }, "\(file): a school read below a note row, row \(record.row)")
            }
        }
    }

    @Test(arguments: files)
    func valuesEqualTheTruth(file: String) throws {
        let records = try Self.normalise(file).flatMap(\.records)
        let schools = (Self.truth["schools"] as! [[String: Any]]).filter { school in
            (school["sources"] as! [[String: Any]]).contains { $0["file"] as? String == file }
        }
        #expect(!schools.isEmpty)
        var expectedRecords = 0
        for school in schools {
            let code = school["school_code"] as! String
            let name = school["name"] as! String
            var expected: [(Stage, [String: Double])] = []
            for (stage, values) in school["parts"] as! [String: [String: Double]] {
                expected.append((Stage(rawValue: stage)!, values))
            }
            if let shared = school["school_wide"] as? [String: Double] { expected.append((.wholeSchool, shared)) }
            for (stage, values) in expected {
                let matches = records.filter { $0.schoolCode == code && $0.stage == stage }
                guard let record = matches.first else {
                    Issue.record("\(file): no \(stage.rawValue) record for \(name) (\(code)); records: \(records.map { "\($0.schoolCode ?? "?")/\($0.stage.rawValue)" })")
                    continue
                }
                expectedRecords += 1
                #expect(matches.count == 1, "\(file): \(name) \(stage.rawValue) read \(matches.count) times")
                #expect(record.schoolName == name, "\(file): \(code) is named \(record.schoolName ?? "nothing")")
                for (truthField, want) in values {
                    // The truth's 高于规定学历 is the stage's required degree; a return whose header
                    // names the degree (其中：专科及以上学历 in a primary return) gives it under the
                    // degree's own field (issue 13): primary 专科, junior 本科 (INDICATORS.md).
                    let field = Self.fieldGiving(truthField, stage: stage, in: record)
                    // The generator writes some zeros as —, / or 无 (the return's own note says
                    // 没有的项目填“—”或“无”). Under the catalogue's `empty_markers: zero` they load 0
                    // (issue 13), the marker kept on the record as written.
                    if let marked = record.markedEmpty.first(where: { $0.field == field }) {
                        #expect(want == 0 && marked.readAsZero, "\(file): \(name) \(stage.rawValue) \(field) written \(marked.written), want \(want)")
                    }
                    guard let got = record.value(field) else {
                        Issue.record("\(file): \(name) \(stage.rawValue) has no \(field), want \(want)")
                        continue
                    }
                    let tolerance = field == "equipment_value" ? 0.01 : 1e-9 * max(1, abs(want))
                    #expect(abs(got - want) <= tolerance, "\(file): \(name) \(stage.rawValue) \(field) = \(got), want \(want)")
                }
                let extra = Set(record.values.map(\.field) + record.markedEmpty.map(\.field))
                    .subtracting(values.keys.map { Self.fieldGiving($0, stage: stage, in: record) })
                #expect(extra.isEmpty, "\(file): \(name) \(stage.rawValue) has values the truth lacks: \(extra.sorted())")
            }
        }
        #expect(records.count == expectedRecords, "\(file): \(records.count) records, \(expectedRecords) expected")
    }
}
