import EduNormalise

/// The views of school scale and of urban and rural schools (migration 006), a year and county at
/// a time, read by column name as the other views are.
extension Warehouse {
    /// `school_scale` for the year and county: every school part, junior before primary, then by code.
    public func schoolScale(year: Int, county: String) throws -> [SchoolScaleRow] {
        try connection.prepare("""
            SELECT school_code, school_name, stage, school_type, students, excluded_reason, classes, students_per_class,
                   class_size_limit, class_size_met, school_students, school_size_limit, school_size_met
            FROM school_scale WHERE year = ? AND county_code = ? ORDER BY stage DESC, school_code
            """).rows(Self.key(year, county)).map { row in
            SchoolScaleRow(schoolCode: try row.requiredText("school_code", database: path), schoolName: row.text("school_name"),
                           stage: try stage(row), schoolType: row.text("school_type"), students: row.double("students"),
                           excludedReason: row.text("excluded_reason"), classes: row.double("classes"),
                           studentsPerClass: row.double("students_per_class"), classSizeLimit: row.double("class_size_limit"),
                           classSizeMet: row.bool("class_size_met"), schoolStudents: row.double("school_students"),
                           schoolSizeLimit: row.double("school_size_limit"), schoolSizeMet: row.bool("school_size_met"))
        }
    }

    /// `urban_rural_means` for the year and county, by stage, indicator and area.
    public func urbanRuralMeans(year: Int, county: String) throws -> [UrbanRuralMeanRow] {
        try connection.prepare("""
            SELECT stage, indicator, area, schools, students, mean FROM urban_rural_means
            WHERE year = ? AND county_code = ? ORDER BY stage, indicator, area
            """).rows(Self.key(year, county)).map { row in
            UrbanRuralMeanRow(stage: try stage(row), indicator: try row.requiredText("indicator", database: path),
                              area: try area(row, "area"), schools: row.count("schools"),
                              students: try row.requiredDouble("students", database: path),
                              mean: try row.requiredDouble("mean", database: path))
        }
    }

    /// `urban_rural_gaps` for the year and county, by stage and indicator.
    public func urbanRuralGaps(year: Int, county: String) throws -> [UrbanRuralGapRow] {
        try connection.prepare("""
            SELECT stage, indicator, areas, highest_area, highest_mean, lowest_area, lowest_mean, ratio FROM urban_rural_gaps
            WHERE year = ? AND county_code = ? ORDER BY stage, indicator
            """).rows(Self.key(year, county)).map { row in
            UrbanRuralGapRow(stage: try stage(row), indicator: try row.requiredText("indicator", database: path), areas: row.count("areas"),
                             highestArea: try area(row, "highest_area"), highestMean: try row.requiredDouble("highest_mean", database: path),
                             lowestArea: try area(row, "lowest_area"), lowestMean: try row.requiredDouble("lowest_mean", database: path),
                             ratio: row.double("ratio"))
        }
    }

    private func area(_ row: SQLiteRow, _ column: String) throws(WarehouseError) -> UrbanRuralArea {
        let text = try row.requiredText(column, database: path)
        guard let area = UrbanRuralArea(rawValue: text) else { throw unexpected(column, text) }
        return area
    }
}
