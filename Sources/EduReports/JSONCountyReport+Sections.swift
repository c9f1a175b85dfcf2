import EduWarehouse
import EduStandards

/// The JSON of what migration 006 added: which CVs are judged and why a composite has no value,
/// where a county figure comes from, the scale breaches and the urban-rural comparison, the same
/// rows the tables show.
extension JSONCountyReport {
    /// A CV row; `audit_errors` is null when the checks were not run (`checked` false), not 0.
    static func balance(_ row: CountySummary.BalanceRow, checked: Bool) -> Value {
        var members: [(String, Value)] = [
            ("stage", .string(row.stage.rawValue)), ("standard", .string(row.standard.rawValue)), ("indicator", .string(row.indicator)),
            ("schools", .number(Double(row.schools))), ("students", .number(row.students)), ("mean", .optional(row.mean)),
            ("cv", .optional(row.cv)), ("cv_limit", .number(row.cvLimit)), ("cv_met", .optional(row.cvMet)), ("judged", .bool(row.judged)),
            ("audit_errors", checked ? .number(Double(row.auditErrors)) : .null),
        ]
        if row.indicator == DerivedIndicator.compositeID {
            members.append(("composite_gaps", .array(row.compositeGaps.map(gap))))
        }
        return .object(members)
    }

    /// {"indicator": "sports_area_per_student", "reason": "no_school_reported", "field": "sports_area"}
    static func gap(_ gap: CompositeGap) -> Value {
        switch gap.reason {
        case .noSchoolReported(let field):
            return .object([("indicator", .string(gap.indicator)), ("reason", .string("no_school_reported")), ("field", .string(field))])
        case .meanIsZero:
            return .object([("indicator", .string(gap.indicator)), ("reason", .string("mean_is_zero"))])
        case .other(let text):
            return .object([("indicator", .string(gap.indicator)), ("reason", .string("other")), ("text", .string(text))])
        }
    }

    static func target(_ target: CountySummary.TargetRow) -> Value {
        let source: Value
        switch target.source {
        case .countySheet(let file, let sheet, let cell):
            source = .object([("kind", .string("county_sheet")), ("file", .string(file)), ("sheet", .string(sheet)), ("cell", .string(cell))])
        case .computed(let schools):
            source = .object([("kind", .string("computed")), ("schools", .number(Double(schools)))])
        }
        return .object([("indicator", .string(target.indicator)), ("value", .number(target.value)), ("target", .number(target.target)),
                        ("comparison", .string(target.comparison.rawValue)), ("met", .bool(target.met)), ("source", source)])
    }

    static func scale(_ report: CountyReport) -> Value {
        let check = report.scaleCheck
        return .object([
            ("schools_checked", .number(Double(check.schools))), ("class_parts_checked", .number(Double(check.classParts))),
            ("breaches", .array(check.breaches.map { breach in
                .object([
                    ("kind", .string(breach.kind.rawValue)), ("stage", .string(breach.stage.rawValue)),
                    ("school_code", .string(breach.schoolCode)), ("school_name", .optional(breach.schoolName)),
                    ("school_type", .optional(breach.schoolType)), ("value", .number(breach.value)), ("limit", .number(breach.limit)),
                    ("students", .optional(breach.students)), ("classes", .optional(breach.classes)),
                    ("parts", .object(breach.parts.map { ($0.stage.rawValue, .number($0.students)) })),
                    ("excluded_reason", .optional(breach.excludedReason)),
                ])
            })),
        ])
    }

    static func urbanRural(_ comparison: CountyReport.UrbanRuralComparison) -> Value {
        let gap = comparison.gap
        return .object([
            ("stage", .string(comparison.stage.rawValue)), ("indicator", .string(comparison.indicator)),
            ("areas", .array(ReportLabels.areaOrder.compactMap { area in
                comparison.means[area].map { mean in
                    .object([("area", .string(area.rawValue)), ("schools", .number(Double(mean.schools))),
                             ("students", .number(mean.students)), ("mean", .number(mean.mean))])
                }
            })),
            ("highest_area", .optional(gap?.highestArea.rawValue)), ("highest_mean", .optional(gap?.highestMean)),
            ("lowest_area", .optional(gap?.lowestArea.rawValue)), ("lowest_mean", .optional(gap?.lowestMean)),
            ("ratio", .optional(gap?.ratio)), ("unclassified_schools", .optional(comparison.unclassifiedSchools.map(Double.init))),
        ])
    }
}
