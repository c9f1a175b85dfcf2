import EduCore
import EduCSV
import EduXLSX

/// A file the CLI can read, whatever its format: the sheets and a row source for each.
struct SpreadsheetFile {
    let path: String
    let format: String
    /// What was decided on opening: date system, encoding, delimiter.
    let details: [String]
    let sheets: [SheetDescription]
    let rows: (SheetDescription) throws -> any RowSource

    enum Format { case xlsx, csv }

    /// Opens a workbook or a CSV file. The extension decides; a file with another extension is
    /// a workbook when it starts like a ZIP archive, else text.
    static func open(_ path: String, csv options: CSVOptions = CSVOptions()) throws -> SpreadsheetFile {
        switch format(of: path) {
        case .xlsx:
            let workbook = try Workbook(path: path)
            return SpreadsheetFile(
                path: path, format: "XLSX",
                details: [workbook.uses1904DateSystem ? "1904 date system" : "1900 date system"],
                sheets: workbook.sheets, rows: { try workbook.rows(of: $0) })
        case .csv:
            let file = try CSVFile(path: path, options: options)
            return SpreadsheetFile(
                path: path, format: "CSV",
                details: ["encoding \(file.encoding)", "delimiter \(file.dialect)"],
                sheets: [file.sheet], rows: { _ in try file.rows() })
        }
    }

    static func format(of path: String) -> Format {
        let name = path.lowercased()
        if [".xlsx", ".xlsm"].contains(where: name.hasSuffix) { return .xlsx }
        if [".csv", ".tsv", ".txt"].contains(where: name.hasSuffix) { return .csv }
        return FileSignature.startsLikeZip(path) ? .xlsx : .csv
    }

    func dumpCells(to output: StandardOutput) throws {
        if format == "CSV" { StandardError.write("eduetl: \(path): \(details.joined(separator: ", "))\n") }
        for sheet in sheets {
            var source = try rows(sheet)
            while let row = try source.nextRow() {
                for cell in row.cells {
                    output.write(CellDump.jsonLine(sheet: sheet.name, position: row.position(of: cell), value: cell.value))
                    output.write("\n")
                }
            }
            output.flush()
            for warning in source.warnings { StandardError.write("eduetl: warning: \(warning)\n") }
        }
        output.flush()
    }

    func printSummary(to output: StandardOutput) throws {
        let noun = sheets.count == 1 ? "sheet" : "sheets"
        output.write("\(path): \(format), \(sheets.count) \(noun), \(details.joined(separator: ", "))\n")
        for sheet in sheets {
            var source = try rows(sheet)
            let summary = try SheetSummary(reading: &source)
            let hidden = sheet.visibility == .visible ? "" : " (\(sheet.visibility.rawValue))"
            let range = summary.usedRange?.reference ?? "empty"
            output.write("  \(sheet.index + 1). \(sheet.name)\(hidden): \(range), \(summary.rowCount) rows with data, \(summary.cellCount) cells")
            if summary.mergedRanges.isEmpty {
                output.write(", no merged ranges\n")
            } else {
                let list = summary.mergedRanges.map(\.reference).joined(separator: " ")
                output.write(", \(summary.mergedRanges.count) merged: \(list)\n")
            }
            if let csv = source as? CSVRowReader, let counts = csv.fieldCounts, counts.count > 1 {
                output.write("     ragged: records have \(counts.lowerBound) to \(counts.upperBound) fields, kept as they are\n")
            }
            for warning in source.warnings { output.write("     warning: \(warning)\n") }
        }
        output.flush()
    }
}
