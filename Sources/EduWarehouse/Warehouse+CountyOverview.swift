import EduNormalise

extension Warehouse {
    /// `county_overview` for the year: every county's stages, primary before junior, each stage's
    /// counties by rank (those without a composite CV last), then by code.
    public func countyOverview(year: Int) throws -> [CountyOverviewRow] {
        try connection.prepare("""
            SELECT year, county_code, county_name, stage, schools, students, basic_cv, basic_cv_limit, basic_met, basic_rank,
                   composite_note, audit_errors, quality_cvs, quality_cvs_met, schools_judged, schools_complying, schools_undecided,
                   complying_share, targets, targets_met
            FROM county_overview WHERE year = ?
            ORDER BY CASE stage WHEN 'primary' THEN 0 WHEN 'junior' THEN 1 ELSE 2 END, stage, basic_rank IS NULL, basic_rank, county_code
            """).rows([.int(Int64(year))]).map { row in
            CountyOverviewRow(year: Int(clamping: try row.requiredInt("year", database: path)),
                              countyCode: try row.requiredText("county_code", database: path), countyName: row.text("county_name"),
                              stage: try stage(row), schools: row.count("schools"), students: row.double("students") ?? 0,
                              basicCV: row.double("basic_cv"), basicCVLimit: row.double("basic_cv_limit"), basicMet: row.bool("basic_met"),
                              basicRank: row.int("basic_rank").map { Int(clamping: $0) },
                              compositeGaps: CompositeGap.parse(row.text("composite_note")), auditErrors: row.count("audit_errors"),
                              qualityCVs: row.count("quality_cvs"), qualityCVsMet: row.count("quality_cvs_met"),
                              schoolsJudged: row.count("schools_judged"), schoolsComplying: row.count("schools_complying"),
                              schoolsUndecided: row.count("schools_undecided"), complyingShare: row.double("complying_share"),
                              targets: row.count("targets"), targetsMet: row.count("targets_met"))
        }
    }
}
