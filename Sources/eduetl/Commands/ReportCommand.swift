import ArgumentParser
import EduIngest
import EduReports
import EduStandards
import EduWarehouse
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Writes the county balance summaries (XLSX, CSV, HTML, JSON) from the warehouse.",
        discussion: "Per county: the enrolment-weighted CVs of the basic and quality standards against their limits, every "
            + "school's indicators with the shortfalls against the quality minimums and the schools left out (with why), and "
            + "the schools that do not comply; what the checks (审核) found, each CV computed over figures with errors marked "
            + "(`eduetl audit` lists every finding). Files are named <county>-<code>-<year>-<table>-<YYYYMMDD>.<ext> in --out; an "
            + "earlier export is never replaced: a second one the same day takes -2, -3 …. With --all-counties, every county's "
            + "summary and beside them the ranking of every county by its basic composite CV per stage (全部县区-<year>-county-ranking-"
            + "<YYYYMMDD>.<ext>, from the county_overview view). Exit status 1 when the warehouse "
            + "has no values for the year (or county), or a file cannot be written.")

    @OptionGroup var scope: YearAndCountyOptions

    @Flag(help: "Every county's summary, and the ranking of every county by basic composite CV per stage beside them.")
    var allCounties = false

    @Option(help: "The folder the reports go to (created when missing).")
    var out = "reports"

    @Option(help: "Formats, comma-separated: xlsx, csv, html, json.")
    var format = "xlsx,csv,html,json"

    /// For the wording of why a school fails; the figures come from the warehouse, synced at ingest.
    @OptionGroup var standardsOption: StandardsOption

    /// The checks, read again at every report: an edited threshold counts without a new ingest.
    @OptionGroup var checksOption: ChecksOption

    func validate() throws {
        if allCounties, let county = scope.county {
            throw ValidationError("--all-counties ranks every county of the year, so it cannot be given with --county \(county.digits); "
                                  + "leave out --county for the ranking, or --all-counties for one county's summary.")
        }
        if ReportFormat.list(format) == nil {
            throw ValidationError("--format '\(format)' is not a list of xlsx, csv, html and json (e.g. --format xlsx,html).")
        }
    }

    func run() throws {
        let formats = ReportFormat.list(format) ?? ReportFormat.allCases
        let warehouse = try scope.openWarehouse(syncing: checksOption)
        let exports = CountyExports(warehouse: warehouse, exporter: CountyReportExporter(folder: out, formats: formats),
                                    standards: try standardsOption.load())
        let counties = try exports.chosen(year: scope.year, counties: nil).map(\.county)
        let chosen = try scope.chosen(among: counties)
        let output = StandardOutput()
        defer { output.flush() }
        var exported: [CountyExports.Written] = []
        for code in chosen {
            let written = try exports.export(year: scope.year, county: code)
            exported.append(written)
            if written.lacksStandards {
                StandardError.write("eduetl: warning: the warehouse has no standards for the CVs of \(code); "
                                    + "run `eduetl ingest` again with Pipelines/standards.yml in place.\n")
            }
            output.write("eduetl report: \(written.report.headline)\n")
            for path in written.paths { output.write("  \(path)\n") }
            output.flush()
        }
        guard allCounties else { return }
        let ranking = try exports.exportRanking(year: scope.year, beside: exported)
        guard !ranking.paths.isEmpty else {
            throw CommandFailure.rejected("county_overview has no county of \(scope.year) with balance figures to rank; "
                                          + "run `eduetl ingest` again with Pipelines/standards.yml in place.")
        }
        output.write("eduetl report: \(ranking.ranking.title): \(Set(ranking.ranking.rows.map(\.countyCode)).count) counties ranked\n")
        for path in ranking.paths { output.write("  \(path)\n") }
    }
}
