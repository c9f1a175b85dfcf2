/// The warehouse's schema: named migrations, applied in order and never edited once released;
/// a change is a new migration at the end. Tables and views are a public interface, documented
/// in the README: statisticians query them with the sqlite3 shell.
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
    ]

    /// Tables an eduetl warehouse has; a database with other tables and none of these is not one.
    static let markerTable = "schema_migrations"
}
