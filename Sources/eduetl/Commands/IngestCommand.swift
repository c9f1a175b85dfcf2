import ArgumentParser
import EduCSV
import EduCore
import EduIngest
import EduNormalise
import EduWarehouse
#if canImport(Glibc)
import Glibc
#endif

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Loads returns (XLSX, CSV; files or folders) into the SQLite warehouse.",
        discussion: "Each file loads in one transaction, all of it or none of it; the same bytes loaded again change nothing; a "
            + "new version of a file at the same place supersedes the old one; a file, path or folder that cannot be read is "
            + "recorded with its reason and the batch goes on. Year and county come from the file's own fields, then its "
            + "title row, then --year and --county. Exit status: 0 when every file loaded (or was unchanged), 1 when some "
            + "were rejected (a missing path, an unreadable folder, a file that cannot be read), 2 for usage errors (nothing "
            + "is created), 3 when the warehouse failed.")

    @Argument(help: "Files and folders (searched recursively for .xlsx, .xlsm, .xls, .xlt and .csv).")
    var paths: [String]

    @Option(help: "The warehouse file (created when missing).")
    var db = "warehouse.sqlite"

    @Option(help: "The school year (e.g. 2024) for returns that name none.")
    var year: Int?

    @Option(help: "The county's 行政区划代码 (six digits, e.g. 360321) for returns that name none.", transform: CountyArgument.parse)
    var county: CountyCode?

    @Option(help: "Files read and normalised at once (default: one per core).")
    var jobs: Int?

    @Flag(help: "Print the summary as JSON for scripts.")
    var json = false

    @OptionGroup var catalogueOption: CatalogueOption
    @OptionGroup var standardsOption: StandardsOption
    @OptionGroup var checksOption: ChecksOption
    @OptionGroup var csv: CSVReadingOptions

    func validate() throws {
        if let year, !(1990...2100).contains(year) { throw ValidationError("--year \(year) is not a school year; give the year it starts, e.g. 2024.") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() throws {
        CountyArgument.sayFolded(county)
        var options = Ingest.Options(paths: paths, year: year, county: county?.digits, csv: csv.options,
                                     command: (["eduetl"] + CommandLine.arguments.dropFirst()).joined(separator: " "))
        if let jobs { options.workers = jobs }
        // Found before the warehouse is opened: a command that names nothing there creates nothing.
        let found = Ingest.discover(options.inputs)
        guard !found.isEmpty else { throw IngestError.noFiles(paths) }
        if found.allSatisfy(\.isMissing) {
            throw CommandFailure.usage("nothing to read: " + found.compactMap(\.problem).map(\.description).joined(separator: " "))
        }
        let catalogue = try catalogueOption.load()
        let standards = try standardsOption.load()
        let auditRules = try checksOption.load()
        let warehouse = try Warehouse(path: db)
        let showProgress = isatty(2) == 1 && !json
        let summary: Ingest.Summary
        do {
            defer { if showProgress { StandardError.write("\r\u{1B}[K") } }
            let ingest = Ingest(options: options, catalogue: catalogue, standards: standards, auditRules: auditRules, warehouse: warehouse)
            summary = try ingest.run(found: found) { done, total, path in
                if showProgress { StandardError.write("\r\u{1B}[K[\(done)/\(total)] \(path)") }
            }
        }
        let output = StandardOutput()
        output.write(json ? IngestReport.json(summary, database: db) : IngestReport.text(summary, database: db))
        output.flush()
        if summary.counts.filesRejected > 0 { throw CommandFailure.someRejected }
    }
}
