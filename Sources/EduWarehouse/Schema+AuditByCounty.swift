extension Schema {
    /// Migration 011: audit_findings at the cost of the county asked about (issue 15). 008's view
    /// computed its current values (the CTE `v`) for every county before any was picked, and summed
    /// the parts of every nine-year school; now `v` is read where it is used, through an index on
    /// the county, the parts of a school are summed for that school alone, and the school parts a
    /// missing figure is looked for in are school_parts' rows. The findings are 008's.
    static var auditByCountyMigration: String {
        """
        CREATE INDEX loaded_values_county ON loaded_values(county_code, year) WHERE current = 1;

        DROP VIEW audit_findings;
        \(auditFindingsByCounty)
        """
    }

    static var auditFindingsByCounty: String {
        var arms = auditFindingsWithBreakdowns
            .replacingOccurrences(of: "WITH v AS (", with: "WITH v AS NOT MATERIALIZED (")
            .replacingOccurrences(of: "kinds AS (", with: "kinds AS NOT MATERIALIZED (")
            .components(separatedBy: "\nUNION ALL\n")
        for index in arms.indices {
            if arms[index].hasPrefix("-- parts_vs_whole:") { arms[index] = partsVersusWholeArm }
            if arms[index].hasPrefix("-- missing_required:") { arms[index] = missingRequiredArm(arms[index]) }
        }
        return arms.joined(separator: "\nUNION ALL\n")
    }

    /// parts_vs_whole: each whole-school figure against its own school's parts, summed for it.
    private static var partsVersusWholeArm: String {
        """
        -- parts_vs_whole: the whole school's figure against the sum of its parts' figures (summed for that school).
        SELECT w.year, w.county_code, w.township, w.school_code, w.school_name, w.stage, r.rule, r.severity,
               \(filled(field: "coalesce((SELECT name FROM fields WHERE id = w.field), w.field)", value: "w.total", otherValue: "w.value")),
               w.field, w.total, w.value, w.source_file, w.sheet, w.cell
        FROM (SELECT v.*, (SELECT sum(p.value) FROM v p
                           WHERE p.year = v.year AND p.school_code = v.school_code AND p.field = v.field
                             AND p.stage IN ('primary', 'junior', 'senior', 'preschool')) AS total
              FROM v JOIN audit_fields af ON af.rule = 'parts_vs_whole' AND af.field = v.field
              WHERE v.stage = 'whole_school') w
        JOIN audit_rules r ON r.rule = 'parts_vs_whole'
        WHERE w.total IS NOT NULL
          AND abs(w.total - w.value) > coalesce((SELECT tolerance FROM audit_tolerances WHERE rule = 'parts_vs_whole'), 0)
        """
    }

    /// missing_required with its school parts read from school_parts (indexed by county) and their
    /// first file and sheet looked up for each part, instead of grouping every county's values.
    private static func missingRequiredArm(_ arm: String) -> String {
        guard let start = arm.range(of: "FROM (SELECT year, county_code, township, school_code, school_name, stage, min(source_file)"),
              let end = arm.range(of: "GROUP BY year, county_code, school_code, stage) s", range: start.upperBound..<arm.endIndex) else {
            return arm
        }
        let parts = """
            FROM (SELECT sp.year, sp.county_code, sc.township, sp.school_code, sc.name AS school_name, sp.stage,
                         (SELECT min(f.path) FROM loaded_values lv JOIN sheets sh ON sh.id = lv.sheet_id JOIN source_files f ON f.id = sh.file_id
                          WHERE lv.year = sp.year AND lv.school_code = sp.school_code AND lv.stage = sp.stage AND lv.current = 1) AS source_file,
                         (SELECT min(sh.name) FROM loaded_values lv JOIN sheets sh ON sh.id = lv.sheet_id
                          WHERE lv.year = sp.year AND lv.school_code = sp.school_code AND lv.stage = sp.stage AND lv.current = 1) AS sheet,
                         (SELECT min(lv.sheet_id) FROM loaded_values lv
                          WHERE lv.year = sp.year AND lv.school_code = sp.school_code AND lv.stage = sp.stage AND lv.current = 1) AS sheet_id
                  FROM school_parts sp LEFT JOIN schools sc ON sc.code = sp.school_code) s
            """
        return String(arm[..<start.lowerBound]) + parts + String(arm[end.upperBound...])
    }
}
