import EduCore
import EduXLSX

/// A file the CLI can read, whatever its format: the sheets and a row source for each.
struct SpreadsheetFile {
    let path: String
    let format: String
    let details: [String]
    let sheets: [SheetDescription]
    let rows: (SheetDescription) throws -> any RowSource

    static func open(_ path: String) throws -> SpreadsheetFile {
        let workbook = try Workbook(path: path)
        return SpreadsheetFile(
            path: path, format: "XLSX",
            details: [workbook.uses1904DateSystem ? "1904 date system" : "1900 date system"],
            sheets: workbook.sheets, rows: { try workbook.rows(of: $0) })
    }

    func dumpCells(to output: StandardOutput) throws {
        for sheet in sheets {
            var source = try rows(sheet)
            while let row = try source.nextRow() {
                for cell in row.cells {
                    output.write(CellDump.jsonLine(sheet: sheet.name, position: row.position(of: cell), value: cell.value))
                    output.write("\n")
                }
            }
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
        }
        output.flush()
    }
}
