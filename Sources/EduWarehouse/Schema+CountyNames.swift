extension Schema {
    /// Migration 009: the counties' names as the returns write them, for a county the catalogue does
    /// not name (its report was titled 9901012024年…, the code and the year run together).
    static var countyNamesMigration: String {
        """
        -- A county's name as one loaded file writes it: in a county-name cell, a title, or its schools' names.
        CREATE TABLE county_names (
            file_id INTEGER NOT NULL REFERENCES source_files(id),
            county_code TEXT NOT NULL,
            name TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('county-field', 'title', 'school-name')),
            records INTEGER NOT NULL
        );
        CREATE INDEX county_names_code ON county_names(county_code);
        """
    }
}
