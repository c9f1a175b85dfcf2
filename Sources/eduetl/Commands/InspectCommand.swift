import ArgumentParser
import EduCore
import EduIngest
#if canImport(Glibc)
import Glibc
#endif

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Shows a workbook's or CSV file's sheets, or dumps its cells.",
        discussion: """
        Without --cells: each sheet with its used range, rows with data and merged ranges; for CSV
        also the encoding and delimiter detected, ragged records and replaced bytes.
        With --cells: every non-empty cell as a JSON line
        {"sheet": ..., "ref": "B3", "type": "string|number|bool|date|duration|error", "value": ...};
        for CSV the encoding and delimiter go to stderr. A CSV file is one sheet named after the file.
        A file that cannot be read exits with status 1 and one sentence on stderr.
        """)

    @Argument(help: "The .xlsx, .xlsm, .xls, .xlt or .csv files to read.")
    var files: [String]

    @Flag(help: "Print every non-empty cell as JSON Lines.")
    var cells = false

    @OptionGroup var csv: CSVReadingOptions

    func run() throws {
        var failed = false
        let output = StandardOutput()
        for file in files {
            do {
                let book = try OpenedFile.open(file, csv: csv.options)
                if cells {
                    try book.dumpCells(to: output)
                } else {
                    try book.printSummary(to: output)
                }
            } catch {
                output.flush()  // what was read before the error comes first
                StandardError.write("eduetl: \(error)\n")
                failed = true
            }
        }
        if failed { throw CommandFailure.someRejected }
    }
}
