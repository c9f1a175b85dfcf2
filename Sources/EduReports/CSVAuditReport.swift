/// The findings as one CSV file, as the county report writes its tables (CSVCountyReport): UTF-8
/// with a byte-order mark, CRLF line ends, RFC 4180 quoting, text Excel would run as a formula
/// guarded; 乡镇 first (未分乡镇 where the return names none), then the workbook's columns, then
/// the canonical ids (rule, severity, stage, indicator).
public enum CSVAuditReport {
    public static let columns = ["乡镇"] + AuditLabels.columns + ["rule", "severity", "stage", "indicator"]

    public static func bytes(_ report: AuditReport) -> [UInt8] {
        var text = CSVCountyReport.line(columns)
        for finding in report.findings {
            let words = [finding.township ?? AuditReport.noTownship, finding.schoolCode, finding.schoolName ?? "",
                         ReportLabels.stage(finding.stage), AuditLabels.rule(finding.rule), AuditLabels.severity(finding.severity),
                         finding.message, AuditLabels.indicator(finding)].map(CSVCountyReport.guarded)
            let rest = [AuditLabels.number(finding.value)]
                + [finding.expected, finding.sourceFile, finding.sheet, finding.cell ?? ""].map(CSVCountyReport.guarded)
                + [finding.rule.rawValue, finding.severity.rawValue, finding.stage.rawValue, finding.indicator]
            text += CSVCountyReport.line(words + rest)
        }
        return CSVCountyReport.byteOrderMark + Array(text.utf8)
    }
}
