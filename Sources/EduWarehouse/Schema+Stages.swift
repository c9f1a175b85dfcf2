extension Schema {
    /// Migration 004: senior (高中) and preschool (幼儿园) parts, and who runs a school.
    ///
    /// SQLite cannot alter a CHECK, so `loaded_values` is rebuilt: copied to a scratch table,
    /// dropped, created again with the wider CHECK and its three indexes, and copied back with
    /// every id. Nothing is renamed: renaming re-parses the views, and fails on a view whose table
    /// is gone for the moment. The columns are added to `schools` first, while every view still
    /// resolves (SQLite checks the schema after ADD COLUMN too). Of the other tables with a stage,
    /// `empty_markers` and `conflicts` have no CHECK on it, and `standard_cv_limits` keeps its
    /// own: the standards judge primary and junior only.
    ///
    /// `school_values` and `school_indicators` are dropped and created again; the views reading
    /// `school_indicators` by name (school_indicator_values, and through it county_balance and
    /// school_compliance) resolve it when queried, so they need no change.
    static var stagesMigration: String {
        """
        ALTER TABLE schools ADD COLUMN ownership TEXT CHECK (ownership IN ('public', 'private'));
        -- 性质/举办者 as written (831县级教育部门, 999民办) and 办学地址.
        ALTER TABLE schools ADD COLUMN sponsor TEXT;
        ALTER TABLE schools ADD COLUMN address TEXT;

        DROP VIEW school_indicators;
        DROP VIEW school_values;

        CREATE TEMP TABLE migrating_loaded_values AS SELECT * FROM main.loaded_values;
        DROP TABLE main.loaded_values;
        CREATE TABLE loaded_values (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,
            county_code TEXT NOT NULL,
            school_code TEXT NOT NULL,
            stage TEXT NOT NULL CHECK (stage IN ('primary', 'junior', 'senior', 'preschool', 'whole_school')),
            field TEXT NOT NULL,
            value REAL NOT NULL,
            unit TEXT,
            sheet_id INTEGER NOT NULL REFERENCES sheets(id),
            cell TEXT NOT NULL,
            current INTEGER NOT NULL DEFAULT 1
        );
        INSERT INTO main.loaded_values (id, year, county_code, school_code, stage, field, value, unit, sheet_id, cell, current)
        SELECT id, year, county_code, school_code, stage, field, value, unit, sheet_id, cell, current
        FROM temp.migrating_loaded_values ORDER BY id;
        DROP TABLE temp.migrating_loaded_values;
        -- One current value per key; a value another file overrode stays (current = 0), so it
        -- comes back if the overriding file is superseded.
        CREATE UNIQUE INDEX loaded_values_key ON loaded_values(year, school_code, stage, field) WHERE current = 1;
        CREATE INDEX loaded_values_overridden ON loaded_values(year, school_code, stage, field) WHERE current = 0;
        CREATE INDEX loaded_values_sheet ON loaded_values(sheet_id);

        \(schoolValuesView)

        -- One row per school and compulsory stage (primary, junior): its students and each derived
        -- indicator (NULL where an input is missing); excluded_reason says why a school is left out
        -- of the county figures. Senior and preschool parts are not judged by the balance standards.
        CREATE VIEW school_indicators AS
        WITH b AS (
            SELECT year, county_code, school_code, max(school_name) AS school_name, stage,
               \(indicatorInputs),
               max(CASE WHEN indicator = 'students' THEN value END) AS students
            FROM school_values WHERE stage IN ('primary', 'junior') GROUP BY year, county_code, school_code, stage
        )
        SELECT b.year AS year, b.county_code AS county_code, b.school_code AS school_code, b.school_name AS school_name,
               b.stage AS stage, sc.school_type AS school_type, b.students AS students,
               (SELECT e.reason FROM exclusion_rules e
                WHERE e.school_type = sc.school_type AND (e.below_students IS NULL OR b.students < e.below_students)
                LIMIT 1) AS excluded_reason,
               \(indicatorRatios)
        FROM b LEFT JOIN schools sc ON sc.code = b.school_code;
        """
    }

    /// One row per value by part (primary, junior, senior, preschool). A figure given only for the
    /// whole school is shared over the parts that have students, by their students, unless the
    /// part has its own figure for that field. A school whose whole-school figures have no part
    /// to share them over (a special-education school whose stage no return tells) shows them
    /// unshared, as stage 'whole_school', rather than losing them.
    static let schoolValuesView = """
        CREATE VIEW school_values AS
        WITH parts AS (
            SELECT year, school_code, stage, value AS students
            FROM loaded_values
            WHERE field = 'students' AND stage IN ('primary', 'junior', 'senior', 'preschool') AND current = 1 AND value > 0
        ), totals AS (
            SELECT year, school_code, SUM(students) AS students FROM parts GROUP BY year, school_code
        )
        SELECT v.year AS year, v.county_code AS county_code, s.township AS township, v.school_code AS school_code,
               s.name AS school_name, v.stage AS stage, v.field AS indicator, v.value AS value, v.unit AS unit,
               f.path AS source_file, sh.name AS sheet, v.cell AS cell
        FROM loaded_values v
        JOIN sheets sh ON sh.id = v.sheet_id
        JOIN source_files f ON f.id = sh.file_id
        LEFT JOIN schools s ON s.code = v.school_code
        WHERE v.stage IN ('primary', 'junior', 'senior', 'preschool') AND v.current = 1
        UNION ALL
        SELECT v.year, v.county_code, s.township, v.school_code, s.name, p.stage, v.field,
               v.value * p.students / t.students, v.unit, f.path, sh.name, v.cell
        FROM loaded_values v
        JOIN parts p ON p.year = v.year AND p.school_code = v.school_code
        JOIN totals t ON t.year = v.year AND t.school_code = v.school_code
        JOIN sheets sh ON sh.id = v.sheet_id
        JOIN source_files f ON f.id = sh.file_id
        LEFT JOIN schools s ON s.code = v.school_code
        WHERE v.stage = 'whole_school' AND v.current = 1
          AND NOT EXISTS (SELECT 1 FROM loaded_values own
                          WHERE own.year = v.year AND own.school_code = v.school_code
                            AND own.stage = p.stage AND own.field = v.field AND own.current = 1)
        UNION ALL
        SELECT v.year, v.county_code, s.township, v.school_code, s.name, v.stage, v.field, v.value, v.unit, f.path, sh.name, v.cell
        FROM loaded_values v
        JOIN sheets sh ON sh.id = v.sheet_id
        JOIN source_files f ON f.id = sh.file_id
        LEFT JOIN schools s ON s.code = v.school_code
        WHERE v.stage = 'whole_school' AND v.current = 1
          AND NOT EXISTS (SELECT 1 FROM totals t WHERE t.year = v.year AND t.school_code = v.school_code);
        """
}
