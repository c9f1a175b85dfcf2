/// What the checks found in one county and year of a run: said again when the run ends, so the last
/// lines a statistician reads say whether the returns hold figures that cannot be right.
struct AuditTally: Sendable, Equatable {
    var county: String
    /// The county's name where the warehouse knows it, else its code.
    var label: String
    var year: Int
    var errors: Int
    var warnings: Int

    /// `审核 5 errors, 5 warnings`: the run's totals, for its closing line and its pipeline_runs message.
    static func total(_ tallies: [AuditTally]) -> String {
        let errors = tallies.reduce(0) { $0 + $1.errors }, warnings = tallies.reduce(0) { $0 + $1.warnings }
        return "审核 \(count(errors, "error")), \(count(warnings, "warning"))"
    }

    /// `审核: 青石县 360321 2024 0 errors, 0 warnings; 柳溪县 360399 2024 5 errors, 3 warnings (eduetl audit --year 2024
    /// --county 360399 lists them)`.
    static func recap(_ tallies: [AuditTally]) -> String {
        let parts = tallies.map { tally in
            var text = "\(tally.label == tally.county ? tally.county : "\(tally.label) \(tally.county)") \(tally.year) "
                + "\(count(tally.errors, "error")), \(count(tally.warnings, "warning"))"
            if tally.errors > 0 { text += " (`eduetl audit --year \(tally.year) --county \(tally.county)` lists them)" }
            return text
        }
        return "审核: " + parts.joined(separator: "; ")
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
