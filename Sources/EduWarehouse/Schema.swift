/// The warehouse's schema: named migrations, applied in order and never edited once released;
/// a change is a new migration at the end. Tables and views are a public interface, documented
/// in the README: statisticians query them with the sqlite3 shell.
import EduStandards

enum Schema {
    static let migrations: [(name: String, sql: String)] = [
        ("001-warehouse", """
        CREATE TABLE ingest_runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted', 'failed')),
            pid INTEGER,
            command TEXT,
            files_loaded INTEGER NOT NULL DEFAULT 0,
            files_unchanged INTEGER NOT NULL DEFAULT 0,
            files_rejected INTEGER NOT NULL DEFAULT 0,
            values_loaded INTEGER NOT NULL DEFAULT 0,
            rejects INTEGER NOT NULL DEFAULT 0,
            conflicts INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE source_files (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            absolute_path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            format TEXT NOT NULL,
            sheets INTEGER,
            details TEXT,
            loaded_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('loaded', 'superseded', 'rejected')),
            message TEXT,
            superseded_by INTEGER REFERENCES source_files(id),
            run_id INTEGER REFERENCES ingest_runs(id),
            load_settings TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX source_files_sha256 ON source_files(sha256);
        CREATE INDEX source_files_absolute_path ON source_files(absolute_path);
        CREATE TABLE sheets (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES source_files(id),
            name TEXT NOT NULL,
            layout TEXT NOT NULL,
            header_rows TEXT,
            title TEXT
        );
        CREATE INDEX sheets_file ON sheets(file_id);
        CREATE TABLE counties (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL
        );
        CREATE TABLE schools (
            code TEXT PRIMARY KEY,
            name TEXT,
            county_code TEXT,
            township TEXT,
            school_type TEXT,
            urban_rural TEXT,
            updated_by_file INTEGER REFERENCES source_files(id)
        );
        CREATE TABLE fields (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            unit TEXT
        );
        CREATE TABLE loaded_values (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,
            county_code TEXT NOT NULL,
            school_code TEXT NOT NULL,
            stage TEXT NOT NULL CHECK (stage IN ('primary', 'junior', 'whole_school')),
            field TEXT NOT NULL,
            value REAL NOT NULL,
            unit TEXT,
            sheet_id INTEGER NOT NULL REFERENCES sheets(id),
            cell TEXT NOT NULL,
            current INTEGER NOT NULL DEFAULT 1
        );
        -- One current value per key; a value another file overrode stays (current = 0), so it
        -- comes back if the overriding file is superseded.
        CREATE UNIQUE INDEX loaded_values_key ON loaded_values(year, school_code, stage, field) WHERE current = 1;
        CREATE INDEX loaded_values_overridden ON loaded_values(year, school_code, stage, field) WHERE current = 0;
        CREATE INDEX loaded_values_sheet ON loaded_values(sheet_id);
        CREATE TABLE header_decisions (
            id INTEGER PRIMARY KEY,
            sheet_id INTEGER NOT NULL REFERENCES sheets(id),
            column_name TEXT NOT NULL,
            label_cell TEXT,
            header_path TEXT NOT NULL,
            field TEXT,
            method TEXT NOT NULL,
            confidence REAL NOT NULL,
            unit_written TEXT,
            unit TEXT,
            factor REAL,
            unit_source TEXT,
            note TEXT
        );
        CREATE INDEX header_decisions_sheet ON header_decisions(sheet_id);
        CREATE TABLE skipped_rows (
            sheet_id INTEGER NOT NULL REFERENCES sheets(id),
            row INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT
        );
        CREATE TABLE rejects (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES source_files(id),
            sheet TEXT,
            row INTEGER,
            cell TEXT,
            field TEXT,
            raw_text TEXT,
            reason TEXT NOT NULL
        );
        CREATE INDEX rejects_file ON rejects(file_id);
        CREATE TABLE empty_markers (
            sheet_id INTEGER NOT NULL REFERENCES sheets(id),
            year INTEGER NOT NULL,
            school_code TEXT NOT NULL,
            stage TEXT NOT NULL,
            field TEXT NOT NULL,
            cell TEXT NOT NULL,
            written TEXT
        );
        CREATE INDEX empty_markers_sheet ON empty_markers(sheet_id);
        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES ingest_runs(id),
            year INTEGER NOT NULL,
            school_code TEXT NOT NULL,
            stage TEXT NOT NULL,
            field TEXT NOT NULL,
            old_value REAL,
            old_sheet_id INTEGER REFERENCES sheets(id),
            old_cell TEXT,
            new_value REAL,
            new_sheet_id INTEGER REFERENCES sheets(id),
            new_cell TEXT
        );

        -- One row per loaded value, by stage. A figure a nine-year or complete school gives only for
        -- the whole school is shared out by its parts' students, unless the part has its own figure.
        CREATE VIEW school_values AS
        WITH parts AS (
            SELECT year, school_code, stage, value AS students
            FROM loaded_values WHERE field = 'students' AND stage IN ('primary', 'junior') AND current = 1
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
        WHERE v.stage IN ('primary', 'junior') AND v.current = 1
        UNION ALL
        SELECT v.year, v.county_code, s.township, v.school_code, s.name, p.stage, v.field,
               v.value * p.students / t.students, v.unit, f.path, sh.name, v.cell
        FROM loaded_values v
        JOIN parts p ON p.year = v.year AND p.school_code = v.school_code
        JOIN totals t ON t.year = v.year AND t.school_code = v.school_code
        JOIN sheets sh ON sh.id = v.sheet_id
        JOIN source_files f ON f.id = sh.file_id
        LEFT JOIN schools s ON s.code = v.school_code
        WHERE v.stage = 'whole_school' AND v.current = 1 AND t.students > 0
          AND NOT EXISTS (SELECT 1 FROM loaded_values own
                          WHERE own.year = v.year AND own.school_code = v.school_code
                            AND own.stage = p.stage AND own.field = v.field AND own.current = 1);

        CREATE VIEW unmapped_headers AS
        SELECT f.path AS source_file, sh.name AS sheet, h.column_name AS column_name, h.label_cell AS label_cell,
               h.header_path AS header_path, h.note AS note
        FROM header_decisions h JOIN sheets sh ON sh.id = h.sheet_id JOIN source_files f ON f.id = sh.file_id
        WHERE h.field IS NULL AND f.status = 'loaded';

        CREATE VIEW rejected_cells AS
        SELECT f.path AS source_file, r.sheet AS sheet, r.row AS row, r.cell AS cell, r.field AS field,
               r.raw_text AS raw_text, r.reason AS reason, f.status AS file_status
        FROM rejects r JOIN source_files f ON f.id = r.file_id;

        CREATE VIEW value_conflicts AS
        SELECT c.year, c.school_code, c.stage, c.field, c.old_value, fo.path AS old_file, so.name AS old_sheet,
               c.old_cell, c.new_value, fn.path AS new_file, sn.name AS new_sheet, c.new_cell
        FROM conflicts c
        JOIN sheets so ON so.id = c.old_sheet_id JOIN source_files fo ON fo.id = so.file_id
        JOIN sheets sn ON sn.id = c.new_sheet_id JOIN source_files fn ON fn.id = sn.file_id;
        """),
        ("002-balance", balanceMigration),
        ("003-pipeline-runs", pipelineRunsMigration),
        ("004-stages-and-schools", stagesMigration),
        ("005-run-files", runFilesMigration),
        ("006-judged-balance", judgedBalanceMigration),
        ("007-audit", auditMigration),
        ("008-breakdowns", breakdownsMigration),
        ("009-county-names", countyNamesMigration),
        ("010-school-parts", schoolPartsMigration),
        ("011-audit-by-county", auditByCountyMigration),
        ("012-balance-by-county", balanceByCountyMigration),
        ("013-balance-trend", balanceTrendMigration),
        ("014-county-overview", countyOverviewMigration),
        ("015-compact-values", compactValuesMigration),
    ]

    /// The runs of scheduled pipelines (`eduetl run`, `eduetl schedule run-due`): which slot each
    /// ran for, how it ended, the ingest run it made and the files it exported.
    static let pipelineRunsMigration = """
        CREATE TABLE pipeline_runs (
            id INTEGER PRIMARY KEY,
            pipeline TEXT NOT NULL,
            file TEXT NOT NULL,
            slot TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
            ingest_run_id INTEGER REFERENCES ingest_runs(id),
            files_loaded INTEGER NOT NULL DEFAULT 0,
            files_unchanged INTEGER NOT NULL DEFAULT 0,
            files_rejected INTEGER NOT NULL DEFAULT 0,
            exports TEXT NOT NULL DEFAULT '',
            message TEXT
        );
        CREATE INDEX pipeline_runs_pipeline ON pipeline_runs(pipeline, status);
        """

    /// school_indicators' inputs, one column per field the derived indicators divide (shared by
    /// 002 and 004, which must write the same text).
    static var indicatorInputs: String {
        let bases = Set(DerivedIndicator.all.map(\.field)).sorted()
        return bases.map { "max(CASE WHEN indicator = '\($0)' THEN value END) AS \($0)" }.joined(separator: ",\n               ")
    }

    /// school_indicators' derived columns: each field per student, scaled (per 100 students).
    static var indicatorRatios: String {
        DerivedIndicator.all.map { indicator in
            indicator.scale == 1 ? "b.\(indicator.field) / b.students AS \(indicator.id)"
                : "b.\(indicator.field) * \(Int(indicator.scale)).0 / b.students AS \(indicator.id)"
        }.joined(separator: ",\n               ")
    }

    /// The CTEs county_balance computes the enrolment-weighted CVs with (v: the counted values,
    /// m: the weighted means, s: the deviations, r: each CV against its limit), shared by 002 and 006.
    static let weightedCVTerms = """
        WITH v AS (
            SELECT i.year, i.county_code, i.stage, si.standard, i.indicator, i.students AS p, i.value AS x
            FROM school_indicator_values i JOIN standard_indicators si ON si.indicator = i.indicator
            WHERE i.excluded_reason IS NULL AND i.value IS NOT NULL AND i.students > 0
        ), m AS (
            SELECT year, county_code, stage, standard, indicator, count(*) AS schools, sum(p) AS students, sum(p * x) / sum(p) AS mean
            FROM v GROUP BY year, county_code, stage, standard, indicator
        ), s AS (
            SELECT m.year, m.county_code, m.stage, m.standard, m.indicator, m.schools, m.students, m.mean,
                   sqrt(sum(v.p * (v.x - m.mean) * (v.x - m.mean)) / m.students) AS sd
            FROM m JOIN v ON v.year = m.year AND v.county_code = m.county_code AND v.stage = m.stage
                          AND v.standard = m.standard AND v.indicator = m.indicator
            GROUP BY m.year, m.county_code, m.stage, m.standard, m.indicator
        ), r AS (
            SELECT s.year, s.county_code, s.stage, s.standard, s.indicator, s.schools, s.students, s.mean,
                   CASE WHEN s.mean <> 0 THEN s.sd / s.mean END AS cv, l.cv_limit
            FROM s JOIN standard_cv_limits l ON l.standard = s.standard AND l.stage = s.stage
        )
        """

    /// Tables an eduetl warehouse has; a database with other tables and none of these is not one.
    static let markerTable = "schema_migrations"

    /// The standards' tables (filled from Pipelines/standards.yml at every ingest) and the views
    /// the county summaries read: per-school indicators, the county's enrolment-weighted CVs,
    /// the schools' compliance with the quality minimums, and county rates against targets.
    static var balanceMigration: String {
        let pivot = indicatorInputs
        let ratios = indicatorRatios
        let long = DerivedIndicator.all.map { indicator in
            "SELECT year, county_code, school_code, school_name, stage, school_type, students, excluded_reason, "
                + "'\(indicator.id)' AS indicator, \(indicator.id) AS value FROM school_indicators"
        }.joined(separator: "\n        UNION ALL ")
        return """
        CREATE TABLE standard_cv_limits (
            standard TEXT NOT NULL CHECK (standard IN ('basic', 'quality')),
            stage TEXT NOT NULL CHECK (stage IN ('primary', 'junior')),
            cv_limit REAL NOT NULL,
            PRIMARY KEY (standard, stage)
        );
        CREATE TABLE standard_indicators (
            standard TEXT NOT NULL,
            indicator TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (standard, indicator)
        );
        CREATE TABLE quality_minimums (
            indicator TEXT NOT NULL,
            stage TEXT NOT NULL,
            minimum REAL NOT NULL,
            PRIMARY KEY (indicator, stage)
        );
        CREATE TABLE compliance_rule (
            min_met INTEGER NOT NULL,
            unmet_floor REAL NOT NULL
        );
        CREATE TABLE exclusion_rules (
            school_type TEXT NOT NULL,
            below_students REAL,
            reason TEXT NOT NULL
        );
        CREATE TABLE county_rate_targets (
            indicator TEXT PRIMARY KEY,
            target REAL NOT NULL,
            comparison TEXT NOT NULL CHECK (comparison IN ('>=', '<='))
        );
        -- A county's own figures (学前三年毛入园率 …), from sheets of county figures; shares as fractions.
        CREATE TABLE county_values (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,
            county_code TEXT NOT NULL,
            indicator TEXT NOT NULL,
            value REAL NOT NULL,
            unit TEXT,
            sheet_id INTEGER NOT NULL REFERENCES sheets(id),
            cell TEXT NOT NULL,
            current INTEGER NOT NULL DEFAULT 1
        );
        CREATE UNIQUE INDEX county_values_key ON county_values(year, county_code, indicator) WHERE current = 1;
        CREATE INDEX county_values_sheet ON county_values(sheet_id);

        -- Each county figure against its target (>= or <=); gross rates above 1 are valid.
        CREATE VIEW county_targets AS
        SELECT c.year AS year, c.county_code AS county_code, c.indicator AS indicator, c.value AS value,
               t.target AS target, t.comparison AS comparison,
               CASE t.comparison WHEN '>=' THEN c.value >= t.target ELSE c.value <= t.target END AS met,
               f.path AS source_file, sh.name AS sheet, c.cell AS cell
        FROM county_values c JOIN county_rate_targets t ON t.indicator = c.indicator
        JOIN sheets sh ON sh.id = c.sheet_id JOIN source_files f ON f.id = sh.file_id
        WHERE c.current = 1;

        -- One row per school and stage: its students and each derived indicator (NULL where an
        -- input is missing); excluded_reason says why a school is left out of the county figures.
        CREATE VIEW school_indicators AS
        WITH b AS (
            SELECT year, county_code, school_code, max(school_name) AS school_name, stage,
               \(pivot),
               max(CASE WHEN indicator = 'students' THEN value END) AS students
            FROM school_values GROUP BY year, county_code, school_code, stage
        )
        SELECT b.year AS year, b.county_code AS county_code, b.school_code AS school_code, b.school_name AS school_name,
               b.stage AS stage, sc.school_type AS school_type, b.students AS students,
               (SELECT e.reason FROM exclusion_rules e
                WHERE e.school_type = sc.school_type AND (e.below_students IS NULL OR b.students < e.below_students)
                LIMIT 1) AS excluded_reason,
               \(ratios)
        FROM b LEFT JOIN schools sc ON sc.code = b.school_code;

        -- The same, one row per school, stage and indicator.
        CREATE VIEW school_indicator_values AS
        \(long);

        -- Per county, stage and standard: each indicator's schools, students, enrolment-weighted
        -- mean and coefficient of variation against its limit; and the basic standard's composite
        -- (the mean of its CVs). Excluded schools and missing values are left out.
        CREATE VIEW county_balance AS
        \(weightedCVTerms)
        SELECT year, county_code, stage, standard, indicator, schools, students, mean, cv, cv_limit,
               CASE WHEN cv IS NULL THEN NULL ELSE cv <= cv_limit END AS cv_met
        FROM r
        UNION ALL
        SELECT year, county_code, stage, standard, 'composite', max(schools), max(students), NULL, avg(cv), cv_limit,
               CASE WHEN avg(cv) IS NULL THEN NULL ELSE avg(cv) <= cv_limit END
        FROM r WHERE standard = 'basic' GROUP BY year, county_code, stage, standard, cv_limit;

        -- Per school and stage, each quality indicator against its minimum; indicators met; and
        -- whether the school complies (at least min_met met, each unmet one at least unmet_floor of
        -- its minimum; NULL when a value is missing).
        CREATE VIEW school_compliance AS
        WITH q AS (
            SELECT i.year, i.county_code, i.school_code, i.school_name, i.stage, i.school_type, i.students, i.excluded_reason,
                   i.indicator, i.value, qm.minimum,
                   CASE WHEN i.value IS NULL THEN NULL ELSE i.value >= qm.minimum END AS met
            FROM school_indicator_values i JOIN quality_minimums qm ON qm.indicator = i.indicator AND qm.stage = i.stage
        ), per_school AS (
            SELECT year, school_code, stage, sum(met = 1) AS indicators_met, count(value) AS known, count(*) AS indicators,
                   min(CASE WHEN met = 0 THEN value / minimum END) AS worst_share
            FROM q GROUP BY year, school_code, stage
        )
        SELECT q.year, q.county_code, q.school_code, q.school_name, q.stage, q.school_type, q.students, q.excluded_reason,
               q.indicator, q.value, q.minimum, q.met, p.indicators_met,
               CASE WHEN p.known < p.indicators THEN NULL
                    WHEN p.indicators_met >= (SELECT min_met FROM compliance_rule)
                         AND coalesce(p.worst_share, 1) >= (SELECT unmet_floor FROM compliance_rule) THEN 1 ELSE 0 END AS complies
        FROM q JOIN per_school p ON p.year = q.year AND p.school_code = q.school_code AND p.stage = q.stage;
        """
    }
}
