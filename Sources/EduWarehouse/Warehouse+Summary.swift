extension Warehouse {
    /// The years and counties the warehouse holds school values for.
    public func yearsAndCounties() throws -> [(year: Int, county: String)] {
        try connection.prepare("SELECT DISTINCT year, county_code FROM loaded_values WHERE current = 1 ORDER BY year, county_code").rows()
            .compactMap { row in
                guard let year = row[0].int, let county = row[1].text else { return nil }
                return (Int(year), county)
            }
    }

    /// The county summary for a year and county, from the views.
    public func countySummary(year: Int, county: String) throws -> CountySummary {
        let key: [SQLiteStatement.Value] = [.int(Int64(year)), .text(county)]
        let balance = try connection.prepare("""
            SELECT stage, standard, indicator, schools, students, mean, cv, cv_limit, cv_met FROM county_balance
            WHERE year = ? AND county_code = ?
            """).rows(key).map { row in
            CountySummary.BalanceRow(stage: row[0].text ?? "", standard: row[1].text ?? "", indicator: row[2].text ?? "",
                                     schools: Int(row[3].int ?? 0), students: row[4].double ?? 0, mean: row[5].double,
                                     cv: row[6].double, cvLimit: row[7].double ?? 0, cvMet: row[8].int.map { $0 == 1 })
        }
        let ids = Standards.derivedIndicators.map(\.id)
        let schools = try connection.prepare("""
            SELECT school_code, school_name, stage, school_type, students, excluded_reason, \(ids.joined(separator: ", "))
            FROM school_indicators WHERE year = ? AND county_code = ? ORDER BY stage DESC, school_code
            """).rows(key).map { row in
            var indicators: [String: Double?] = [:]
            for (offset, id) in ids.enumerated() { indicators[id] = row[6 + offset].double }
            return CountySummary.SchoolRow(schoolCode: row[0].text ?? "", schoolName: row[1].text, stage: row[2].text ?? "",
                                           schoolType: row[3].text, students: row[4].double, excludedReason: row[5].text,
                                           indicators: indicators)
        }
        let order = try connection.prepare("SELECT indicator FROM standard_indicators WHERE standard = ? ORDER BY position")
        let basic = try order.rows([.text("basic")]).compactMap { $0.first?.text }
        let quality = try order.rows([.text("quality")]).compactMap { $0.first?.text }
        var compliance: [CountySummary.ComplianceRow] = []
        for row in try connection.prepare("""
            SELECT school_code, school_name, stage, students, excluded_reason, indicator, value, minimum, met, indicators_met, complies
            FROM school_compliance WHERE year = ? AND county_code = ? ORDER BY stage DESC, school_code
            """).rows(key) {
            let item = CountySummary.ComplianceRow.Item(indicator: row[5].text ?? "", value: row[6].double, minimum: row[7].double ?? 0,
                                                        met: row[8].int.map { $0 == 1 })
            if let last = compliance.last, last.schoolCode == row[0].text, last.stage == row[2].text {
                compliance[compliance.count - 1].items.append(item)
            } else {
                compliance.append(CountySummary.ComplianceRow(
                    schoolCode: row[0].text ?? "", schoolName: row[1].text, stage: row[2].text ?? "", students: row[3].double,
                    excludedReason: row[4].text, items: [item], indicatorsMet: Int(row[9].int ?? 0), complies: row[10].int.map { $0 == 1 }))
            }
        }
        for index in compliance.indices {
            compliance[index].items.sort { (quality.firstIndex(of: $0.indicator) ?? 99) < (quality.firstIndex(of: $1.indicator) ?? 99) }
        }
        let name = try connection.prepare("SELECT name FROM counties WHERE code = ?").rows([.text(county)]).first?.first?.text
        let files = try connection.prepare("""
            SELECT DISTINCT f.path FROM (
                SELECT sheet_id, year, county_code FROM loaded_values WHERE current = 1
                UNION ALL SELECT sheet_id, year, county_code FROM county_values WHERE current = 1
            ) v JOIN sheets s ON s.id = v.sheet_id JOIN source_files f ON f.id = s.file_id
            WHERE v.year = ? AND v.county_code = ? ORDER BY f.path
            """).rows(key).compactMap { $0.first?.text }
        return CountySummary(year: year, countyCode: county, countyName: name, balance: balance, schools: schools,
                             compliance: compliance, targets: try targets(year: year, county: county),
                             basicIndicators: basic, qualityIndicators: quality, sourceFiles: files)
    }

    func targets(year: Int, county: String) throws -> [CountySummary.TargetRow] {
        let exists = try connection.prepare("SELECT 1 FROM sqlite_master WHERE name = 'county_targets'").rows().isEmpty == false
        guard exists else { return [] }
        return try connection.prepare("""
            SELECT indicator, value, target, comparison, met FROM county_targets WHERE year = ? AND county_code = ? ORDER BY indicator
            """).rows([.int(Int64(year)), .text(county)]).map { row in
            CountySummary.TargetRow(indicator: row[0].text ?? "", value: row[1].double ?? 0, target: row[2].double ?? 0,
                                    comparison: row[3].text ?? "", met: row[4].int == 1)
        }
    }
}
