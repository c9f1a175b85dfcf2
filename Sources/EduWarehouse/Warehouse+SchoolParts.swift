/// school_shares and school_parts kept school by school (migrations 010 and 012): a load recomputes the
/// schools and years it touched (its own values, and those of a version it superseded), inside its
/// transaction, so the tables never disagree with loaded_values.
extension Warehouse {
    /// Pauses the triggers that keep the figures on hand edits, and empties the list of schools the
    /// load in progress touched (both inside the load's transaction).
    func startTouchingSchools() throws {
        try connection.execute("""
            CREATE TEMP TABLE IF NOT EXISTS touched_schools (year INTEGER NOT NULL, school_code TEXT NOT NULL,
                                                             PRIMARY KEY (year, school_code)) WITHOUT ROWID;
            DELETE FROM temp.touched_schools;
            INSERT INTO school_parts_paused (since) VALUES (datetime('now'));
            """)
    }

    /// The schools and years of a file's values (as loaded, current or not).
    func touchSchools(ofFile fileID: Int64) throws {
        try connection.execute("""
            INSERT OR IGNORE INTO temp.touched_schools
            SELECT DISTINCT year, school_code FROM value_cells WHERE sheet_id IN (SELECT id FROM sheets WHERE file_id = \(fileID))
            """)
    }

    /// Schools and years whose parts SQL recomputes (FreshSchoolParts wrote the others').
    func touchSchools(_ schools: [(year: Int, school: String)]) throws {
        let insert = try connection.prepare("INSERT OR IGNORE INTO temp.touched_schools (year, school_code) VALUES (?, ?)")
        for school in schools { _ = try insert.run([.int(Int64(school.year)), .text(school.school)]) }
    }

    /// Recomputes the touched schools' rows of school_shares, then of school_parts, and lets the
    /// triggers work again.
    func refreshTouchedSchools() throws {
        try connection.execute(Schema.schoolSharesRefresh(.touched) + "\nDELETE FROM school_parts_paused;")
    }
}
