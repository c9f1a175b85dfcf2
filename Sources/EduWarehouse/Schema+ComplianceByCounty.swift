import EduStandards

extension Schema {
    /// A derived indicator's value in school_indicators (alias `i`), picked by the id in `expression`.
    static func indicatorValue(of expression: String) -> String {
        "CASE \(expression) " + DerivedIndicator.all.map { "WHEN '\($0.id)' THEN i.\($0.id)" }.joined(separator: " ") + " END"
    }

    /// The derived indicators' ids as an SQL list.
    static var indicatorIDs: String { "(" + DerivedIndicator.all.map { "'\($0.id)'" }.joined(separator: ", ") + ")" }

    /// school_compliance as 006 made it, each school's tally a window over its own rows (so a county's
    /// query reads that county's school parts), its values read from school_indicators directly.
    /// The window is partitioned county, year, stage, school: SQLite then reads the county's parts
    /// through school_parts_county; with the school before the stage it took school_parts_school
    /// (every school of the year) for the order it gives, 3.5 times the one-county time nationally.
    static var schoolComplianceByCounty: String {
        let value = indicatorValue(of: "qm.indicator")
        return """
        -- Per school and stage, each quality indicator against its minimum, the indicators met and
        -- missing, and whether the school complies: at least min_met met and each unmet one at least
        -- unmet_floor of its minimum. A school that fails whatever its missing figures are fails (an
        -- unmet one below the floor, or too few left that could be met); NULL only while a missing
        -- figure could still decide it.
        CREATE VIEW school_compliance AS
        SELECT t.year AS year, t.county_code AS county_code, t.school_code AS school_code, t.school_name AS school_name,
               t.stage AS stage, t.school_type AS school_type, t.students AS students, t.excluded_reason AS excluded_reason,
               t.indicator AS indicator, t.value AS value, t.minimum AS minimum, t.met AS met, t.indicators_met AS indicators_met,
               CASE WHEN coalesce(t.worst_share, 1) < (SELECT unmet_floor FROM compliance_rule)
                         OR t.indicators_met + t.missing < (SELECT min_met FROM compliance_rule) THEN 0
                    WHEN t.missing > 0 THEN NULL
                    ELSE 1 END AS complies,
               t.missing AS indicators_missing
        FROM (SELECT q.*, sum(q.met = 1) OVER school AS indicators_met, count(*) OVER school - count(q.value) OVER school AS missing,
                     min(CASE WHEN q.met = 0 THEN q.value / q.minimum END) OVER school AS worst_share
              FROM (SELECT i.year, i.county_code, i.school_code, i.school_name, i.stage, i.school_type, i.students, i.excluded_reason,
                           qm.indicator AS indicator, \(value) AS value, qm.minimum AS minimum,
                           CASE WHEN \(value) IS NULL THEN NULL ELSE \(value) >= qm.minimum END AS met
                    FROM school_indicators i JOIN quality_minimums qm ON qm.stage = i.stage
                    WHERE qm.indicator IN \(indicatorIDs)) q
              WINDOW school AS (PARTITION BY q.county_code, q.year, q.stage, q.school_code)) t;
        """
    }
}
