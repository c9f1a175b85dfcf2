import EduNormalise
import EduStandards
import EduCore
import EduWarehouse
import Foundation

/// The county summary as JSON for machines: canonical ids (stages, standards, indicators) as the
/// warehouse's views name them, numbers as JSON numbers at full precision (null where the view
/// has NULL), keys in a fixed order.
///
/// ```json
/// {"format": "eduetl-county-summary", "version": 1, "year": 2024, "county_code": "360321", …,
///  "balance": [{"stage": "primary", "standard": "basic", "indicator": "books_per_student",
///               "schools": 25, "students": 17191, "mean": 28.18…, "cv": 0.1761…, "cv_limit": 0.65, "cv_met": null,
///               "judged": false, "audit_errors": 0}, …],
///  "schools": [{"school_code": …, "stage": …, "excluded_reason": null, "indicators": {…}}, …],
///  "compliance": [{"school_code": …, "indicators_met": 4, "indicators_missing": 0, "complies": false, "items": [{…}]}, …],
///  "scale": {"schools_checked": 35, …, "breaches": [{"kind": "class_size", …}]}, "targets": […], "urban_rural": […],
///  "audit": {"checked": true, "findings": 9, "errors": 4, "warnings": 5, "counts": […], "error_findings": […], …}, …}
/// ```
public enum JSONCountyReport {
    indirect enum Value {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([Value])
        case object([(String, Value)])

        static func optional(_ number: Double?) -> Value { number.map(Value.number) ?? .null }
        static func optional(_ text: String?) -> Value { text.map(Value.string) ?? .null }
        static func optional(_ flag: Bool?) -> Value { flag.map(Value.bool) ?? .null }
    }

    public static func text(_ report: CountyReport) -> String {
        var output = ""
        write(document(report), into: &output, indent: "")
        return output + "\n"
    }

    static func document(_ report: CountyReport) -> Value {
        let summary = report.summary
        let ids = report.schoolIndicatorIDs
        var fields: [(String, Value)] = [
            ("format", .string("eduetl-county-summary")),
            ("version", .number(1)),
            ("year", .number(Double(summary.year))),
            ("county_code", .string(summary.countyCode)),
            ("county_name", .optional(summary.countyName)),
            ("generated", .string(report.generatedDay)),
            ("basic_indicators", .array(summary.basicIndicators.map(Value.string))),
            ("quality_indicators", .array(summary.qualityIndicators.map(Value.string))),
        ]
        var minimums: [(String, Value)] = []
        for stage in report.stages {
            let values = summary.qualityIndicators.compactMap { id in report.minimum(id, stage: stage).map { (id, Value.number($0)) } }
            if !values.isEmpty { minimums.append((stage.rawValue, .object(values))) }
        }
        fields.append(("quality_minimums", .object(minimums)))
        if let rule = report.rule {
            fields.append(("compliance_rule", .object([("min_met", .number(Double(rule.minMet))),
                                                       ("unmet_floor", .number(rule.unmetFloor))])))
        }
        fields.append(("balance", .array(report.stages.flatMap { report.balanceRows(stage: $0) }.map { balance($0, checked: report.auditChecked) })))
        fields.append(("schools", .array(summary.schools.map { school in
            .object([
                ("school_code", .string(school.schoolCode)), ("school_name", .optional(school.schoolName)),
                ("stage", .string(school.stage.rawValue)), ("school_type", .optional(school.schoolType)),
                ("students", .optional(school.students)), ("excluded_reason", .optional(school.excludedReason)),
                ("indicators", .object(ids.map { ($0, .optional(school.indicators[$0] ?? nil)) })),
                ("classes", .optional(school.classes)), ("students_per_class", .optional(school.studentsPerClass)),
                ("school_students", .optional(school.schoolStudents)),
                ("required_degree_field", .optional(school.requiredDegreeField?.rawValue)), ("urban_rural", .optional(school.urbanRural)),
            ])
        })))
        fields.append(("compliance", .array(summary.compliance.map { row in
            .object([
                ("school_code", .string(row.schoolCode)), ("school_name", .optional(row.schoolName)),
                ("stage", .string(row.stage.rawValue)), ("students", .optional(row.students)),
                ("excluded_reason", .optional(row.excludedReason)), ("indicators_met", .number(Double(row.indicatorsMet))),
                ("indicators_missing", .number(Double(row.indicatorsMissing))), ("missing", .array(row.missing.map(Value.string))),
                ("complies", .optional(row.complies)),
                ("items", .array(row.items.map { item in
                    .object([("indicator", .string(item.indicator)), ("value", .optional(item.value)),
                             ("minimum", .number(item.minimum)), ("met", .optional(item.met))])
                })),
            ])
        })))
        fields.append(("scale", scale(report)))
        fields.append(("targets", .array(report.orderedTargets.map(target))))
        fields.append(("urban_rural", .array(report.urbanRuralComparisons.map(urbanRural))))
        fields.append(("years_compared", yearsCompared(report)))
        fields.append(("audit", audit(report)))
        fields.append(("source_files", .array(summary.sourceFiles.map(Value.string))))
        return .object(fields)
    }

    /// Pretty-printed, two spaces a level; objects of scalars on one line each.
    static func write(_ value: Value, into output: inout String, indent: String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += numberText(number)
        case .string(let text): output += quoted(text)
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            let inner = indent + "  "
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += inner
                write(item, into: &output, indent: inner)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            if members.allSatisfy({ $0.1.isScalar }) {
                output += "{" + members.map { quoted($0.0) + ": " + scalar($0.1) }.joined(separator: ", ") + "}"
                return
            }
            let inner = indent + "  "
            output += "{\n"
            for (index, member) in members.enumerated() {
                output += inner + quoted(member.0) + ": "
                write(member.1, into: &output, indent: inner)
                output += index == members.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        }
    }

    static func scalar(_ value: Value) -> String {
        var text = ""
        write(value, into: &text, indent: "")
        return text
    }

    /// Whole numbers without a fraction (9541, not 9541.0); others at full precision (Swift's
    /// shortest text that reads back to the same Double); NaN and infinities as null.
    static func numberText(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    /// A JSON string, as the cell dumps write them (UTF-8 kept, quotes and controls escaped).
    static func quoted(_ text: String) -> String {
        CellDump.quoted(text)
    }
}

extension JSONCountyReport.Value {
    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}
