import EduNormalise
import EduStandards

/// The views the county summaries read, a year and county at a time, each row read by column name.
/// A value the views never leave NULL that is NULL (or a stage or standard eduetl does not write)
/// means the file was edited by hand: a `WarehouseError` saying so, not a row of blanks.
extension Warehouse {
    /// The years and counties the warehouse holds school values for. SQLite's DISTINCT reads every
    /// entry of the county index (a national year: 2.5 million, a quarter of a second); stepping
    /// from one county to the next, and from one of its years to the next, reads one entry a step.
    public func yearsAndCounties() throws -> [(year: Int, county: String)] {
        try connection.prepare("""
            WITH RECURSIVE counties(code) AS (
                SELECT min(county_code) FROM value_cells WHERE current = 1
                UNION ALL
                SELECT (SELECT min(county_code) FROM value_cells WHERE current = 1 AND county_code > counties.code)
                FROM counties WHERE counties.code IS NOT NULL
            ), years(code, year) AS (
                SELECT code, (SELECT min(year) FROM value_cells WHERE current = 1 AND county_code = counties.code)
                FROM counties WHERE code IS NOT NULL
                UNION ALL
                SELECT code, (SELECT min(year) FROM value_cells WHERE current = 1 AND county_code = years.code AND year > years.year)
                FROM years WHERE years.year IS NOT NULL
            )
            SELECT year, code AS county_code FROM years WHERE year IS NOT NULL ORDER BY year, county_code
            """).rows().map { row in
                let year = try row.requiredInt("year", database: path)
                return (Int(clamping: year), try row.requiredText("county_code", database: path))
            }
    }

    /// `county_balance` for the year and county: each CV, whether it is judged, for a composite
    /// without a value, why, and how many error findings of the checks its figures have.
    public func countyBalance(year: Int, county: String) throws -> [CountyBalanceRow] {
        try connection.prepare("""
            SELECT stage, standard, indicator, schools, students, mean, cv, cv_limit, cv_met, judged, composite_note, audit_errors
            FROM county_balance WHERE year = ? AND county_code = ?
            """).rows(Self.key(year, county)).map { row in
            CountyBalanceRow(stage: try stage(row), standard: try standard(row), indicator: try row.requiredText("indicator", database: path),
                             schools: row.count("schools"), students: row.double("students") ?? 0, mean: row.double("mean"),
                             cv: row.double("cv"), cvLimit: try row.requiredDouble("cv_limit", database: path), cvMet: row.bool("cv_met"),
                             judged: try row.requiredInt("judged", database: path) != 0,
                             compositeGaps: CompositeGap.parse(row.text("composite_note")), auditErrors: row.count("audit_errors"))
        }
    }

    /// `school_indicators` for the year and county, junior before primary, then by school code.
    public func schoolIndicators(year: Int, county: String) throws -> [SchoolIndicatorsRow] {
        let ids = DerivedIndicator.all.map(\.id)
        return try connection.prepare("""
            SELECT school_code, school_name, stage, school_type, students, excluded_reason, \(ids.joined(separator: ", ")),
                   classes, students_per_class, school_students, required_degree_field, urban_rural
            FROM school_indicators WHERE year = ? AND county_code = ? ORDER BY stage DESC, school_code
            """).rows(Self.key(year, county)).map { row in
            var indicators: [String: Double?] = [:]
            for id in ids { indicators[id] = row.double(id) }
            var degree: RequiredDegreeField?
            if let text = row.text("required_degree_field") {
                guard let field = RequiredDegreeField(rawValue: text) else { throw unexpected("required_degree_field", text) }
                degree = field
            }
            return SchoolIndicatorsRow(schoolCode: try row.requiredText("school_code", database: path), schoolName: row.text("school_name"),
                                       stage: try stage(row), schoolType: row.text("school_type"), students: row.double("students"),
                                       excludedReason: row.text("excluded_reason"), indicators: indicators, classes: row.double("classes"),
                                       studentsPerClass: row.double("students_per_class"), schoolStudents: row.double("school_students"),
                                       requiredDegreeField: degree, urbanRural: row.text("urban_rural"))
        }
    }

    /// `school_compliance` for the year and county: a row per school part and quality indicator.
    public func schoolCompliance(year: Int, county: String) throws -> [SchoolComplianceRow] {
        try connection.prepare("""
            SELECT school_code, school_name, stage, students, excluded_reason, indicator, value, minimum, met, indicators_met,
                   indicators_missing, complies
            FROM school_compliance WHERE year = ? AND county_code = ? ORDER BY stage DESC, school_code
            """).rows(Self.key(year, county)).map { row in
            SchoolComplianceRow(schoolCode: try row.requiredText("school_code", database: path), schoolName: row.text("school_name"),
                                stage: try stage(row), students: row.double("students"), excludedReason: row.text("excluded_reason"),
                                indicator: try row.requiredText("indicator", database: path), value: row.double("value"),
                                minimum: try row.requiredDouble("minimum", database: path), met: row.bool("met"),
                                indicatorsMet: row.count("indicators_met"),
                                indicatorsMissing: Int(clamping: try row.requiredInt("indicators_missing", database: path)),
                                complies: row.bool("complies"))
        }
    }

    /// `county_targets` for the year and county; none from a warehouse made before the view was.
    public func countyTargets(year: Int, county: String) throws -> [CountyTargetRow] {
        let exists = try connection.prepare("SELECT 1 FROM sqlite_master WHERE name = 'county_targets'").rows().isEmpty == false
        guard exists else { return [] }
        return try connection.prepare("""
            SELECT indicator, value, target, comparison, met, source_file, sheet, cell, computed_from_schools FROM county_targets
            WHERE year = ? AND county_code = ? ORDER BY indicator
            """).rows(Self.key(year, county)).map { row in
            let text = try row.requiredText("comparison", database: path)
            guard let comparison = Comparison(rawValue: text) else { throw unexpected("comparison", text) }
            return CountyTargetRow(indicator: try row.requiredText("indicator", database: path),
                                   value: try row.requiredDouble("value", database: path),
                                   target: try row.requiredDouble("target", database: path), comparison: comparison,
                                   met: row.bool("met") ?? false, source: try targetSource(row))
        }
    }

    /// A standard's indicators in the standards file's order (`standard_indicators`).
    public func standardIndicators(_ standard: BalanceStandard) throws -> [String] {
        try connection.prepare("SELECT indicator FROM standard_indicators WHERE standard = ? ORDER BY position")
            .rows([.text(standard.rawValue)]).map { try $0.requiredText("indicator", database: path) }
    }

    /// The county's name as the catalogue gives it, if it does.
    /// The catalogue's name of the county, else the one its loaded returns write most surely: a
    /// county-name cell before a title before the schools' names, then the one most records give.
    public func countyName(code: String) throws -> String? {
        if let name = try connection.prepare("SELECT name FROM counties WHERE code = ?").rows([.text(code)]).first?.text("name") {
            return name
        }
        return try connection.prepare("""
            SELECT n.name AS name FROM county_names n JOIN source_files f ON f.id = n.file_id AND f.status = 'loaded'
            WHERE n.county_code = ?
            GROUP BY n.name, n.source
            ORDER BY CASE n.source WHEN 'county-field' THEN 0 WHEN 'title' THEN 1 ELSE 2 END, sum(n.records) DESC, n.name
            LIMIT 1
            """).rows([.text(code)]).first?.text("name")
    }

    /// The loaded files the year's and county's current figures come from, by path.
    public func sourceFiles(year: Int, county: String) throws -> [String] {
        try connection.prepare("""
            SELECT DISTINCT f.path AS path FROM (
                SELECT sheet_id, year, county_code FROM value_cells WHERE current = 1
                UNION ALL SELECT sheet_id, year, county_code FROM county_values WHERE current = 1
            ) v JOIN sheets s ON s.id = v.sheet_id JOIN source_files f ON f.id = s.file_id
            WHERE v.year = ? AND v.county_code = ? ORDER BY f.path
            """).rows(Self.key(year, county)).map { try $0.requiredText("path", database: path) }
    }

    /// A county sheet's cell, or the number of schools a figure was computed from: one of the two
    /// is always there.
    private func targetSource(_ row: SQLiteRow) throws(WarehouseError) -> CountyTargetRow.Source {
        if let schools = row.int("computed_from_schools") { return .computed(schools: Int(clamping: schools)) }
        return .countySheet(file: try row.requiredText("source_file", database: path), sheet: try row.requiredText("sheet", database: path),
                            cell: try row.requiredText("cell", database: path))
    }

    static func key(_ year: Int, _ county: String) -> [SQLiteStatement.Value] {
        [.int(Int64(year)), .text(county)]
    }

    func stage(_ row: SQLiteRow) throws(WarehouseError) -> Stage {
        let text = try row.requiredText("stage", database: path)
        guard let stage = Stage(rawValue: text) else { throw unexpected("stage", text) }
        return stage
    }

    func standard(_ row: SQLiteRow) throws(WarehouseError) -> BalanceStandard {
        let text = try row.requiredText("standard", database: path)
        guard let standard = BalanceStandard(rawValue: text) else { throw unexpected("standard", text) }
        return standard
    }

    func unexpected(_ column: String, _ value: String) -> WarehouseError {
        WarehouseError(.unexpectedValue(column: column, value: value), database: path)
    }
}
