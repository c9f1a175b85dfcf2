import EduAudit
import EduIngest
import Foundation
@testable import EduWarehouse
import Testing

/// audit_findings as 011 reads it (a county's values through an index, a school's parts summed for
/// it, school parts from school_parts) gives 008's findings, row for row.
struct AuditByCountyTests {
    static let columns = "year, county_code, township, school_code, school_name, stage, rule, severity, message, indicator, value, expected, "
        + "source_file, sheet, cell"

    static func expectSameAsBefore(_ warehouse: Warehouse, _ moment: String) throws -> Int {
        let connection = warehouse.connection
        try connection.execute("DROP VIEW IF EXISTS temp.old_audit_findings")
        try connection.execute(Schema.auditFindingsWithBreakdowns
            .replacingOccurrences(of: "CREATE VIEW audit_findings", with: "CREATE TEMP VIEW old_audit_findings"))
        let now = try HandMadeLoads.dump("SELECT \(columns) FROM audit_findings ORDER BY \(columns)", in: connection)
        let before = try HandMadeLoads.dump("SELECT \(columns) FROM old_audit_findings ORDER BY \(columns)", in: connection)
        #expect(now == before, "\(moment)")
        // Asked for one county, the same rows as filtering the whole list.
        for county in try HandMadeLoads.dump("SELECT DISTINCT county_code FROM loaded_values", in: connection).compactMap(\.first) {
            let code = String(county.dropFirst())
            let one = try HandMadeLoads.dump("SELECT \(columns) FROM audit_findings WHERE county_code = '\(code)' ORDER BY \(columns)", in: connection)
            #expect(one == before.filter { $0[1] == "t\(code)" }, "\(moment): \(code)")
        }
        return now.count
    }

    @Test func theSamplesFindingsAreThoseOf008() throws {
        let warehouse = try BalanceViewTests.ingestSamples()
        try warehouse.syncAuditRules(try #require(AuditFindingsTests.rules))
        #expect(try Self.expectSameAsBefore(warehouse, "the samples") >= 10)
    }

    /// Every rule, in two counties and two years, a nine-year school's parts against its whole.
    @Test func everyRulesFindingsAreThoseOf008() throws {
        let warehouse = try JudgedBalanceTests.ingest(files: [
            "a.csv": [
                "学校标识码,学校名称,学段,行政区划代码,统计年度,在校学生数,班级数,教职工数,专任教师数,高于规定学历教师数,教学及辅助用房面积,图书册数,计算机台数",
                "3603219701,甲小学,小学,360321,2024,500,10,35,30,45,-500,10000,",
                "3603219701,甲小学,小学,360321,2023,300,10,35,30,25,2000,10000,40",
                "3603229702,乙学校,小学,360322,2024,620,12,,40,30,3000,400000,50",
                "3603229702,乙学校,初中,360322,2024,380,4,,30,28,2000,12000,40",
                "3603229702,乙学校,全校,360322,2024,1050,16,90,,,,,",
            ],
        ])
        try warehouse.syncAuditRules(try #require(AuditFindingsTests.rules))
        #expect(try Self.expectSameAsBefore(warehouse, "every rule") >= 6)
        let rules = Set(try HandMadeLoads.dump("SELECT DISTINCT rule FROM audit_findings", in: warehouse.connection).compactMap(\.first))
        #expect(rules.isSuperset(of: ["tparts_vs_whole", "tmissing_required", "tnegative_value", "tsubset_exceeds_total", "tyear_over_year",
                                      "tper_student_range"]), "\(rules)")
    }
}
