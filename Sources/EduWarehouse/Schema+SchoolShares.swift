import EduStandards

extension Schema {
    /// Migration 012's storage part: school_figures held a copy of every current part figure of
    /// loaded_values (62 bytes a value, and 48 more in its two indexes) to hold the few it derives
    /// from whole-school figures. school_shares holds only those; school_values reads a part's own
    /// figures from loaded_values (through its county and key indexes) and the shares beside them.
    static var schoolSharesMigration: String {
        """
        DROP TRIGGER loaded_values_insert_keeps_school_figures;
        DROP TRIGGER loaded_values_delete_keeps_school_figures;
        DROP TRIGGER loaded_values_update_keeps_school_figures;
        ALTER TABLE school_figures_paused RENAME TO school_parts_paused;
        DROP VIEW school_values;
        DROP TABLE school_figures;

        -- school_values' rows that come from a whole-school figure: shared out by the parts' pupils, or
        -- kept whole where no part has pupils; value_id is the whole-school value in loaded_values.
        CREATE TABLE school_shares (
            year INTEGER NOT NULL,
            county_code TEXT NOT NULL,
            school_code TEXT NOT NULL,
            stage TEXT NOT NULL,
            indicator TEXT NOT NULL,
            value REAL NOT NULL,
            value_id INTEGER NOT NULL
        );
        CREATE INDEX school_shares_county ON school_shares(county_code, year);
        CREATE INDEX school_shares_school ON school_shares(year, school_code);
        INSERT INTO school_shares (year, county_code, school_code, stage, indicator, value, value_id)
        \(schoolSharesSelect(.all));

        \(schoolSharesTriggers)

        -- One row per value by part: a part's own current figures, and the whole-school figures shared out (school_shares).
        CREATE VIEW school_values AS
        SELECT sf.year AS year, sf.county_code AS county_code, s.township AS township, sf.school_code AS school_code,
               s.name AS school_name, sf.stage AS stage, sf.indicator AS indicator, sf.value AS value, v.unit AS unit,
               f.path AS source_file, sh.name AS sheet, v.cell AS cell
        FROM (SELECT year, county_code, school_code, stage, field AS indicator, value, id AS value_id FROM loaded_values
              WHERE stage IN ('primary', 'junior', 'senior', 'preschool') AND current = 1
              UNION ALL
              SELECT year, county_code, school_code, stage, indicator, value, value_id FROM school_shares) sf
        JOIN loaded_values v ON v.id = sf.value_id
        JOIN sheets sh ON sh.id = v.sheet_id
        JOIN source_files f ON f.id = sh.file_id
        LEFT JOIN schools s ON s.code = sf.school_code;
        """
    }

    /// The rows of school_values that come from whole-school figures, as 004 computed them: 010's
    /// school_figures query without its first arm (a part's own figures).
    static func schoolSharesSelect(_ scope: SchoolScope) -> String {
        schoolFiguresSelect(scope).components(separatedBy: "\nUNION ALL\n").dropFirst().joined(separator: "\nUNION ALL\n")
    }

    /// A compulsory part's figures in the scope: its own current values and its shares.
    private static func partFigures(_ scope: SchoolScope) -> String {
        """
        SELECT v.year, v.county_code, v.school_code, v.stage, v.field AS indicator, v.value
                  FROM \(scope.source("loaded_values", "v"))
                  WHERE v.stage IN ('primary', 'junior') AND v.current = 1 AND \(scope.condition("v"))
                  UNION ALL
                  SELECT s.year, s.county_code, s.school_code, s.stage, s.indicator, s.value
                  FROM \(scope.source("school_shares", "s"))
                  WHERE s.stage IN ('primary', 'junior') AND \(scope.condition("s"))
        """
    }

    /// Each compulsory part's inputs, as 010's school_parts query gathered them from school_figures;
    /// school_students counts the whole school's primary, junior and senior pupils.
    static func schoolPartsFromSharesSelect(_ scope: SchoolScope) -> String {
        let inputs = partColumns.dropLast().map { "max(CASE WHEN f.indicator = '\($0)' THEN f.value END)" }
        // (+w.county_code: looked up by the school's key, not by scanning its county's values.)
        let school = "w.year = f.year AND +w.county_code = f.county_code AND w.school_code = f.school_code AND w.stage IN ('primary', 'junior', 'senior')"
        return """
        SELECT f.year, f.county_code, f.school_code, f.stage,
               \(inputs.joined(separator: ",\n       ")),
               (SELECT sum(t.value) FROM (SELECT w.value FROM loaded_values w WHERE \(school) AND w.field = 'students' AND w.current = 1
                                          UNION ALL
                                          SELECT w.value FROM school_shares w WHERE \(school) AND w.indicator = 'students') t)
        FROM (\(partFigures(scope))) f
        GROUP BY f.year, f.county_code, f.school_code, f.stage
        """
    }

    /// The statements that recompute the scope's rows of school_shares, then of school_parts.
    static func schoolSharesRefresh(_ scope: SchoolScope) -> String {
        """
        \(scope.delete("school_shares"));
        INSERT INTO school_shares (year, county_code, school_code, stage, indicator, value, value_id)
        \(schoolSharesSelect(scope));
        \(scope.delete("school_parts"));
        INSERT INTO school_parts (year, county_code, school_code, stage, \(partColumns.joined(separator: ", ")))
        \(schoolPartsFromSharesSelect(scope));
        """
    }

    /// Triggers that keep school_shares and school_parts right when loaded_values is edited by hand
    /// (the sqlite3 shell): each changed row's school and year is recomputed. eduetl's own loads
    /// pause them (a row in school_parts_paused, inside the load's transaction) and recompute the
    /// schools they touched once, at the end.
    static var schoolSharesTriggers: String {
        loadedValuesTriggers(keeping: "school_parts", paused: "school_parts_paused", refresh: schoolSharesRefresh)
    }
}
