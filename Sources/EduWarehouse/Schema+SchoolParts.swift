import EduStandards

extension Schema {
    /// Migration 010: school_values and school_indicators read from tables that every load keeps,
    /// school by school (issue 15). Before, each query recomputed every school of every county, so
    /// one county's figures cost as much as the whole warehouse's. school_figures holds
    /// school_values' rows (a part's own values, a whole-school figure shared out by the parts'
    /// pupils, or kept whole where no part has pupils) with the loaded value they come from;
    /// school_parts holds each compulsory part's inputs to the indicators. The views keep their names
    /// and columns and read these through indexes; what depends on the standards (exclusions) or on
    /// a school's identity (name, type, township) is still read when queried.
    static var schoolPartsMigration: String {
        """
        -- school_values' rows, kept by each load for the schools it touches: value_id is the loaded value.
        CREATE TABLE school_figures (
            year INTEGER NOT NULL,
            county_code TEXT NOT NULL,
            school_code TEXT NOT NULL,
            stage TEXT NOT NULL,
            indicator TEXT NOT NULL,
            value REAL NOT NULL,
            value_id INTEGER NOT NULL
        );
        CREATE INDEX school_figures_county ON school_figures(county_code, year);
        CREATE INDEX school_figures_school ON school_figures(year, school_code);

        -- One row per compulsory school part and year: what school_indicators divides.
        CREATE TABLE school_parts (
            year INTEGER NOT NULL,
            county_code TEXT NOT NULL,
            school_code TEXT NOT NULL,
            stage TEXT NOT NULL,
            \(partColumns.map { "\($0) REAL" }.joined(separator: ",\n    "))
        );
        CREATE INDEX school_parts_county ON school_parts(county_code, year);
        CREATE INDEX school_parts_school ON school_parts(year, school_code);

        -- A row while eduetl loads a file (inside its transaction): the triggers below leave the work to the load.
        CREATE TABLE school_figures_paused (since TEXT NOT NULL);

        INSERT INTO school_figures (year, county_code, school_code, stage, indicator, value, value_id)
        \(schoolFiguresSelect(.all));
        INSERT INTO school_parts (year, county_code, school_code, stage, \(partColumns.joined(separator: ", ")))
        \(schoolPartsSelect(.all));

        \(schoolFiguresTriggers)

        DROP VIEW school_values;
        -- One row per value by part, read from school_figures (see 004 for how whole-school figures are shared).
        CREATE VIEW school_values AS
        SELECT sf.year AS year, sf.county_code AS county_code, s.township AS township, sf.school_code AS school_code,
               s.name AS school_name, sf.stage AS stage, sf.indicator AS indicator, sf.value AS value, v.unit AS unit,
               f.path AS source_file, sh.name AS sheet, v.cell AS cell
        FROM school_figures sf
        JOIN loaded_values v ON v.id = sf.value_id
        JOIN sheets sh ON sh.id = v.sheet_id
        JOIN source_files f ON f.id = sh.file_id
        LEFT JOIN schools s ON s.code = sf.school_code;

        DROP VIEW school_indicators;
        \(partsSchoolIndicators)
        """
    }

    /// The inputs school_indicators reads, as school_parts' columns.
    static var partColumns: [String] {
        let plain = Set(DerivedIndicator.all.map(\.field)).subtracting(["teachers_above_required_degree"]).sorted()
        return plain + ["teachers_college_degree", "teachers_bachelor_degree", "teachers_above_required_degree", "classes", "students",
                        "school_students"]
    }

    /// Which schools and years a computation keeps to: all of them, those a load touched
    /// (temp.touched_schools), or the one a trigger names.
    enum SchoolScope {
        case all
        case touched
        case row(String)

        /// The condition on a table of year and school_code under `alias`, where `source` did not
        /// already keep to the scope.
        func condition(_ alias: String) -> String {
            switch self {
            case .all, .touched: return "1"
            case .row(let row): return "\(alias).year = \(row).year AND \(alias).school_code = \(row).school_code"
            }
        }

        /// `table` under `alias`, kept to the scope: the touched schools drive the lookups (each
        /// through the table's (year, school_code) index), so a load's cost follows its schools.
        func source(_ table: String, _ alias: String) -> String {
            switch self {
            case .all, .row: return "\(table) \(alias)"
            case .touched:
                return "temp.touched_schools touched CROSS JOIN \(table) \(alias) "
                    + "ON \(alias).year = touched.year AND \(alias).school_code = touched.school_code"
            }
        }

        /// The statement that deletes the scope's rows of `table`.
        func delete(_ table: String) -> String {
            switch self {
            case .all, .row: return "DELETE FROM \(table) WHERE \(condition(table))"
            case .touched: return "DELETE FROM \(table) WHERE rowid IN (SELECT stale.rowid FROM \(source(table, "stale")))"
            }
        }
    }

    /// A part's pupils, where school_values shares whole-school figures by them: primary, junior,
    /// senior or preschool, current, above 0.
    private static func sharingPupils(_ alias: String) -> String {
        "\(alias).field = 'students' AND \(alias).stage IN ('primary', 'junior', 'senior', 'preschool') AND \(alias).current = 1 "
            + "AND \(alias).value > 0"
    }

    /// school_values' rows as 004 computed them, with the loaded value's id, without common table
    /// expressions (a trigger's statements may not have them).
    static func schoolFiguresSelect(_ scope: SchoolScope) -> String {
        """
        SELECT v.year, v.county_code, v.school_code, v.stage, v.field, v.value, v.id
        FROM \(scope.source("loaded_values", "v"))
        WHERE v.stage IN ('primary', 'junior', 'senior', 'preschool') AND v.current = 1 AND \(scope.condition("v"))
        UNION ALL
        SELECT v.year, v.county_code, v.school_code, p.stage, v.field,
               v.value * p.value / (SELECT sum(t.value) FROM loaded_values t
                                    WHERE t.year = v.year AND t.school_code = v.school_code AND \(sharingPupils("t"))), v.id
        FROM \(scope.source("loaded_values", "v"))
        JOIN loaded_values p ON p.year = v.year AND p.school_code = v.school_code AND \(sharingPupils("p"))
        WHERE v.stage = 'whole_school' AND v.current = 1 AND \(scope.condition("v"))
          AND NOT EXISTS (SELECT 1 FROM loaded_values own
                          WHERE own.year = v.year AND own.school_code = v.school_code
                            AND own.stage = p.stage AND own.field = v.field AND own.current = 1)
        UNION ALL
        SELECT v.year, v.county_code, v.school_code, v.stage, v.field, v.value, v.id
        FROM \(scope.source("loaded_values", "v"))
        WHERE v.stage = 'whole_school' AND v.current = 1 AND \(scope.condition("v"))
          AND NOT EXISTS (SELECT 1 FROM loaded_values t WHERE t.year = v.year AND t.school_code = v.school_code AND \(sharingPupils("t")))
        """
    }

    /// Each compulsory part's inputs from school_figures, as 006's school_indicators gathered them;
    /// school_students counts the whole school's primary, junior and senior pupils.
    static func schoolPartsSelect(_ scope: SchoolScope) -> String {
        let inputs = partColumns.dropLast().map { "max(CASE WHEN f.indicator = '\($0)' THEN f.value END)" }
        return """
        SELECT f.year, f.county_code, f.school_code, f.stage,
               \(inputs.joined(separator: ",\n       ")),
               (SELECT sum(w.value) FROM school_figures w
                WHERE w.year = f.year AND w.county_code = f.county_code AND w.school_code = f.school_code
                  AND w.indicator = 'students' AND w.stage IN ('primary', 'junior', 'senior'))
        FROM \(scope.source("school_figures", "f")) WHERE f.stage IN ('primary', 'junior') AND \(scope.condition("f"))
        GROUP BY f.year, f.county_code, f.school_code, f.stage
        """
    }

    /// The statements that recompute the scope's rows of school_figures, then of school_parts.
    static func schoolFiguresRefresh(_ scope: SchoolScope) -> String {
        """
        \(scope.delete("school_figures"));
        INSERT INTO school_figures (year, county_code, school_code, stage, indicator, value, value_id)
        \(schoolFiguresSelect(scope));
        \(scope.delete("school_parts"));
        INSERT INTO school_parts (year, county_code, school_code, stage, \(partColumns.joined(separator: ", ")))
        \(schoolPartsSelect(scope));
        """
    }

    /// Triggers that keep school_figures and school_parts right when loaded_values is edited by hand
    /// (the sqlite3 shell): each changed row's school and year is recomputed. eduetl's own loads
    /// pause them (a row in school_figures_paused, inside the load's transaction) and recompute the
    /// schools they touched once, at the end.
    static var schoolFiguresTriggers: String {
        loadedValuesTriggers(keeping: "school_figures", paused: "school_figures_paused", refresh: schoolFiguresRefresh)
    }

    /// An AFTER INSERT, DELETE and UPDATE trigger on `table` (the values' table: loaded_values until
    /// migration 015, value_cells since) each, named <table>_<event>_keeps_<kept>, that runs `refresh`
    /// for the changed row's school and year unless `paused` has a row.
    static func loadedValuesTriggers(keeping kept: String, paused: String, refresh: (SchoolScope) -> String,
                                     on table: String = "loaded_values") -> String {
        let events: [(name: String, event: String, rows: [String])] = [
            ("insert", "INSERT", ["NEW"]), ("delete", "DELETE", ["OLD"]), ("update", "UPDATE", ["OLD", "NEW"]),
        ]
        return events.map { trigger in
            """
            CREATE TRIGGER \(table)_\(trigger.name)_keeps_\(kept) AFTER \(trigger.event) ON \(table)
            WHEN NOT EXISTS (SELECT 1 FROM \(paused))
            BEGIN
            \(trigger.rows.map { refresh(.row($0)) }.joined(separator: "\n"))
            END;
            """
        }.joined(separator: "\n")
    }

    /// school_indicators as 006 made it, its inputs read from school_parts: a flat view, so a query
    /// for one county reads that county's rows through the index.
    private static var partsSchoolIndicators: String {
        let ratios = DerivedIndicator.all.map { indicator in
            let field = indicator.field == "teachers_above_required_degree" ? requiredDegree : "p.\(indicator.field)"
            return indicator.scale == 1 ? "\(field) / p.students AS \(indicator.id)"
                : "\(field) * \(Int(indicator.scale)).0 / p.students AS \(indicator.id)"
        }.joined(separator: ",\n       ")
        return """
        CREATE VIEW school_indicators AS
        SELECT p.year AS year, p.county_code AS county_code, p.school_code AS school_code, sc.name AS school_name,
               p.stage AS stage, sc.school_type AS school_type, p.students AS students,
               (SELECT e.reason FROM exclusion_rules e
                WHERE e.school_type = sc.school_type AND (e.below_students IS NULL OR p.students < e.below_students)
                LIMIT 1) AS excluded_reason,
               \(ratios),
               p.classes AS classes,
               CASE WHEN p.classes > 0 THEN p.students / p.classes END AS students_per_class,
               p.school_students AS school_students,
               CASE WHEN p.stage = 'primary' AND p.teachers_college_degree IS NOT NULL THEN 'teachers_college_degree'
                    WHEN p.stage = 'junior' AND p.teachers_bachelor_degree IS NOT NULL THEN 'teachers_bachelor_degree'
                    WHEN p.teachers_above_required_degree IS NOT NULL THEN 'teachers_above_required_degree' END AS required_degree_field,
               sc.urban_rural AS urban_rural
        FROM school_parts p LEFT JOIN schools sc ON sc.code = p.school_code;
        """
    }

    /// The stage's required degree: 专科及以上 for primary, 本科及以上 for junior, else 高于规定学历.
    private static var requiredDegree: String {
        "(CASE WHEN p.stage = 'primary' AND p.teachers_college_degree IS NOT NULL THEN p.teachers_college_degree "
            + "WHEN p.stage = 'junior' AND p.teachers_bachelor_degree IS NOT NULL THEN p.teachers_bachelor_degree "
            + "ELSE p.teachers_above_required_degree END)"
    }
}
