/// The JSON of the checks (审核): `audit`, the counts as `eduetl audit`'s JSON gives them, the error
/// findings, and the CVs computed over figures with errors. Not run (no checks synced): `checked`
/// false and the counts null, never 0.
///
/// ```json
/// "audit": {"checked": true, "findings": 9, "errors": 4, "warnings": 5,
///           "counts": [{"rule": "negative_value", "severity": "error", "findings": 1}, …],
///           "error_findings": [{"township": "白鹭镇", "school_code": "3603219701", …, "cell": "L2"}, …],
///           "cvs_with_errors": [{"stage": "primary", "standard": "basic", "indicator": "composite", "audit_errors": 2}, …],
///           "notes": ["审核发现9条：错误4条，提示5条。", …]}
/// ```
extension JSONCountyReport {
    static func audit(_ report: CountyReport) -> Value {
        guard let audit = report.audit else {
            return .object([("checked", .bool(false)), ("findings", .null), ("errors", .null), ("warnings", .null), ("counts", .array([])),
                            ("error_findings", .array([])), ("cvs_with_errors", .array([])), ("notes", .array(report.auditNotes.map(Value.string)))])
        }
        return .object([
            ("checked", .bool(true)), ("findings", .number(Double(audit.findings.count))), ("errors", .number(Double(audit.errors))),
            ("warnings", .number(Double(audit.warnings))), ("counts", .array(audit.counts.map(JSONAuditReport.count))),
            ("error_findings", .array(report.auditErrorFindings.map(JSONAuditReport.finding))),
            ("cvs_with_errors", .array(report.auditedCVs().map { row in
                .object([("stage", .string(row.stage.rawValue)), ("standard", .string(row.standard.rawValue)), ("indicator", .string(row.indicator)),
                         ("audit_errors", .number(Double(row.auditErrors)))])
            })),
            ("notes", .array(report.auditNotes.map(Value.string))),
        ])
    }
}
