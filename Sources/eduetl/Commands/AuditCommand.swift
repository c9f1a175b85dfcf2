import ArgumentParser
import EduIngest
import EduReports
import EduWarehouse
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Writes the findings of the checks (审核) from the warehouse, a sheet per township, and sums them up.",
        discussion: "Per county: the figures the checks (--checks, else Pipelines/checks.yml, read again now) find wrong (错误) or unusual "
            + "(提示), with the school, the message, the figure and the cell it came from: an XLSX workbook with a 汇总 sheet and "
            + "a sheet per township to send back to the schools, one CSV and one JSON. Files are named "
            + "<county>-<code>-<year>-audit-<YYYYMMDD>.<ext> in --out; an earlier export is never replaced. On the terminal: "
            + "the counts by rule and severity, then the files. Exit status 0 when no finding is an error, 1 when any is (so "
            + "a pipeline can stop before exporting), or when the warehouse has no values or no checks for the year, or a "
            + "file cannot be written.")

    @OptionGroup var scope: YearAndCountyOptions

    /// Read again at every audit: an edited threshold or message counts without a new ingest.
    @OptionGroup var checksOption: ChecksOption

    @Option(help: "The folder the findings go to (created when missing).")
    var out = "reports"

    @Option(help: "Formats, comma-separated: xlsx, csv, json.")
    var format = "xlsx,csv,json"

    func validate() throws {
        if AuditFormat.list(format) == nil {
            throw ValidationError("--format '\(format)' is not a list of xlsx, csv and json (e.g. --format xlsx,csv).")
        }
    }

    func run() throws {
        let formats = AuditFormat.list(format) ?? AuditFormat.allCases
        let warehouse = try scope.openWarehouse(syncing: checksOption)
        let exports = AuditExports(warehouse: warehouse, exporter: AuditReportExporter(folder: out, formats: formats))
        let chosen = try scope.chosen(among: try exports.counties(year: scope.year))
        guard try exports.hasRules() else {
            throw CommandFailure.rejected("the warehouse has no checks to apply; run `eduetl ingest` again with Pipelines/checks.yml in place.")
        }
        let output = StandardOutput()
        defer { output.flush() }
        var errors = 0
        for code in chosen {
            let written = try exports.export(year: scope.year, county: code)
            output.write("eduetl audit: \(written.report.headline)\n")
            for count in written.report.counts {
                output.write("  \(AuditLabels.severity(count.severity)) \(AuditLabels.rule(count.rule)) (\(count.rule.rawValue), "
                             + "\(count.severity.rawValue)): \(count.findings)\n")
            }
            for path in written.paths { output.write("  \(path)\n") }
            output.flush()
            errors += written.report.errors
        }
        if errors > 0 { throw CommandFailure.auditErrors(errors) }
    }
}
