import Foundation
import EduAudit

/// `audit_findings` read typed, a year and county at a time (see Warehouse+Views.swift).
extension Warehouse {
    /// The findings of the year and county, by township (those without one last), school, stage, rule and indicator.
    public func auditFindings(year: Int, county: String) throws -> [AuditFindingRow] {
        try connection.prepare("""
            SELECT year, county_code, township, school_code, school_name, stage, rule, severity, message, indicator,
                   (SELECT name FROM fields WHERE id = indicator) AS indicator_name, value, expected, source_file, sheet, cell
            FROM audit_findings WHERE year = ? AND county_code = ?
            ORDER BY township IS NULL, township, school_code, stage, rule, indicator, cell
            """).rows(Self.key(year, county)).map { row in
            let ruleText = try row.requiredText("rule", database: path)
            guard let rule = AuditRuleID(rawValue: ruleText) else { throw unexpected("rule", ruleText) }
            let severityText = try row.requiredText("severity", database: path)
            guard let severity = AuditSeverity(rawValue: severityText) else { throw unexpected("severity", severityText) }
            return AuditFindingRow(year: Int(clamping: try row.requiredInt("year", database: path)),
                                   countyCode: try row.requiredText("county_code", database: path), township: row.text("township"),
                                   schoolCode: try row.requiredText("school_code", database: path), schoolName: row.text("school_name"),
                                   stage: try stage(row), rule: rule, severity: severity, message: try row.requiredText("message", database: path),
                                   indicator: try row.requiredText("indicator", database: path), indicatorName: row.text("indicator_name"),
                                   value: row.double("value"), expected: try expectedText(row), sourceFile: try row.requiredText("source_file", database: path),
                                   sheet: try row.requiredText("sheet", database: path), cell: row.text("cell"))
        }
    }

    /// Whether any check is synced (an older warehouse, or one ingested without checks.yml, has none).
    public func hasAuditRules() throws -> Bool {
        try connection.prepare("SELECT 1 FROM audit_rules LIMIT 1").rows().isEmpty == false
    }

    /// `expected` is text for most rules and the whole school's figure for parts_vs_whole: a
    /// number shows whole without a fraction, otherwise to two places, as the messages do.
    private func expectedText(_ row: SQLiteRow) throws(WarehouseError) -> String {
        switch row[column: "expected"] {
        case .text(let text): return text
        case .int(let number): return String(number)
        case .double(let number):
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return String(format: "%.2f", number)
        default: return try row.requiredText("expected", database: path)
        }
    }
}
