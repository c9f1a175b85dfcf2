import ArgumentParser
import EduCore
import EduIngest
import EduNormalise

struct HeadersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headers",
        abstract: "Shows how each sheet's headers map to the catalogue's fields.",
        discussion: "Per sheet: the layout found (a table's header rows, or a form), and per column the header path as written, "
            + "the field or \"unmapped\", the method, confidence, unit and conversion; the title, unit, totals and note rows "
            + "skipped; the schools read, the cells written as an empty marker (—, /, 无: read as 0, or left missing, as the "
            + "catalogue's empty_markers says) and the cells rejected. Exit status 1 when a file cannot be read or the catalogue "
            + "is broken.")

    @Argument(help: "The .xlsx, .xls or .csv files to read.")
    var files: [String]

    @Flag(help: "Print JSON for machines instead of text.")
    var json = false

    @OptionGroup var catalogueOption: CatalogueOption

    @OptionGroup var csv: CSVReadingOptions

    func run() throws {
        let catalogue = try catalogueOption.load()
        let normaliser = Normaliser(catalogue: catalogue)
        let output = StandardOutput()
        var failed = false
        var reports: [String] = []
        for file in files {
            do {
                let book = try OpenedFile.open(file, csv: csv.options)
                for sheet in book.sheets {
                    var source = try book.rows(sheet)
                    let result = try normaliser.normalise(&source)
                    if json {
                        reports.append(HeadersReport.json(file: file, sheet: result, catalogue: catalogue))
                    } else {
                        output.write(HeadersReport.text(file: file, sheet: result, catalogue: catalogue))
                    }
                }
            } catch {
                output.flush()
                StandardError.write("eduetl: \(error)\n")
                failed = true
            }
        }
        if json { output.write("[\n" + reports.joined(separator: ",\n") + "\n]\n") }
        output.flush()
        if failed { throw CommandFailure.someRejected }
    }
}
