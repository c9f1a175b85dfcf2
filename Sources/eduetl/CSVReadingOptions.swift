import ArgumentParser
import EduCSV

/// `--encoding` and `--delimiter`, for every command that reads CSV files.
struct CSVReadingOptions: ParsableArguments {
    @Option(help: "CSV encoding instead of the detected one: utf-8, gb18030 (also gbk, gb2312), utf-16le, utf-16be, or any iconv name.")
    var encoding: String?

    @Option(help: "CSV delimiter instead of the detected one: comma, tab, semicolon, pipe, or one character.")
    var delimiter: String?

    func validate() throws {
        if let delimiter, Dialect.delimiter(named: delimiter) == nil {
            throw ValidationError("--delimiter '\(delimiter)' is not one character; use comma, tab, semicolon, pipe or a single character other than a quote.")
        }
    }

    var options: CSVOptions {
        CSVOptions(encoding: encoding.map(TextEncoding.init(name:)), delimiter: delimiter.flatMap(Dialect.delimiter(named:)))
    }
}
