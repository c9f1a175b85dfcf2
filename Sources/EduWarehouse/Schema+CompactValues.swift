extension Schema {
    /// The stages a loaded value may have (loaded_values' CHECK before migration 015).
    static let valueStages = "('primary', 'junior', 'senior', 'preschool', 'whole_school')"

    /// Migration 015: the values stored compactly (issue 15). Every row of loaded_values repeated its
    /// stage, field and unit as text, in the table and again in its key index: 71 and 53 bytes a value
    /// nationally. value_cells holds them as numbers of value_terms, where each text is once; the
    /// provenance (sheet and cell) is kept as it was. loaded_values becomes a view with the same
    /// columns, so every query reads it as before, and edits by hand through it still work (INSTEAD OF
    /// triggers write value_cells). The ids of the values are kept. audit_findings' subset_exceeds_total
    /// reads value_cells itself (its scan of every value is the longest of the checks).
    static var compactValuesMigration: String {
        """
        -- Each text loaded_values repeats (a stage, a field, a unit), once.
        CREATE TABLE value_terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
        INSERT INTO value_terms (term)
        SELECT stage FROM loaded_values UNION SELECT field FROM loaded_values UNION SELECT unit FROM loaded_values WHERE unit IS NOT NULL;

        -- The loaded values: loaded_values' columns, stage, field and unit as value_terms ids.
        CREATE TABLE value_cells (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,
            county_code TEXT NOT NULL,
            school_code TEXT NOT NULL,
            stage_id INTEGER NOT NULL REFERENCES value_terms(id),
            field_id INTEGER NOT NULL REFERENCES value_terms(id),
            value REAL NOT NULL,
            unit_id INTEGER REFERENCES value_terms(id),
            sheet_id INTEGER NOT NULL REFERENCES sheets(id),
            cell TEXT NOT NULL,
            current INTEGER NOT NULL DEFAULT 1
        );
        INSERT INTO value_cells (id, year, county_code, school_code, stage_id, field_id, value, unit_id, sheet_id, cell, current)
        SELECT lv.id, lv.year, lv.county_code, lv.school_code, s.id, f.id, lv.value, u.id, lv.sheet_id, lv.cell, lv.current
        FROM loaded_values lv JOIN value_terms s ON s.term = lv.stage JOIN value_terms f ON f.term = lv.field
        LEFT JOIN value_terms u ON u.term = lv.unit
        ORDER BY lv.id;

        DROP TRIGGER loaded_values_insert_keeps_school_parts;
        DROP TRIGGER loaded_values_delete_keeps_school_parts;
        DROP TRIGGER loaded_values_update_keeps_school_parts;
        DROP TABLE loaded_values;

        CREATE UNIQUE INDEX value_cells_key ON value_cells(year, school_code, stage_id, field_id) WHERE current = 1;
        CREATE INDEX value_cells_overridden ON value_cells(year, school_code, stage_id, field_id) WHERE current = 0;
        CREATE INDEX value_cells_sheet ON value_cells(sheet_id);
        -- Every value (not only current ones, as 011's was): a scan of every current value reads the table in order
        -- instead of through this index.
        CREATE INDEX value_cells_county ON value_cells(county_code, year);

        -- The values as loaded, with their texts: the columns loaded_values always had.
        CREATE VIEW loaded_values AS
        SELECT c.id AS id, c.year AS year, c.county_code AS county_code, c.school_code AS school_code, s.term AS stage,
               f.term AS field, c.value AS value, u.term AS unit, c.sheet_id AS sheet_id, c.cell AS cell, c.current AS current
        FROM value_cells c
        JOIN value_terms s ON s.id = c.stage_id
        JOIN value_terms f ON f.id = c.field_id
        LEFT JOIN value_terms u ON u.id = c.unit_id;

        \(valueEditTriggers)

        \(loadedValuesTriggers(keeping: "school_parts", paused: "school_parts_paused", refresh: schoolSharesRefresh, on: "value_cells"))

        DROP VIEW audit_findings;
        \(auditFindingsOnValueCells)
        """
    }

    /// Inserts, updates and deletes through loaded_values (the sqlite3 shell) written to value_cells.
    private static var valueEditTriggers: String {
        let ensureTerms = """
            SELECT RAISE(ABORT, 'loaded_values.stage must be primary, junior, senior, preschool or whole_school')
            WHERE NEW.stage IS NULL OR NEW.stage NOT IN \(valueStages);
            INSERT OR IGNORE INTO value_terms (term) SELECT NEW.stage UNION ALL SELECT NEW.field WHERE NEW.field IS NOT NULL
                UNION ALL SELECT NEW.unit WHERE NEW.unit IS NOT NULL;
            """
        func term(_ column: String) -> String { "(SELECT id FROM value_terms WHERE term = NEW.\(column))" }
        return """
            CREATE TRIGGER loaded_values_insert INSTEAD OF INSERT ON loaded_values
            BEGIN
            \(ensureTerms)
            INSERT INTO value_cells (id, year, county_code, school_code, stage_id, field_id, value, unit_id, sheet_id, cell, current)
            VALUES (NEW.id, NEW.year, NEW.county_code, NEW.school_code, \(term("stage")), \(term("field")), NEW.value, \(term("unit")),
                    NEW.sheet_id, NEW.cell, coalesce(NEW.current, 1));
            END;
            CREATE TRIGGER loaded_values_update INSTEAD OF UPDATE ON loaded_values
            BEGIN
            \(ensureTerms)
            UPDATE value_cells SET id = NEW.id, year = NEW.year, county_code = NEW.county_code, school_code = NEW.school_code,
                   stage_id = \(term("stage")), field_id = \(term("field")), value = NEW.value, unit_id = \(term("unit")),
                   sheet_id = NEW.sheet_id, cell = NEW.cell, current = NEW.current
            WHERE id = OLD.id;
            END;
            CREATE TRIGGER loaded_values_delete INSTEAD OF DELETE ON loaded_values
            BEGIN
            DELETE FROM value_cells WHERE id = OLD.id;
            END;
            """
    }
}
