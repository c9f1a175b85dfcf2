import EduNormalise

/// Years compared (issue 15): a county's CVs over every year the warehouse holds, and the school
/// parts whose indicators moved most since the previous year. Read by column name as the other views are.
extension Warehouse {
    /// `county_balance_trend` for the county: every year the warehouse holds, by stage, standard,
    /// indicator and year.
    public func countyBalanceTrend(county: String) throws -> [CountyBalanceTrendRow] {
        try connection.prepare("""
            SELECT year, stage, standard, indicator, mean, cv, previous_year, previous_mean, previous_cv, mean_change, cv_change
            FROM county_balance_trend WHERE county_code = ? ORDER BY stage, standard, indicator, year
            """).rows([.text(county)]).map { row in
            CountyBalanceTrendRow(year: Int(clamping: try row.requiredInt("year", database: path)), stage: try stage(row),
                                  standard: try standard(row), indicator: try row.requiredText("indicator", database: path),
                                  mean: row.double("mean"), cv: row.double("cv"),
                                  previousYear: row.int("previous_year").map { Int(clamping: $0) },
                                  previousMean: row.double("previous_mean"), previousCV: row.double("previous_cv"),
                                  meanChange: row.double("mean_change"), cvChange: row.double("cv_change"))
        }
    }

    /// The latest year before `year` the warehouse holds school figures of the county for; nil when none.
    public func previousYear(before year: Int, county: String) throws -> Int? {
        try connection.prepare("SELECT max(year) AS year FROM value_cells WHERE current = 1 AND county_code = ? AND year < ?")
            .rows([.text(county), .int(Int64(year))]).first?.int("year").map { Int(clamping: $0) }
    }

    /// The school parts whose basic-standard indicators moved most from the previous year the
    /// warehouse holds for the county (`previousYear(before:county:)`) to `year`: counted parts in
    /// both years (no excluded_reason, students > 0), with a value both years and a previous value
    /// other than 0. Ranked by the size of the relative change, up or down, largest first, over all
    /// parts and indicators; ties by school code, stage and the standard's indicator order. At most `limit`.
    public func schoolMovers(year: Int, county: String, limit: Int = 10) throws -> [SchoolMoverRow] {
        guard let previous = try previousYear(before: year, county: county) else { return [] }
        return try connection.prepare("""
            WITH counted AS (
                SELECT i.year, i.school_code, i.school_name, i.stage, i.indicator, i.value, si.position
                FROM school_indicator_values i JOIN standard_indicators si ON si.standard = 'basic' AND si.indicator = i.indicator
                WHERE i.county_code = ?1 AND i.year IN (?2, ?3) AND i.excluded_reason IS NULL AND i.students > 0 AND i.value IS NOT NULL
            )
            SELECT n.school_code, n.school_name, n.stage, n.indicator, b.value AS previous_value, n.value AS value,
                   n.value - b.value AS change, (n.value - b.value) / b.value AS relative_change
            FROM counted n JOIN counted b ON b.year = ?3 AND b.school_code = n.school_code AND b.stage = n.stage AND b.indicator = n.indicator
            WHERE n.year = ?2 AND b.value <> 0
            ORDER BY abs(relative_change) DESC, n.school_code, n.stage, n.position
            LIMIT ?4
            """).rows([.text(county), .int(Int64(year)), .int(Int64(previous)), .int(Int64(max(limit, 0)))]).map { row in
            SchoolMoverRow(schoolCode: try row.requiredText("school_code", database: path), schoolName: row.text("school_name"),
                           stage: try stage(row), indicator: try row.requiredText("indicator", database: path), previousYear: previous,
                           previousValue: try row.requiredDouble("previous_value", database: path), year: year,
                           value: try row.requiredDouble("value", database: path), change: try row.requiredDouble("change", database: path),
                           relativeChange: try row.requiredDouble("relative_change", database: path))
        }
    }
}
