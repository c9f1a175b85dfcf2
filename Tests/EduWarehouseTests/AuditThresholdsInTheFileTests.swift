import EduAudit
import Foundation
@testable import EduWarehouse
import Testing

/// Each rule's threshold or severity edited in the text of Pipelines/checks.yml, as a statistician
/// edits it: the same return gives the finding under the shipped file and not (or otherwise) under
/// the edited one.
struct AuditThresholdsInTheFileTests {
    static let path = BalanceViewTests.root.appendingPathComponent("Pipelines/checks.yml")

    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        /// The shipped text and what it is edited to.
        var original: String
        var edited: String
        var csv: [String]
        /// `severity indicator cell` of the rule's findings under the shipped file, then the edited one.
        var shipped: [String]
        var after: [String]
        var testDescription: String { rule }
    }

    static let students = "学校标识码,学校名称,办学类型,统计年度,在校学生数,班级数,专任教师数,高于规定学历教师数,教学及辅助用房面积,图书册数,计算机台数"
    static let cases: [Case] = [
        Case(rule: "negative_value", original: "  negative_value:\n    severity: error", edited: "  negative_value:\n    severity: warning",
             csv: [students, "3603219701,甲小学,小学,2024,500,10,30,28,-500,10000,50"],
             shipped: ["error teaching_aux_area I2"], after: ["warning teaching_aux_area I2"]),
        Case(rule: "subset_exceeds_total", original: "      - {part: teachers_above_required_degree, whole: full_time_teachers}\n", edited: "",
             csv: [students, "3603219701,甲小学,小学,2024,500,10,30,45,2500,10000,50"],
             shipped: ["error teachers_above_required_degree H2"], after: []),
        Case(rule: "parts_vs_whole", original: "    fields: [students, classes, staff]\n    tolerance: 0",
             edited: "    fields: [students, classes, staff]\n    tolerance: 60",
             csv: ["学校标识码,学校名称,办学类型,统计年度,小学在校生数,初中在校生数,在校生数合计",
                   "3603219705,戊学校,九年一贯制学校,2024,620,380,1050"],
             shipped: ["error students G2"], after: []),
        Case(rule: "breakdown_vs_total", original: "与合计{other_value}不符\"\n    tolerance: 0",
             edited: "与合计{other_value}不符\"\n    tolerance: 5",
             csv: ["学校标识码,学校名称,办学类型,统计年度,在校学生数,,", ",,,,合计,一年级,二年级", "3603219701,甲小学,小学,2024,100,50,53"],
             shipped: ["error students E3"], after: []),
        Case(rule: "class_size", original: "large: {above: 56,", edited: "large: {above: 45,",
             csv: [students, "3603219701,甲小学,小学,2024,500,10,30,28,2500,10000,50"],
             shipped: [], after: ["warning students_per_class F2"]),
        Case(rule: "per_student_range", original: "books: {max: 500,", edited: "books: {max: 1000,",
             csv: [students, "3603219701,甲小学,小学,2024,500,10,30,28,2500,300000,50"],
             shipped: ["warning books J2"], after: []),
        Case(rule: "year_over_year", original: "changes: {students: 0.30,", edited: "changes: {students: 0.50,",
             csv: [students, "3603219701,甲小学,小学,2023,500,10,30,28,2500,10000,50", "3603219701,甲小学,小学,2024,700,14,30,28,2500,10000,50"],
             shipped: ["warning students E3"], after: []),
        Case(rule: "missing_required", original: "    fields: [students, full_time_teachers, teaching_aux_area, sports_area, equipment_value, computers, books,",
             edited: "    fields: [students, full_time_teachers, teaching_aux_area, sports_area, equipment_value, books,",
             csv: [students, "3603219701,甲小学,小学,2024,500,10,30,28,2500,10000,"],
             shipped: ["warning computers K2"], after: []),
    ]

    static func found(_ warehouse: Warehouse, rule: String) throws -> [String] {
        try warehouse.connection.prepare("SELECT severity, indicator, coalesce(cell, '-') FROM audit_findings WHERE rule = ? ORDER BY cell")
            .rows([.text(rule)]).map { row in (0..<3).map { row[$0].text ?? "" }.joined(separator: " ") }
    }

    @Test(arguments: cases)
    func anEditInTheFileMovesTheFinding(_ check: Case) throws {
        let text = try String(contentsOf: Self.path, encoding: .utf8)
        #expect(text.contains(check.original), "\(check.rule): Pipelines/checks.yml changed; update the test")
        let shipped = try AuditRulesLoader.parse(text, source: "checks.yml")
        let edited = try AuditRulesLoader.parse(text.replacingOccurrences(of: check.original, with: check.edited), source: "checks.yml")
        let warehouse = try JudgedBalanceTests.ingest(csv: check.csv)
        try warehouse.syncAuditRules(shipped)
        #expect(try Self.found(warehouse, rule: check.rule) == check.shipped)
        try warehouse.syncAuditRules(edited)
        #expect(try Self.found(warehouse, rule: check.rule) == check.after)
    }
}
