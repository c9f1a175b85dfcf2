import EduWarehouse

/// The findings as JSON for machines, written as the county summary's JSON is (JSONCountyReport):
/// canonical ids (rules, severities, stages, indicators), figures as JSON numbers (null where
/// there is none), keys in a fixed order.
///
/// ```json
/// {"format": "eduetl-audit", "version": 1, "year": 2024, "county_code": "360321", "county_name": "青石县",
///  "generated": "2026-11-26", "errors": 4, "warnings": 4,
///  "counts": [{"rule": "negative_value", "severity": "error", "findings": 1}, …],
///  "findings": [{"township": "白鹭镇", "school_code": "3603219701", "school_name": "甲小学", "stage": "primary",
///                "rule": "negative_value", "severity": "error", "message": "…", "indicator": "teaching_aux_area",
///                "value": -500, "expected": ">= 0", "source_file": "…", "sheet": "…", "cell": "K2"}, …]}
/// ```
public enum JSONAuditReport {
    typealias Value = JSONCountyReport.Value

    public static func text(_ report: AuditReport) -> String {
        var output = ""
        JSONCountyReport.write(document(report), into: &output, indent: "")
        return output + "\n"
    }

    static func document(_ report: AuditReport) -> Value {
        .object([
            ("format", .string("eduetl-audit")),
            ("version", .number(1)),
            ("year", .number(Double(report.year))),
            ("county_code", .string(report.countyCode)),
            ("county_name", .optional(report.countyName)),
            ("generated", .string(report.generatedDay)),
            ("errors", .number(Double(report.errors))),
            ("warnings", .number(Double(report.warnings))),
            ("counts", .array(report.counts.map(count))),
            ("findings", .array(report.findings.map(finding))),
        ])
    }

    /// One count by rule and severity (the county summary's `audit.counts` too).
    static func count(_ count: AuditReport.Count) -> Value {
        .object([("rule", .string(count.rule.rawValue)), ("severity", .string(count.severity.rawValue)),
                 ("findings", .number(Double(count.findings)))])
    }

    /// One finding (the county summary's `audit.error_findings` too).
    static func finding(_ finding: AuditFindingRow) -> Value {
        .object([
            ("township", .optional(finding.township)), ("school_code", .string(finding.schoolCode)),
            ("school_name", .optional(finding.schoolName)), ("stage", .string(finding.stage.rawValue)),
            ("rule", .string(finding.rule.rawValue)), ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)), ("indicator", .string(finding.indicator)),
            ("value", .optional(finding.value)), ("expected", .string(finding.expected)),
            ("source_file", .string(finding.sourceFile)), ("sheet", .string(finding.sheet)), ("cell", .optional(finding.cell)),
        ])
    }
}
