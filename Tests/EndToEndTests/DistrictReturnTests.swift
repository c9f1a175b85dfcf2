import Foundation
import Testing

/// The district return (SampleInputs/东湖区, one sheet per school type, as WPS writes it) through
/// the binary: every column mapped as issue 10 says, no school row rejected, the summary sheet
/// skipped with its reason; the county from the file when no flag is given, the flag holding
/// (with a warning) when one is. The same workbook converted by LibreOffice reads the same.
struct DistrictReturnTests {
    static let workbook = BinaryRunner.root.appendingPathComponent("SampleInputs/东湖区/东湖区2024年教育事业统计年报.xlsx").path
    static let libreOffice = BinaryRunner.root.appendingPathComponent("Tests/EduNormaliseTests/Fixtures/district_libreoffice.xlsx").path
    static let catalogue = BinaryRunner.root.appendingPathComponent("Pipelines/catalogue.yml").path

    static func sheets(_ path: String) throws -> [[String: Any]] {
        let result = try BinaryRunner.run(["headers", "--json", "--catalogue", catalogue, path])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test(arguments: [workbook, libreOffice])
    func headersMapEveryColumnAndRejectNoSchoolRow(path: String) throws {
        let sheets = try Self.sheets(path)
        #expect(sheets.map { $0["sheet"] as? String } == ["一览表", "幼儿园", "小学", "初级中学", "九年一贯制学校", "高级中学", "完全中学",
                                                          "十二年一贯制学校", "职中", "特殊教育", "小学(2023)"])
        let summary = try #require(sheets.first)
        #expect(summary["layout"] as? String == "none")
        #expect((summary["reason"] as? String)?.contains("summary sheet") == true)
        for sheet in sheets.dropFirst() {
            let name = sheet["sheet"] as? String ?? ""
            #expect(sheet["layout"] as? String == "table", "\(name)")
            #expect(sheet["header_rows"] as? [Int] == [3, 5], "\(name)")
            #expect((sheet["rejects"] as? [Any])?.isEmpty == true, "\(name): \(String(describing: sheet["rejects"]))")
            let columns = try #require(sheet["columns"] as? [[String: Any]])
            let fields = Set(columns.compactMap { $0["field"] as? String })
            for field in ["school_code", "school_name", "ownership", "address", "students", "students_female", "classes", "staff",
                          "full_time_teachers", "books", "equipment_value"] {
                #expect(fields.contains(field), "\(name): \(field)")
            }
            // Every unmapped column says why: a breakdown, or a figure the catalogue does not keep.
            for column in columns where column["field"] is NSNull {
                let note = column["note"] as? String ?? ""
                #expect(note.contains("breakdown") || note.contains("matches no field"), "\(name) \(column["column"] ?? ""): \(note)")
            }
            let skipped = try #require(sheet["skipped"] as? [[String: Any]])
            #expect(skipped.contains { $0["row"] as? Int == 6 && $0["kind"] as? String == "totals" }, "\(name)")
        }
        let stages = sheets.compactMap { $0["records_by_stage"] as? [String: Int] }.reduce(into: [String: Int]()) { total, sheet in
            total.merge(sheet, uniquingKeysWith: +)
        }
        // 2024: 21 primary, 13 junior, 7 senior, 6 preschool parts; 16 primary schools in the hidden 2023 sheet.
        #expect(stages == ["primary": 37, "junior": 13, "senior": 7, "preschool": 6, "whole_school": 8])
    }

    @Test func withoutAFlagTheFileNamesItsCounty() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let result = try BinaryRunner.run(["ingest", Self.workbook, "--db", db.path, "--catalogue", Self.catalogue])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("warning"))
        #expect(try WarehouseQuery.lines(db, "SELECT DISTINCT county_code, year FROM loaded_values ORDER BY year") == ["360392 | 2023", "360392 | 2024"])
        #expect(try WarehouseQuery.count(db, "rejected_cells") == 0)
    }

    @Test func aFlagThatDisagreesHoldsAndIsWarned() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let result = try BinaryRunner.run(["ingest", Self.workbook, "--db", db.path, "--catalogue", Self.catalogue, "--county", "360321"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("warning: \(Self.workbook): it names 东湖区 (360392) but --county 360321 was given: 360321 holds"))
        #expect(try WarehouseQuery.lines(db, "SELECT DISTINCT county_code FROM loaded_values") == ["360321"])
        #expect(try WarehouseQuery.count(db, "source_files", where: "message LIKE '%东湖区 (360392)%'") == 1)
    }
}
