import EduWarehouse

/// The JSON of 历年比较: the years held, every year's CV rows with the change from the previous
/// year held (county_balance_trend's columns), and the school parts that moved most.
extension JSONCountyReport {
    static func yearsCompared(_ report: CountyReport) -> Value {
        .object([
            ("years", .array(report.trendYears.map { .number(Double($0)) })),
            ("previous_year", report.summary.previousYear.map { .number(Double($0)) } ?? .null),
            ("notes", .array((report.comparesYears ? report.trendNotes + report.moversNotes : report.trendNotes).map(Value.string))),
            ("balance", .array(report.comparesYears ? report.summary.trend.map(trendRow) : [])),
            ("movers", .array(report.summary.movers.map(mover))),
        ])
    }

    static func trendRow(_ row: CountyBalanceTrendRow) -> Value {
        .object([
            ("year", .number(Double(row.year))), ("stage", .string(row.stage.rawValue)), ("standard", .string(row.standard.rawValue)),
            ("indicator", .string(row.indicator)), ("mean", .optional(row.mean)), ("cv", .optional(row.cv)),
            ("previous_year", row.previousYear.map { .number(Double($0)) } ?? .null), ("previous_mean", .optional(row.previousMean)),
            ("previous_cv", .optional(row.previousCV)), ("mean_change", .optional(row.meanChange)), ("cv_change", .optional(row.cvChange)),
        ])
    }

    static func mover(_ row: SchoolMoverRow) -> Value {
        .object([
            ("school_code", .string(row.schoolCode)), ("school_name", .optional(row.schoolName)), ("stage", .string(row.stage.rawValue)),
            ("indicator", .string(row.indicator)), ("previous_year", .number(Double(row.previousYear))),
            ("previous_value", .number(row.previousValue)), ("year", .number(Double(row.year))), ("value", .number(row.value)),
            ("change", .number(row.change)), ("relative_change", .number(row.relativeChange)),
        ])
    }
}
