import EduAudit
import EduIngest
import Foundation
@testable import EduWarehouse
import Testing

/// breakdown_vs_total: the columns beside a 合计 under one header, kept in breakdown_values and summed
/// against it, each case worked by hand.
struct BreakdownFindingsTests {
    static let header = [
        "学校标识码,学校名称,办学类型,统计年度,在校学生数,,,,,,,,,教职工数,,,,",
        ",,,,合计,一年级,二年级,三年级,四年级,五年级,六年级,其中：女,少数民族,合计,专任教师,行政人员,教辅人员,工勤人员",
    ]

    static func findings(_ rows: [String], rules: AuditRules? = AuditFindingsTests.rules) throws -> (Warehouse, [String]) {
        let rules = try #require(rules)
        let warehouse = try JudgedBalanceTests.ingest(csv: header + rows)
        try warehouse.syncAuditRules(rules)
        let found = try warehouse.connection.prepare("""
            SELECT school_name, rule, severity, indicator, value, expected, cell, message FROM audit_findings
            WHERE rule = 'breakdown_vs_total' ORDER BY school_code, indicator
            """).rows().map { row in (0..<8).map { row[$0].text ?? row[$0].double.map { String($0) } ?? "NULL" }.joined(separator: " | ") }
        return (warehouse, found)
    }

    /// 甲: grades 50 × 5 + 55 are 305 against 300. 乙: grades and staff add up, so nothing; its 女 and
    /// 少数民族 (parts "of which", 140 and 12) are never summed. 丙: staff 25 + 2 + 2 + 2 is 31 against
    /// 30, 专任教师 (a field of its own) counted among the parts.
    @Test func partsThatDoNotAddUpToTheirTotalAreAnErrorAtTheTotal() throws {
        let (warehouse, got) = try Self.findings([
            "3603219701,甲小学,小学,2024,300,50,50,50,50,50,55,140,12,30,25,2,2,1",
            "3603219702,乙小学,小学,2024,300,50,50,50,50,50,50,140,12,30,25,2,2,1",
            "3603219703,丙小学,小学,2024,300,50,50,50,50,50,50,140,12,30,25,2,2,2",
        ])
        #expect(got == [
            "甲小学 | breakdown_vs_total | error | students | 305.0 | 300.0 | E3 | 在校学生数的分项（F3–K3）之和为305，与合计300不符",
            "丙小学 | breakdown_vs_total | error | staff | 31.0 | 30.0 | N5 | 教职工数的分项（O5–R5）之和为31，与合计30不符",
        ], "\(got.joined(separator: "\n"))")
        let kept = try warehouse.connection.prepare("""
            SELECT part, value, cell, total_cell FROM breakdown_values WHERE school_code = '3603219701' AND field = 'students' ORDER BY cell
            """).rows().map { "\($0[0].text ?? "") \($0[1].double ?? -1) \($0[2].text ?? "") \($0[3].text ?? "")" }
        #expect(kept == ["一年级 50.0 F3 E3", "二年级 50.0 G3 E3", "三年级 50.0 H3 E3", "四年级 50.0 I3 E3", "五年级 50.0 J3 E3",
                         "六年级 55.0 K3 E3"])
        // The parts are no field's values: the students loaded are the 合计's.
        let students = try warehouse.connection.prepare("SELECT value, cell FROM loaded_values WHERE school_code = '3603219701' AND field = 'students'")
            .rows().map { "\($0[0].double ?? -1) \($0[1].text ?? "")" }
        #expect(students == ["300.0 E3"])
    }

    /// A part that is no number (五十) leaves its group unsummed, and is not rejected: it is no
    /// field's cell. A blank grade is none (a school without a sixth grade yet).
    @Test func aPartThatIsNoNumberLeavesItsGroupUnsummed() throws {
        let (warehouse, got) = try Self.findings([
            "3603219701,甲小学,小学,2024,300,五十,50,50,50,50,55,140,12,30,25,2,2,1",
            "3603219702,乙小学,小学,2024,250,50,50,50,50,50,,140,12,30,25,2,2,1",
        ])
        #expect(got.isEmpty, "\(got)")
        #expect(try warehouse.connection.prepare("SELECT count(*) FROM rejects").rows().first?[0].int == 0)
        #expect(try warehouse.connection.prepare("SELECT count(*) FROM breakdown_values WHERE school_code = '3603219701' AND field = 'students'")
            .rows().first?[0].int == 0)
    }

    /// The tolerance is the file's: with 5, a difference of 5 is none and one of 6 is.
    @Test func theToleranceIsTheFiles() throws {
        var rules = try #require(AuditFindingsTests.rules)
        rules.breakdownTolerance = 5
        let (_, got) = try Self.findings([
            "3603219701,甲小学,小学,2024,300,50,50,50,50,50,55,140,12,30,25,2,2,1",
            "3603219702,乙小学,小学,2024,300,50,50,50,50,50,56,140,12,30,25,2,2,1",
        ], rules: rules)
        #expect(got.map { $0.components(separatedBy: " | ").prefix(5).joined(separator: " | ") }
            == ["乙小学 | breakdown_vs_total | error | students | 306.0"])
    }

    /// A nine-year school's 小学 and 初中 rows each sum their own grades (七年级 … 九年级 beside 一年级 …
    /// 六年级 under one 在校学生数): 初中's 98 + 100 + 100 against 300 is the one finding.
    @Test func eachPartSumsItsOwnRow() throws {
        let warehouse = try JudgedBalanceTests.ingest(csv: [
            "学校标识码,学校名称,学段,统计年度,在校学生数,,,,,,,,,",
            ",,,,合计,一年级,二年级,三年级,四年级,五年级,六年级,七年级,八年级,九年级",
            "3603219705,戊学校,小学,2024,600,100,100,100,100,100,100,,,",
            "3603219705,戊学校,初中,2024,300,,,,,,,98,100,100",
        ])
        try warehouse.syncAuditRules(try #require(AuditFindingsTests.rules))
        let got = try warehouse.connection.prepare("SELECT stage, value, expected, cell FROM audit_findings WHERE rule = 'breakdown_vs_total'")
            .rows().map { "\($0[0].text ?? "") \($0[1].double ?? -1) \($0[2].double ?? -1) \($0[3].text ?? "")" }
        #expect(got == ["junior 298.0 300.0 E4"])
    }

    /// A new version of the file at the same place takes the old one's parts with it.
    @Test func aSupersededFileTakesItsPartsAlong() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-breakdown-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("示例县2024.csv")
        let warehouse = try Warehouse(path: folder.appendingPathComponent("warehouse.sqlite").path)
        try warehouse.syncAuditRules(try #require(AuditFindingsTests.rules))
        func load(_ row: String) throws -> [String] {
            try Data(((Self.header + [row]).joined(separator: "\r\n") + "\r\n").utf8).write(to: file)
            let options = Ingest.Options(inputs: [IngestInput(path: file.path)], county: "360321")
            _ = try Ingest(options: options, catalogue: BalanceViewTests.catalogue, standards: JudgedBalanceTests.standards, warehouse: warehouse).run()
            return try warehouse.connection.prepare("SELECT cell FROM audit_findings WHERE rule = 'breakdown_vs_total'").rows().compactMap { $0[0].text }
        }
        #expect(try load("3603219701,甲小学,小学,2024,300,50,50,50,50,50,55,140,12,30,25,2,2,1") == ["E3"])
        #expect(try load("3603219701,甲小学,小学,2024,305,50,50,50,50,50,55,140,12,30,25,2,2,1").isEmpty)
        #expect(try warehouse.connection.prepare("SELECT count(*) FROM breakdown_values").rows().first?[0].int == 10)
    }
}
