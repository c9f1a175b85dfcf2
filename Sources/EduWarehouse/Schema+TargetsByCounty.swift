import EduStandards

extension Schema {
    /// county_targets as 006 made it, the figures computed from the schools read from school_parts
    /// (each a GROUP BY over a plain join), so a county's query reads that county's school parts.
    static var countyTargetsByCounty: String {
        let computed = computedCountyFigures.map { figure in
            let numerator = computedNumerator(figure.stage, figure.numerator, alias: "p")
            return """
            SELECT * FROM (SELECT p.year AS year, p.county_code AS county_code, '\(figure.id)' AS indicator,
                                  sum(\(numerator)) / sum(p.\(figure.denominator)) AS value, count(*) AS schools,
                                  NULL AS source_file, NULL AS sheet, NULL AS cell
                           FROM school_indicators i
                           JOIN school_parts p ON p.year = i.year AND p.school_code = i.school_code AND p.stage = i.stage
                                               AND p.county_code = i.county_code
                           WHERE i.stage = '\(figure.stage)' AND i.excluded_reason IS NULL
                             AND \(numerator) IS NOT NULL AND p.\(figure.denominator) > 0
                           GROUP BY p.county_code, p.year) k
                WHERE k.value IS NOT NULL AND NOT EXISTS (SELECT 1 FROM county_values g
                    WHERE g.current = 1 AND g.year = k.year AND g.county_code = k.county_code AND g.indicator = k.indicator)
            """
        }.joined(separator: "\n            UNION ALL\n            ")
        return """
        -- Each county figure against its target (>= or <=), the county's own plan (county_target_overrides)
        -- before the default, target_source saying which; gross rates above 1 are valid. A figure from a county sheet names its cell;
        -- one the plans set that no county sheet gives (books per pupil, teachers' degree shares) is
        -- computed from the county's counted schools, computed_from_schools saying how many.
        CREATE VIEW county_targets AS
        SELECT x.year AS year, x.county_code AS county_code, x.indicator AS indicator, x.value AS value,
               coalesce(o.target, t.target) AS target, t.comparison AS comparison,
               CASE t.comparison WHEN '>=' THEN x.value >= coalesce(o.target, t.target)
                    ELSE x.value <= coalesce(o.target, t.target) END AS met,
               x.source_file AS source_file, x.sheet AS sheet, x.cell AS cell,
               x.schools AS computed_from_schools,
               CASE WHEN o.target IS NOT NULL THEN 'county_plan' ELSE 'standards' END AS target_source
        FROM (SELECT c.year AS year, c.county_code AS county_code, c.indicator AS indicator, c.value AS value, NULL AS schools,
                     f.path AS source_file, sh.name AS sheet, c.cell AS cell
              FROM county_values c JOIN sheets sh ON sh.id = c.sheet_id JOIN source_files f ON f.id = sh.file_id
              WHERE c.current = 1
              UNION ALL
              \(computed)) x
        JOIN county_rate_targets t ON t.indicator = x.indicator
        LEFT JOIN county_target_overrides o ON o.county_code = x.county_code AND o.indicator = x.indicator;
        """
    }

    /// urban_rural_means and urban_rural_gaps as 006 made them: the means a GROUP BY over
    /// school_indicators, the gaps window functions over the means.
    static var urbanRuralByCounty: String {
        let area = areaExpression.replacingOccurrences(of: "sc.urban_rural", with: "i.urban_rural")
        let ordered = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"
        return """
        -- The basic standard's indicators by 城区 / 镇区 / 乡村 (schools.urban_rural): per county, stage
        -- and area, the counted schools, their students and the enrolment-weighted mean.
        CREATE VIEW urban_rural_means AS
        SELECT v.year AS year, v.county_code AS county_code, v.stage AS stage, v.indicator AS indicator, v.area AS area,
               count(*) AS schools, sum(v.p) AS students, sum(v.p * v.x) / sum(v.p) AS mean
        FROM (SELECT i.year, i.county_code, i.stage, si.indicator, i.students AS p, \(indicatorValue(of: "si.indicator")) AS x,
                     \(area) AS area
              FROM school_indicators i JOIN standard_indicators si ON si.standard = 'basic'
              WHERE i.excluded_reason IS NULL AND i.students > 0) v
        WHERE v.x IS NOT NULL AND v.area IS NOT NULL
        GROUP BY v.county_code, v.year, v.stage, v.indicator, v.area;

        -- Per county, stage and indicator with at least two areas: the highest and the lowest area
        -- mean and their ratio (基本均衡 asks that urban and rural schools' conditions be close).
        CREATE VIEW urban_rural_gaps AS
        SELECT g.year AS year, g.county_code AS county_code, g.stage AS stage, g.indicator AS indicator, g.areas AS areas,
               g.highest_area AS highest_area, g.highest_mean AS highest_mean, g.lowest_area AS lowest_area, g.lowest_mean AS lowest_mean,
               CASE WHEN g.lowest_mean > 0 THEN g.highest_mean / g.lowest_mean END AS ratio
        FROM (SELECT m.year, m.county_code, m.stage, m.indicator, count(*) OVER areas AS areas,
                     first_value(m.area) OVER (areas ORDER BY m.mean DESC, m.area \(ordered)) AS highest_area,
                     max(m.mean) OVER areas AS highest_mean,
                     first_value(m.area) OVER (areas ORDER BY m.mean ASC, m.area \(ordered)) AS lowest_area,
                     min(m.mean) OVER areas AS lowest_mean,
                     row_number() OVER (areas ORDER BY m.area) AS nth
              FROM urban_rural_means m
              WINDOW areas AS (PARTITION BY m.county_code, m.year, m.stage, m.indicator)) g
        WHERE g.nth = 1 AND g.areas >= 2;
        """
    }
}
