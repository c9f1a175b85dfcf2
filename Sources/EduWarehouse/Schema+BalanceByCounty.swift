import EduStandards

extension Schema {
    /// Migration 012: the county figures at the cost of the county asked about (issue 15). SQLite
    /// pushes `WHERE county_code = ?` into a view only through plain joins, UNION ALL arms and
    /// window functions partitioned by the county, and through one GROUP BY whose input is a plain
    /// join; 006's views grouped groups and shared CTEs, so every county was computed before one was
    /// picked. The views are rebuilt on that rule with the same names, columns and figures:
    ///
    /// - county_balance: per county, stage and indicator the sums Σp, Σp·x and Σp·x² in one pass over
    ///   school_indicators (so the SD is √(Σp·x²/Σp − mean²), the same figure to 1e-10 of itself), the
    ///   composite and the audit errors as window functions over the county's rows;
    /// - school_compliance: each school's tally as window functions over its own rows;
    /// - county_targets and urban_rural_means read school_parts and school_indicators directly;
    ///   urban_rural_gaps picks the highest and lowest area with window functions;
    /// - audit_findings: subset_exceeds_total looks a part's whole up by its key instead of pairing
    ///   every two figures of a school part (a national warehouse's errors in seconds, not minutes).
    static var balanceByCountyMigration: String {
        """
        \(schoolSharesMigration)

        DROP VIEW audit_findings;
        \(auditFindingsPairsFirst)

        DROP VIEW county_balance;
        \(countyBalanceByCounty)

        DROP VIEW school_compliance;
        \(schoolComplianceByCounty)

        DROP VIEW county_targets;
        \(countyTargetsByCounty)

        DROP VIEW urban_rural_gaps;
        DROP VIEW urban_rural_means;
        \(urbanRuralByCounty)
        """
    }

    /// Each derived indicator's catalogue field, as SQL: `CASE <expression> WHEN '<id>' THEN '<field>' … END`.
    static func indicatorField(of expression: String, otherwise: String = "NULL") -> String {
        "CASE \(expression) " + DerivedIndicator.all.map { "WHEN '\($0.id)' THEN '\($0.field)'" }.joined(separator: " ")
            + " ELSE \(otherwise) END"
    }

    /// The fields the derived indicators divide, each once, sorted.
    static var indicatorFields: [String] { Set(DerivedIndicator.all.map(\.field)).sorted() }

    /// The required degree's fields, whose errors count against the degree indicators and the composite.
    static let degreeFields = "('teachers_college_degree', 'teachers_bachelor_degree')"

    static var countyBalanceByCounty: String {
        let perFigure = "CASE WHEN k.composite THEN"
        func either(_ figure: String, composite: String) -> String { "\(perFigure) \(composite) ELSE \(figure) END" }
        let figureErrors = "CASE \(indicatorField(of: "w.indicator")) "
            + indicatorFields.map { "WHEN '\($0)' THEN w.errors_\($0)" }.joined(separator: " ") + " ELSE 0 END"
            + " + CASE WHEN w.indicator LIKE 'teachers_above_required_degree%' THEN w.errors_degree ELSE 0 END"
        let compositeErrors = "w.errors_degree + " + indicatorFields.map { field in
            "CASE WHEN EXISTS (SELECT 1 FROM standard_indicators b WHERE b.standard = 'basic' "
                + "AND \(indicatorField(of: "b.indicator")) = '\(field)') THEN w.errors_\(field) ELSE 0 END"
        }.joined(separator: "\n         + ")
        return """
        -- Per county, stage and standard: each indicator's schools, students, enrolment-weighted mean
        -- and CV, its limit, and whether it is judged and met; the 2012 basic standard's composite (the
        -- mean of its CVs, NULL with composite_note saying why when one is missing); audit_errors: the
        -- error findings on the figures each CV is computed from.
        CREATE VIEW county_balance AS
        SELECT w.year AS year, w.county_code AS county_code, w.stage AS stage,
               \(either("w.standard", composite: "'basic'")) AS standard,
               \(either("w.indicator", composite: "'composite'")) AS indicator,
               \(either("w.schools", composite: "w.basic_schools")) AS schools,
               \(either("w.students", composite: "w.basic_students")) AS students,
               \(either("w.mean", composite: "NULL")) AS mean,
               \(either("w.cv", composite: "CASE WHEN w.basic_cvs = w.basic_wanted THEN w.basic_cv END")) AS cv,
               w.cv_limit AS cv_limit,
               \(either("CASE WHEN w.standard = 'quality' AND w.cv IS NOT NULL THEN w.cv <= w.cv_limit END",
                        composite: "CASE WHEN w.basic_cvs = w.basic_wanted AND w.basic_cv IS NOT NULL THEN w.basic_cv <= w.cv_limit END")) AS cv_met,
               \(either("NULL", composite: "w.basic_notes")) AS composite_note,
               \(either("w.standard = 'quality'", composite: "1")) AS judged,
               w.errors_students + \(either(figureErrors, composite: compositeErrors)) AS audit_errors
        FROM \(balanceWindows) w
        CROSS JOIN (SELECT 0 AS composite UNION ALL SELECT 1) k
        WHERE w.figure = 1
          AND CASE WHEN k.composite THEN w.standard = 'basic' AND w.position = w.first_basic ELSE w.schools > 0 END;
        """
    }

    /// Per county, year and stage: every standard indicator's figures (figure = 1) and every error
    /// finding on a counted school part (figure = 0, field), with window functions over them giving the
    /// basic standard's composite and the errors per field.
    private static var balanceWindows: String {
        let errorsPerField = indicatorFields.map { "sum(x.figure = 0 AND x.field = '\($0)') OVER county AS errors_\($0)" }
        return """
        (SELECT x.*,
                group_concat(x.note, '; ') FILTER (WHERE x.standard = 'basic') OVER (PARTITION BY x.county_code, x.year, x.stage
                    ORDER BY x.position ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS basic_notes,
                count(x.cv) FILTER (WHERE x.standard = 'basic') OVER county AS basic_cvs,
                count(*) FILTER (WHERE x.standard = 'basic') OVER county AS basic_wanted,
                avg(x.cv) FILTER (WHERE x.standard = 'basic') OVER county AS basic_cv,
                max(CASE WHEN x.schools > 0 THEN x.schools END) FILTER (WHERE x.standard = 'basic') OVER county AS basic_schools,
                max(CASE WHEN x.schools > 0 THEN x.students END) FILTER (WHERE x.standard = 'basic') OVER county AS basic_students,
                min(x.position) FILTER (WHERE x.standard = 'basic') OVER county AS first_basic,
                sum(x.figure = 0 AND x.field = 'students') OVER county AS errors_students,
                sum(x.figure = 0 AND x.field IN \(degreeFields)) OVER county AS errors_degree,
                \(errorsPerField.joined(separator: ",\n        "))
         FROM (SELECT year, county_code, stage, standard, indicator, position, schools, students, cv_limit, mean, cv, note,
                      1 AS figure, NULL AS field
               FROM \(balanceFigures)
               UNION ALL
               SELECT a.year, a.county_code, a.stage, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, a.indicator
               FROM audit_findings a
               JOIN school_indicators i ON i.year = a.year AND i.school_code = a.school_code AND i.stage = a.stage
               WHERE a.severity = 'error' AND i.excluded_reason IS NULL) x
         WINDOW county AS (PARTITION BY x.county_code, x.year, x.stage))
        """
    }

    /// Each standard indicator's figures per county, year and stage, from the sums; an indicator no
    /// counted school reported has 0 schools (its composite note says so) and no CV.
    private static var balanceFigures: String {
        func picked(_ sum: String) -> String {
            "CASE si.indicator " + DerivedIndicator.all.indices.map { "WHEN '\(DerivedIndicator.all[$0].id)' THEN g.\(sum)\($0)" }
                .joined(separator: " ") + " END"
        }
        let mean = "(r.px / r.students)"
        // Σp·x²/Σp − mean² rounds to about 1e-14 of mean²: a variance under 1e-12 of it (a CV under
        // 0.000001, schools all alike) cannot be told from 0 and is 0, as two passes would give.
        let variance = "CASE WHEN r.pxx / r.students - \(mean) * \(mean) > 1e-12 * \(mean) * \(mean) "
            + "THEN r.pxx / r.students - \(mean) * \(mean) ELSE 0 END"
        return """
        (SELECT r.*, \(mean) AS mean,
                CASE WHEN \(mean) <> 0 THEN sqrt(\(variance)) / \(mean) END AS cv,
                CASE WHEN r.schools = 0 THEN r.indicator || ': no school reported ' || \(indicatorField(of: "r.indicator", otherwise: "r.indicator"))
                     WHEN NOT (\(mean) <> 0) THEN r.indicator || ': the mean is 0' END AS note
         FROM (SELECT g.year, g.county_code, g.stage, si.standard, si.indicator, si.position,
                      \(picked("schools")) AS schools, \(picked("students")) AS students,
                      \(picked("px")) AS px, \(picked("pxx")) AS pxx, l.cv_limit
               FROM \(balanceSums) g
               JOIN standard_indicators si
               JOIN standard_cv_limits l ON l.standard = si.standard AND l.stage = g.stage) r)
        """
    }

    /// One pass over the counted school parts: per county, year and stage and for each derived
    /// indicator (numbered as DerivedIndicator.all), the schools reporting it, their pupils (p), Σp·x and Σp·x².
    private static var balanceSums: String {
        let sums = DerivedIndicator.all.enumerated().map { number, indicator in
            let x = "i.\(indicator.id)"
            return "count(\(x)) AS schools\(number), sum(CASE WHEN \(x) IS NOT NULL THEN i.students END) AS students\(number), "
                + "sum(i.students * \(x)) AS px\(number), sum(i.students * \(x) * \(x)) AS pxx\(number)"
        }
        return """
        (SELECT i.year, i.county_code, i.stage,
                       \(sums.joined(separator: ",\n                       "))
                FROM school_indicators i WHERE i.excluded_reason IS NULL AND i.students > 0
                GROUP BY i.county_code, i.year, i.stage)
        """
    }
}
