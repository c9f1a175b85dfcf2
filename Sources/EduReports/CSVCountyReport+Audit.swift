/// The CSV files of the checks (审核). Their kinds avoid "audit" between dashes, which names
/// `eduetl audit`'s own export (`…-audit-YYYYMMDD.csv`) and is looked for as such.
extension CSVCountyReport {
    /// Once the checks ran: `checks-summary` (the counts by rule and severity, then the totals),
    /// and `checks-errors` (a row per error finding) when there are any. Not run: no file, so no
    /// file can be read as 0 findings; the balance file's 审核错误 column is empty then.
    static func auditTables(_ report: CountyReport) -> [(kind: String, table: ReportTable)] {
        guard report.auditChecked else { return [] }
        var tables = [("checks-summary", report.auditCountsTable())]
        if !report.auditErrorFindings.isEmpty { tables.append(("checks-errors", report.auditTable())) }
        return tables
    }
}
