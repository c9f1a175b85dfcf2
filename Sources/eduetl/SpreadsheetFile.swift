import EduCSV
import EduCore
import EduIngest

/// `eduetl inspect`'s views of an opened file: a summary per sheet, or every cell as JSON Lines.
extension OpenedFile {
    func dumpCells(to output: StandardOutput) throws {
        if format == .csv { StandardError.write("eduetl: \(path): \(details.joined(separator: ", "))\n") }
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
        output.write("\(path): \(format.rawValue.uppercased()), \(sheets.count) \(noun), \(details.joined(separator: ", "))\n")
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
