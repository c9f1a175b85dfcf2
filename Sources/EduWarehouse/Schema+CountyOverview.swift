extension Schema {
    /// Migration 014: `county_overview`, a province's counties side by side (issue 15). It reads
    /// county_balance, school_compliance and county_targets by name and recomputes no CV, so a later
    /// migration that rewrites those views with the same columns changes nothing here.
    static var countyOverviewMigration: String {
        """
        -- One row per year, county and stage county_balance has (primary, junior): the basic composite
        -- CV against its limit and its rank among the year's counties of that stage (1 = the most
        -- balanced; ties share a rank; NULL without a composite CV, composite_note saying why); the
        -- quality CVs computed and within their limits; the counted schools whose compliance is decided
        -- and those that comply; the county targets met. Targets are the county's, so both stages show them.
        CREATE VIEW county_overview AS
        WITH balance AS (
            SELECT year, county_code, stage,
                   max(CASE WHEN standard = 'basic' AND indicator = 'composite' THEN schools END) AS schools,
                   max(CASE WHEN standard = 'basic' AND indicator = 'composite' THEN students END) AS students,
                   max(CASE WHEN standard = 'basic' AND indicator = 'composite' THEN cv END) AS basic_cv,
                   max(CASE WHEN standard = 'basic' AND indicator = 'composite' THEN cv_limit END) AS basic_cv_limit,
                   max(CASE WHEN standard = 'basic' AND indicator = 'composite' THEN cv_met END) AS basic_met,
                   max(CASE WHEN standard = 'basic' AND indicator = 'composite' THEN composite_note END) AS composite_note,
                   max(CASE WHEN standard = 'basic' AND indicator = 'composite' THEN audit_errors END) AS audit_errors,
                   count(CASE WHEN standard = 'quality' AND cv IS NOT NULL THEN 1 END) AS quality_cvs,
                   count(CASE WHEN standard = 'quality' AND cv_met = 1 THEN 1 END) AS quality_cvs_met
            FROM county_balance GROUP BY year, county_code, stage
        ), parts AS (
            -- school_compliance repeats a school part's verdict on each of its indicators' rows.
            SELECT DISTINCT year, county_code, stage, school_code, complies
            FROM school_compliance WHERE excluded_reason IS NULL
        ), compliance AS (
            SELECT year, county_code, stage, count(complies) AS schools_judged,
                   count(CASE WHEN complies = 1 THEN 1 END) AS schools_complying,
                   count(*) - count(complies) AS schools_undecided
            FROM parts GROUP BY year, county_code, stage
        ), targets AS (
            SELECT year, county_code, count(*) AS targets, count(CASE WHEN met = 1 THEN 1 END) AS targets_met
            FROM county_targets GROUP BY year, county_code
        )
        SELECT b.year AS year, b.county_code AS county_code,
               coalesce((SELECT c.name FROM counties c WHERE c.code = b.county_code),
                        (SELECT n.name FROM county_names n JOIN source_files f ON f.id = n.file_id AND f.status = 'loaded'
                         WHERE n.county_code = b.county_code GROUP BY n.name, n.source
                         ORDER BY CASE n.source WHEN 'county-field' THEN 0 WHEN 'title' THEN 1 ELSE 2 END, sum(n.records) DESC, n.name
                         LIMIT 1)) AS county_name,
               b.stage AS stage, b.schools AS schools, b.students AS students,
               b.basic_cv AS basic_cv, b.basic_cv_limit AS basic_cv_limit, b.basic_met AS basic_met,
               CASE WHEN b.basic_cv IS NOT NULL
                    THEN rank() OVER (PARTITION BY b.year, b.stage, b.basic_cv IS NULL ORDER BY b.basic_cv) END AS basic_rank,
               b.composite_note AS composite_note, b.audit_errors AS audit_errors,
               b.quality_cvs AS quality_cvs, b.quality_cvs_met AS quality_cvs_met,
               coalesce(s.schools_judged, 0) AS schools_judged, coalesce(s.schools_complying, 0) AS schools_complying,
               coalesce(s.schools_undecided, 0) AS schools_undecided,
               CASE WHEN s.schools_judged > 0 THEN 1.0 * s.schools_complying / s.schools_judged END AS complying_share,
               coalesce(t.targets, 0) AS targets, coalesce(t.targets_met, 0) AS targets_met
        FROM balance b
        LEFT JOIN compliance s ON s.year = b.year AND s.county_code = b.county_code AND s.stage = b.stage
        LEFT JOIN targets t ON t.year = b.year AND t.county_code = b.county_code;
        """
    }
}
