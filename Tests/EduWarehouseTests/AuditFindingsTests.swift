import EduAudit
import EduIngest
import Foundation
@testable import EduWarehouse
import Testing

/// audit_findings on a small return that made the usual mistakes, each worked out by hand.
struct AuditFindingsTests {
    static let rules = try? AuditRulesLoader.load(path: BalanceViewTests.root.appendingPathComponent("Pipelines/checks.yml").path)

    static func findings(_ lines: [String], rules: AuditRules) throws -> [String] {
        let warehouse = try JudgedBalanceTests.ingest(csv: lines)
        try warehouse.syncAuditRules(rules)
        return try warehouse.connection.prepare("""
            SELECT school_name, rule, severity, indicator, cell, message FROM audit_findings
            WHERE rule <> 'missing_required' ORDER BY school_code, rule, indicator
            """).rows().map { row in (0..<6).map { row[$0].text ?? "NULL" }.joined(separator: " | ") }
    }

    @Test func eachMistakeIsFoundAtItsCell() throws {
        let rules = try #require(Self.rules)
        let got = try Self.findings([
            "学校标识码,学校名称,办学类型,统计年度,在校学生数,班级数,教职工数,专任教师数,高于规定学历教师数,县级以上骨干教师数,教学及辅助用房面积,图书册数,教学仪器设备值",
            // −500 m²; 45 degree holders and 35 backbone teachers out of 30 teachers.
            "3603219701,甲小学,小学,2024,500,10,35,30,45,35,-500,10000,1000000",
            // 80 pupils a class (超大班额); 12,500,000 元 a pupil (万元 written as 元?).
            "3603219702,乙小学,小学,2024,800,10,50,40,30,5,4000,16000,10000000000",
            // 60 a class (大班额); 600 books a pupil.
            "3603219703,丙小学,小学,2024,600,10,45,38,30,4,3000,360000,1500000",
            // 4 a class: classes and pupils swapped?
            "3603219704,丁小学,小学,2024,100,25,12,10,8,1,600,3000,300000",
        ], rules: rules)
        #expect(got == [
            "甲小学 | negative_value | error | teaching_aux_area | K2 | 教学及辅助用房面积为-500，不能为负数",
            "甲小学 | subset_exceeds_total | error | backbone_teachers | J2 | 县级以上骨干教师数（35）大于专任教师数（30）",
            "甲小学 | subset_exceeds_total | error | teachers_above_required_degree | I2 | 高于规定学历教师数（45）大于专任教师数（30）",
            "乙小学 | class_size | error | students_per_class | F3 | 平均班额80人，超过66人（超大班额）",
            "乙小学 | per_student_range | warning | equipment_value | M3 | 生均教学仪器设备值为12500000，超出合理范围（50–100000）；可能把万元写成了元，或把元写成了万元",
            "丙小学 | class_size | warning | students_per_class | F4 | 平均班额60人，超过56人（大班额）",
            "丙小学 | per_student_range | warning | books | L4 | 生均图书册数为600，超出合理范围（≤500）；可能把万册写成了册",
            "丁小学 | class_size | warning | students_per_class | F5 | 平均班额4人，不足5人，请核对班级数与学生数是否填反",
        ], "\(got.joined(separator: "\n"))")
    }

    /// A threshold edited in the file moves the finding: with 大班额 above 45, 50 a class is one.
    @Test func anEditedThresholdIsApplied() throws {
        var rules = try #require(Self.rules)
        rules.classSizeBands[0].limit = 45
        let got = try Self.findings([
            "学校标识码,学校名称,办学类型,统计年度,在校学生数,班级数",
            "3603219701,甲小学,小学,2024,500,10",
        ], rules: rules)
        #expect(got == ["甲小学 | class_size | warning | students_per_class | F2 | 平均班额50人，超过45人（大班额）"])
    }

    /// Students up 40% on the year before (more than ±30%), books up 20% (within ±50%).
    @Test func aFigureThatMovedTooFarSinceLastYearIsAWarning() throws {
        let rules = try #require(Self.rules)
        let got = try Self.findings([
            "学校标识码,学校名称,办学类型,统计年度,在校学生数,班级数,图书册数",
            "3603219701,甲小学,小学,2023,500,12,10000",
            "3603219701,甲小学,小学,2024,700,15,12000",
        ], rules: rules)
        #expect(got == ["甲小学 | year_over_year | warning | students | E3 | 在校学生数由上年的500变为700，变化超过30%"])
    }

    /// A nine-year school's 全校 students against its parts: 620 + 380 is 1,000, not 1,050.
    @Test func partsThatDoNotAddUpToTheWholeSchoolAreAnError() throws {
        let rules = try #require(Self.rules)
        let got = try Self.findings([
            "学校标识码,学校名称,办学类型,统计年度,小学在校生数,初中在校生数,在校生数合计",
            "3603219705,戊学校,九年一贯制学校,2024,620,380,1050",
        ], rules: rules)
        #expect(got == ["戊学校 | parts_vs_whole | error | students | G2 | 各学段在校学生数之和（1000）与全校合计（1050）不符"])
    }

    /// A compulsory part whose return has a column for a needed figure but left its cell empty is
    /// told so, at the empty cell; a field the whole return lacks (computers here) is no school's mistake.
    @Test func aMissingRequiredFigureIsAWarningPerPart() throws {
        var rules = try #require(Self.rules)
        rules.requiredFields = ["students", "books", "computers"]
        let warehouse = try JudgedBalanceTests.ingest(csv: [
            "学校标识码,学校名称,办学类型,统计年度,在校学生数,图书册数",
            "3603219701,甲小学,小学,2024,500,10000",
            "3603219702,乙小学,小学,2024,300,",
        ])
        try warehouse.syncAuditRules(rules)
        let rows = try warehouse.connection.prepare("SELECT indicator, severity, message, cell FROM audit_findings WHERE rule = 'missing_required'").rows()
        #expect(rows.map { "\($0[0].text ?? "") \($0[1].text ?? "") \($0[2].text ?? "") \($0[3].text ?? "NULL")" }
            == ["books warning 缺少图书册数，无法计算相关均衡指标 F3"])
    }

    /// A CV computed over figures with error findings says how many (county_balance.audit_errors):
    /// 甲's −500 m² and its 45 degree holders of 30 teachers feed the basic CVs of area and degree
    /// (and so the composite, 2); its 35 backbone teachers feed the quality CV of backbone teachers.
    @Test func aCVOverFiguresWithErrorsSaysHowMany() throws {
        let rules = try #require(Self.rules)
        let warehouse = try JudgedBalanceTests.ingest(csv: [
            "学校标识码,学校名称,办学类型,统计年度,在校学生数,班级数,教职工数,专任教师数,高于规定学历教师数,县级以上骨干教师数,教学及辅助用房面积,图书册数,教学仪器设备值",
            "3603219701,甲小学,小学,2024,500,10,35,30,45,35,-500,10000,1000000",
            "3603219702,乙小学,小学,2024,800,10,50,40,30,5,4000,16000,10000000000",
        ])
        try warehouse.syncAuditRules(rules)
        let rows = try warehouse.connection.prepare("""
            SELECT standard, indicator, audit_errors FROM county_balance WHERE stage = 'primary' AND audit_errors > 0 ORDER BY standard, indicator
            """).rows().map { "\($0[0].text ?? "") \($0[1].text ?? "") \($0[2].int ?? -1)" }
        #expect(rows == ["basic composite 2", "basic teachers_above_required_degree_per_student 1", "basic teaching_aux_area_per_student 1",
                         "quality backbone_teachers_per_100_students 1", "quality teachers_above_required_degree_per_100_students 1",
                         "quality teaching_aux_area_per_student 1"])
    }
}
