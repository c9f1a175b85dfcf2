import ArgumentParser
import EduIngest
import EduReports
import EduWarehouse
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Writes the county balance summaries (XLSX, CSV, HTML, JSON) from the warehouse.",
        discussion: "Per county: the enrolment-weighted CVs of the basic and quality standards against their limits, every school's indicators with the shortfalls against the quality minimums and the schools left out (with why), and the schools that do not comply. Files are named <county>-<code>-<year>-<table>-<YYYYMMDD>.<ext> in --out; an earlier export is never replaced: a second one the same day takes -2, -3 …. Exit status 1 when the warehouse has no values for the year (or county), or a file cannot be written.")

    @Option(help: "The school year (e.g. 2024).")
    var year: Int

    @Option(help: "The county's 行政区划代码, six digits (default: every county the warehouse has for the year).", transform: CountyArgument.parse)
    var county: CountyCode?

    @Option(help: "The warehouse file.")
    var db = "warehouse.sqlite"

    @Option(help: "The folder the reports go to (created when missing).")
    var out = "reports"

    @Option(help: "Formats, comma-separated: xlsx, csv, html, json.")
    var format = "xlsx,csv,html,json"

    @Option(help: "The standards file, for the wording of why a school fails (the figures come from the warehouse, synced at ingest) (default: $EDUETL_STANDARDS, else Pipelines/standards.yml when there).")
    var standards: String?

    func validate() throws {
        if !(1990...2100).contains(year) { throw ValidationError("--year \(year) is not a school year; give the year it starts, e.g. 2024.") }
        if ReportFormat.list(format) == nil {
            throw ValidationError("--format '\(format)' is not a list of xlsx, csv, html and json (e.g. --format xlsx,html).")
        }
    }

    func run() throws {
        CountyArgument.sayFolded(county)
        let formats = ReportFormat.list(format) ?? ReportFormat.allCases
        guard FileManager.default.fileExists(atPath: db) else {
            throw failure("there is no warehouse at \(db); `eduetl ingest` first, or name it with --db.")
        }
        let rule = try loadStandards().map { CountyReport.ComplianceRule(minMet: $0.minMet, unmetFloor: $0.unmetFloor) }
        let warehouse = try Warehouse(path: db)
        let counties = try warehouse.yearsAndCounties().filter { $0.year == year }.map(\.county)
        guard !counties.isEmpty else {
            throw failure("the warehouse has no school values for \(year); `eduetl ingest` first.")
        }
        var chosen = counties
        if let county = county?.digits {
            guard counties.contains(county) else {
                throw failure("the warehouse has no school values for county \(county) in \(year) (it has \(counties.joined(separator: ", "))).")
            }
            chosen = [county]
        }
        let output = StandardOutput()
        let exporter = CountyReportExporter(folder: out, formats: formats)
        let today = Date()
        for code in chosen {
            do {
                let summary = try warehouse.countySummary(year: year, county: code)
                if summary.balance.isEmpty {
                    StandardError.write("eduetl: warning: the warehouse has no standards for the CVs of \(code); "
                                        + "run `eduetl ingest` again with Pipelines/standards.yml in place.\n")
                }
                let report = CountyReport(summary: summary, rule: rule, generated: today)
                let paths = try exporter.export(report)
                output.write("eduetl report: \(Self.headline(report))\n")
                for path in paths { output.write("  \(path)\n") }
                output.flush()
            } catch {
                output.flush()
                throw error
            }
        }
    }

    /// 青石县 360321, 2024: 小学 综合差异系数 0.1811 (limit 0.65), 初中 0.1242 (limit 0.55); 15 of 34 school parts miss the quality minimums
    static func headline(_ report: CountyReport) -> String {
        let summary = report.summary
        var text = "\(summary.countyName.map { "\($0) " } ?? "")\(summary.countyCode), \(summary.year)"
        let composites = report.stages.compactMap { stage -> String? in
            guard let row = report.composite(stage: stage), let cv = row.cv else { return nil }
            return "\(ReportLabels.stage(stage)) 综合差异系数 \(CountyReport.number(cv, decimals: 4)) (limit \(CountyReport.number(row.cvLimit, decimals: 2)))"
        }
        if !composites.isEmpty { text += ": " + composites.joined(separator: ", ") }
        let counted = summary.compliance.filter { $0.excludedReason == nil }
        if !counted.isEmpty {
            text += "; \(counted.filter { $0.complies == false }.count) of \(counted.count) school parts do not comply with the quality standard"
        }
        if !summary.targets.isEmpty {
            text += "; \(summary.targets.filter { !$0.met }.count) of \(summary.targets.count) county targets missed"
        }
        return text
    }

    /// The flag's file, else $EDUETL_STANDARDS, else Pipelines/standards.yml, else the built-in ones.
    private func loadStandards() throws -> Standards? {
        if let standards { return try StandardsLoader.load(path: standards) }
        return try StandardsLoader.loadDefault()
    }

    /// Nothing to report: exit status 1, with the sentence.
    private func failure(_ message: String) -> CommandFailure {
        CommandFailure(message: message, status: .rejected)
    }
}
