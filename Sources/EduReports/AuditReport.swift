import EduAudit
import EduNormalise
import EduWarehouse
import Foundation

/// A county's findings of the checks (审核) for a year, arranged for sending back: grouped by
/// township (the schools without one under 未分乡镇, last), with the counts by rule and severity.
public struct AuditReport: Sendable {
    public var year: Int
    public var countyCode: String
    public var countyName: String?
    /// Every finding, by township, school, stage, rule and indicator (as the warehouse orders them).
    public var findings: [AuditFindingRow]
    /// The day the files are dated by.
    public var generated: Date

    /// The sheet of the schools whose returns name no township.
    public static let noTownship = "未分乡镇"

    public init(year: Int, countyCode: String, countyName: String?, findings: [AuditFindingRow], generated: Date = Date()) {
        self.year = year
        self.countyCode = countyCode
        self.countyName = countyName
        self.findings = findings
        self.generated = generated
    }

    /// Reads the county's findings and name from the warehouse.
    public init(warehouse: Warehouse, year: Int, county: String, generated: Date = Date()) throws {
        self.init(year: year, countyCode: county, countyName: try warehouse.countyName(code: county),
                  findings: try warehouse.auditFindings(year: year, county: county), generated: generated)
    }

    /// One township's findings.
    public struct Township: Sendable, Equatable {
        /// nil: the schools whose returns name no township.
        public var name: String?
        public var findings: [AuditFindingRow]

        /// The name its sheet is given: the township, or 未分乡镇.
        public var label: String { name ?? AuditReport.noTownship }
    }

    /// How many findings a rule gave at a severity.
    public struct Count: Sendable, Equatable {
        public var rule: AuditRuleID
        public var severity: AuditSeverity
        public var findings: Int
    }

    /// The townships in the findings' order (named ones by name, 未分乡镇 last).
    public var townships: [Township] {
        var result: [Township] = []
        for finding in findings {
            if let last = result.indices.last, result[last].name == finding.township {
                result[last].findings.append(finding)
            } else if let index = result.firstIndex(where: { $0.name == finding.township }) {
                result[index].findings.append(finding)
            } else {
                result.append(Township(name: finding.township, findings: [finding]))
            }
        }
        return result
    }

    /// The counts by rule (in AuditRuleID's order) and severity (errors first), rules without findings left out.
    public var counts: [Count] {
        AuditRuleID.allCases.flatMap { rule in
            AuditSeverity.allCases.compactMap { severity in
                let number = findings.filter { $0.rule == rule && $0.severity == severity }.count
                return number > 0 ? Count(rule: rule, severity: severity, findings: number) : nil
            }
        }
    }

    public var errors: Int { findings.filter { $0.severity == .error }.count }
    public var warnings: Int { findings.filter { $0.severity == .warning }.count }
    /// Whether any finding is an error: a figure that cannot be right, which stops a pipeline before exporting.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// 青石县, or the code when the warehouse has no name for the county.
    public var countyLabel: String { countyName ?? countyCode }

    /// 青石县（360321）2024年教育统计报表审核问题清单.
    public var title: String {
        "\(ReportLabels.countyHeading(name: countyName, code: countyCode))\(year)年教育统计报表审核问题清单"
    }

    /// "2026-11-26" in the local time zone.
    public var generatedDay: String { ReportFiles.day(of: generated) }

    /// "青石县（360321）2024年: 8 findings, 5 errors, 3 warnings", for the terminal.
    public var headline: String {
        let county = ReportLabels.countyHeading(name: countyName, code: countyCode)
        if findings.isEmpty { return "\(county)\(year)年: no findings" }
        return "\(county)\(year)年: \(findings.count) finding\(findings.count == 1 ? "" : "s"), "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}

/// The words the audit exports show.
public enum AuditLabels {
    /// 问题类型: each rule in Chinese.
    public static func rule(_ rule: AuditRuleID) -> String {
        switch rule {
        case .negativeValue: return "数值为负"
        case .subsetExceedsTotal: return "分项大于总数"
        case .partsVsWhole: return "各学段之和与全校不符"
        case .breakdownVsTotal: return "分类之和与合计不符"
        case .classSize: return "班额异常"
        case .perStudentRange: return "生均值超出合理范围"
        case .yearOverYear: return "与上年相比变化过大"
        case .missingRequired: return "缺少必填数据"
        }
    }

    /// 严重程度: 错误 (cannot be right) or 提示 (to confirm).
    public static func severity(_ severity: AuditSeverity) -> String {
        switch severity {
        case .error: return "错误"
        case .warning: return "提示"
        }
    }

    /// 指标: the catalogue's name of the field, 平均班额 for class sizes, else the id.
    public static func indicator(_ finding: AuditFindingRow) -> String {
        if let name = finding.indicatorName { return name }
        if finding.indicator == "students_per_class" { return "平均班额" }
        return ReportLabels.indicator(finding.indicator).name
    }

    /// The columns of a township's sheet, and of the CSV after 乡镇.
    public static let columns = ["学校标识码", "学校名称", "学段", "问题类型", "严重程度", "问题", "指标", "填报值", "应为",
                                 "来源文件", "工作表", "单元格"]
}

extension AuditLabels {
    /// A figure as the messages show it: whole numbers without a fraction, others to two places.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.2f", value)
    }
}
