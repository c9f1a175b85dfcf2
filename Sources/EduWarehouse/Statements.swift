/// The warehouse's prepared statements, prepared once per connection and reused for every row.
final class Statements {
    let connection: SQLiteConnection

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    private var cache: [String: SQLiteStatement] = [:]
    /// value_terms' ids by text, for the load in progress (emptied when one starts: a rolled-back
    /// load's new terms are gone).
    var termIDs: [String: Int64] = [:]

    /// Prepared on first use, keyed by the property's name (hashing a short key, not the SQL).
    func cachedStatement(_ sql: String, key: String) throws(WarehouseError) -> SQLiteStatement {
        try statement(sql, key: key)
    }

    private func statement(_ sql: String, key: String = #function) throws(WarehouseError) -> SQLiteStatement {
        if let cached = cache[key] { return cached }
        let prepared = try connection.prepare(sql)
        cache[key] = prepared
        return prepared
    }

    var loadedBySHA: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("SELECT id, path FROM source_files WHERE sha256 = ? AND load_settings = ? AND status = 'loaded' ORDER BY id DESC LIMIT 1")
        }
    }
    var insertFile: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("""
                INSERT INTO source_files (path, absolute_path, sha256, bytes, format, sheets, details, loaded_at, status, message, run_id,
                    load_settings)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }
    }
    var loadedAtPath: SQLiteStatement {
        get throws(WarehouseError) { try statement("SELECT id, path FROM source_files WHERE absolute_path = ? AND status = 'loaded'") }
    }
    var supersede: SQLiteStatement {
        get throws(WarehouseError) { try statement("UPDATE source_files SET status = 'superseded', superseded_by = ? WHERE id = ?") }
    }
    /// A superseded file's current keys, before its values go: another file's overridden value
    /// for the same key becomes current again.
    var orphanKeys: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("""
                INSERT INTO temp.orphan_keys SELECT DISTINCT year, school_code, stage, field FROM loaded_values
                WHERE current = 1 AND sheet_id IN (SELECT id FROM sheets WHERE file_id = ?)
                """)
        }
    }
    var deleteValuesOfFile: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("DELETE FROM value_cells WHERE sheet_id IN (SELECT id FROM sheets WHERE file_id = ?)")
        }
    }
    var promoteOverridden: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("""
                UPDATE value_cells SET current = 1 WHERE id IN (
                    SELECT max(v.id) FROM loaded_values v
                    JOIN temp.orphan_keys o ON o.year = v.year AND o.school_code = v.school_code AND o.stage = v.stage AND o.field = v.field
                    WHERE v.current = 0
                    GROUP BY v.year, v.school_code, v.stage, v.field)
                """)
        }
    }
    var deleteEmptyMarkersOfFile: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("DELETE FROM empty_markers WHERE sheet_id IN (SELECT id FROM sheets WHERE file_id = ?)")
        }
    }
    var insertCountyName: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("INSERT INTO county_names (file_id, county_code, name, source, records) VALUES (?, ?, ?, ?, ?)")
        }
    }
    var deleteBreakdownsOfFile: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("DELETE FROM breakdown_values WHERE sheet_id IN (SELECT id FROM sheets WHERE file_id = ?)")
        }
    }
    var insertBreakdown: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("""
                INSERT INTO breakdown_values (sheet_id, year, county_code, school_code, stage, field, part, value, cell, total_cell)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }
    }
    var insertSheet: SQLiteStatement {
        get throws(WarehouseError) { try statement("INSERT INTO sheets (file_id, name, layout, header_rows, title) VALUES (?, ?, ?, ?, ?)") }
    }
    var insertDecision: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("""
                INSERT INTO header_decisions (sheet_id, column_name, label_cell, header_path, field, method, confidence,
                    unit_written, unit, factor, unit_source, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }
    }
    var insertSkipped: SQLiteStatement {
        get throws(WarehouseError) { try statement("INSERT INTO skipped_rows (sheet_id, row, kind, text) VALUES (?, ?, ?, ?)") }
    }
    var insertReject: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("INSERT INTO rejects (file_id, sheet, row, cell, field, raw_text, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")
        }
    }
    var upsertSchool: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("""
                INSERT INTO schools (code, name, county_code, township, school_type, urban_rural, updated_by_file,
                    ownership, sponsor, address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(code) DO UPDATE SET
                    name = coalesce(excluded.name, name), county_code = coalesce(excluded.county_code, county_code),
                    township = coalesce(excluded.township, township), school_type = coalesce(excluded.school_type, school_type),
                    urban_rural = coalesce(excluded.urban_rural, urban_rural), updated_by_file = excluded.updated_by_file,
                    ownership = coalesce(excluded.ownership, ownership), sponsor = coalesce(excluded.sponsor, sponsor),
                    address = coalesce(excluded.address, address)
                """)
        }
    }
    var anyValue: SQLiteStatement {
        get throws(WarehouseError) { try statement("SELECT EXISTS (SELECT 1 FROM value_cells)") }
    }
    /// The value hot path: bound in place, one row per loaded value.
    var insertValue: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("""
                INSERT INTO value_cells (year, county_code, school_code, stage_id, field_id, value, unit_id, sheet_id, cell)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }
    }
    var existingValue: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("""
                SELECT id, value, sheet_id, cell FROM value_cells WHERE year = ? AND school_code = ? AND stage_id = ? AND field_id = ? AND current = 1
                """)
        }
    }
    var overrideValue: SQLiteStatement {
        get throws(WarehouseError) { try statement("UPDATE value_cells SET current = 0 WHERE id = ?") }
    }
    var insertConflict: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("""
                INSERT INTO conflicts (run_id, year, school_code, stage, field, old_value, old_sheet_id, old_cell, new_value, new_sheet_id, new_cell)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }
    }
    var insertEmptyMarker: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("INSERT INTO empty_markers (sheet_id, year, school_code, stage, field, cell, written) VALUES (?, ?, ?, ?, ?, ?, ?)")
        }
    }
    var overrideCountyValue: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("UPDATE county_values SET current = 0 WHERE year = ? AND county_code = ? AND indicator = ? AND current = 1")
        }
    }
    var insertCountyValue: SQLiteStatement {
        get throws(WarehouseError) {
            try statement("INSERT INTO county_values (year, county_code, indicator, value, unit, sheet_id, cell) VALUES (?, ?, ?, ?, ?, ?, ?)")
        }
    }
    var schoolHasValues: SQLiteStatement {
        get throws(WarehouseError) { try statement("SELECT EXISTS (SELECT 1 FROM value_cells WHERE year = ? AND school_code = ? AND current = 1)") }
    }
}
