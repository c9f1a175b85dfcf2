import EduCore

extension XLSXSheet {
    /// Excel's cap on a cell's text (UTF-16 code units).
    static let maxTextLength = 32_767
    /// Serials of 1900-01-01 and of the day after 9999-12-31 (Excel's 1900 date system): what
    /// readers accept (`SpreadsheetDate`), less serial 0, Excel's "1900-01-00", which no date is.
    static let excelSerialRange = 1.0..<SpreadsheetDate.excelSerialRange.upperBound

    /// Checks everything Excel would refuse or repair, before any file is created.
    func validate(file: String) throws(XLSXWriteError) {
        let sheetAt = SourceLocation(file: file, sheet: name)
        guard rows.count <= SheetLimits.maxRows else { throw .invalidSheet(sheetAt, .tooManyRows(rows.count)) }
        for (rowIndex, row) in rows.enumerated() {
            guard row.count <= SheetLimits.maxColumns else {
                throw .invalidSheet(sheetAt, .tooManyColumns(row: rowIndex + 1, count: row.count))
            }
            for (columnIndex, cell) in row.enumerated() {
                let position = CellPosition(row: rowIndex + 1, column: columnIndex + 1)
                try Self.validate(cell.value, at: SourceLocation(file: file, sheet: name, cell: position))
            }
        }
        for (column, width) in columnWidths {
            guard (1...SheetLimits.maxColumns).contains(column) else {
                throw .invalidSheet(sheetAt, .outsideSheet("the width of column \(column)"))
            }
            guard width.isFinite, (0...255).contains(width) else {
                throw .invalidSheet(sheetAt, .columnWidth(column: column, width: width))
            }
        }
        for (row, height) in rowHeights {
            guard (1...SheetLimits.maxRows).contains(row) else {
                throw .invalidSheet(sheetAt, .outsideSheet("the height of row \(row)"))
            }
            guard height.isFinite, (0...409).contains(height) else {
                throw .invalidSheet(sheetAt, .rowHeight(row: row, height: height))
            }
        }
        guard (0..<SheetLimits.maxRows).contains(frozenRows), (0..<SheetLimits.maxColumns).contains(frozenColumns) else {
            throw .invalidSheet(sheetAt, .frozenPane(rows: frozenRows, columns: frozenColumns))
        }
        try validateMergedRanges(at: sheetAt)
        try validatePageSetup(at: sheetAt)
    }

    /// Fit counts within Excel's range, print title rows within the sheet, margins of 0 or more,
    /// a footer Excel keeps whole.
    private func validatePageSetup(at location: SourceLocation) throws(XLSXWriteError) {
        if let fit = pageSetup.fit {
            let range = 0...XLSXPageSetup.maxFitPages
            guard range.contains(fit.pagesWide), range.contains(fit.pagesTall), fit.pagesWide + fit.pagesTall > 0 else {
                throw .invalidSheet(location, .pageFit(pagesWide: fit.pagesWide, pagesTall: fit.pagesTall))
            }
        }
        if let rows = printTitleRows, rows.lowerBound < 1 || rows.upperBound > SheetLimits.maxRows {
            throw .invalidSheet(location, .outsideSheet("the print title range (rows \(rows.lowerBound)…\(rows.upperBound))"))
        }
        if let margin = pageSetup.margins.all.first(where: { !$0.isFinite || $0 < 0 }) {
            throw .invalidSheet(location, .pageMargin(margin))
        }
        if let footer = pageSetup.footer, footer.count > XLSXPageSetup.maxFooterLength {
            throw .invalidSheet(location, .footerTooLong(length: footer.count))
        }
    }

    private static func validate(_ value: XLSXCell.Value, at location: SourceLocation) throws(XLSXWriteError) {
        switch value {
        case .number(let number) where !number.isFinite:
            throw .invalidCell(location, .notFinite(number))
        case .text(let text) where text.utf16.count > maxTextLength:
            throw .invalidCell(location, .textTooLong(length: text.utf16.count))
        case .date(let date) where !excelSerialRange.contains(excelSerial(date)):
            throw .invalidCell(location, .dateOutOfRange(date))
        default:
            return
        }
    }

    /// Within the sheet, two cells or more, no two overlapping (swept in order of first row).
    private func validateMergedRanges(at location: SourceLocation) throws(XLSXWriteError) {
        for range in mergedRanges {
            guard range.first.row >= 1, range.first.column >= 1, range.last.row <= SheetLimits.maxRows,
                  range.last.column <= SheetLimits.maxColumns else {
                throw .invalidSheet(location, .outsideSheet("the merged range \(range)"))
            }
            guard range.first != range.last else { throw .invalidSheet(location, .mergedRangeTooSmall(range)) }
        }
        let sorted = mergedRanges.sorted { $0.first < $1.first }
        for (index, range) in sorted.enumerated() {
            for other in sorted[(index + 1)...] {
                if other.first.row > range.last.row { break }
                let columnsMeet = other.first.column <= range.last.column && range.first.column <= other.last.column
                if columnsMeet { throw .invalidSheet(location, .mergedRangesOverlap(range, other)) }
            }
        }
    }

    /// The serial Excel stores: its 1900 system counts a 29 February 1900 that never was, so
    /// days before 1900-03-01 are one lower than `SpreadsheetDate`'s serial.
    static func excelSerial(_ date: SpreadsheetDate) -> Double {
        date.serial < 61 ? date.serial - 1 : date.serial
    }
}

extension XLSXCell {
    /// Whether the cell appears in the sheet's XML: it has a value, or a style to show.
    var isWritten: Bool {
        switch value {
        case .empty: return style != .plain
        case .text(let text): return !text.isEmpty || style != .plain
        default: return true
        }
    }
}
