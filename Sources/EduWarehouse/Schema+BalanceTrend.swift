extension Schema {
    /// Migration 013: county_balance_trend (issue 15, years compared). county_balance is read by
    /// name, never recomputed, so a faster county_balance with the same columns serves it too. The
    /// window is partitioned by county, so a query on one county only needs that county's CVs
    /// (SQLite pushes a WHERE on the partition columns into the window's subquery).
    static let balanceTrendMigration = """
        -- Each county_balance row (the composite too) beside the previous year the warehouse holds
        -- for the same county, stage, standard and indicator (not necessarily the year before):
        -- previous_year, previous_mean, previous_cv; mean_change and cv_change are this year's
        -- figure minus that year's, NULL where either is missing (the composite has no mean).
        CREATE VIEW county_balance_trend AS
        SELECT year, county_code, stage, standard, indicator, mean, cv,
               previous_year, previous_mean, previous_cv,
               mean - previous_mean AS mean_change, cv - previous_cv AS cv_change
        FROM (
            SELECT year, county_code, stage, standard, indicator, mean, cv,
                   lag(year) OVER w AS previous_year, lag(mean) OVER w AS previous_mean, lag(cv) OVER w AS previous_cv
            FROM county_balance
            WINDOW w AS (PARTITION BY county_code, stage, standard, indicator ORDER BY year)
        );
        """
}
