import EduCore

/// A sheet held in memory for layout analysis: cells by position, merged ranges resolved to
/// their top-left cell. Returns are small (hundreds of rows), so holding one sheet is cheap.
struct SheetGrid {
    let sheet: SheetDescription
    let rowNumbers: [Int]
    private let cells: [Int: [Int: CellValue]]
    let merged: [CellRange]
    /// The merged range each covered cell belongs to.
    private let mergeOf: [CellPosition: CellRange]
    let lastRow: Int
    let lastColumn: Int

    init(_ table: SheetTable) {
        sheet = table.sheet
        var cells: [Int: [Int: CellValue]] = [:]
        var lastColumn = 0
        for row in table.rows where !row.cells.isEmpty {
            var byColumn: [Int: CellValue] = [:]
            for cell in row.cells where !cell.value.isEmpty {
                byColumn[cell.column] = cell.value
                lastColumn = max(lastColumn, cell.column)
            }
            if !byColumn.isEmpty { cells[row.number] = byColumn }
        }
        self.cells = cells
        rowNumbers = cells.keys.sorted()
        merged = table.mergedRanges
        var mergeOf: [CellPosition: CellRange] = [:]
        for range in table.mergedRanges where range.rowCount * range.columnCount <= 10_000 {
            for row in range.first.row...range.last.row {
                for column in range.first.column...range.last.column { mergeOf[CellPosition(row: row, column: column)] = range }
            }
        }
        self.mergeOf = mergeOf
        lastRow = rowNumbers.last ?? 0
        self.lastColumn = lastColumn
    }

    /// The cell's own value.
    func value(_ row: Int, _ column: Int) -> CellValue? {
        cells[row]?[column]
    }

    /// The cell's value, or the value of the merged range it lies in (held by its top-left cell).
    func shownValue(_ row: Int, _ column: Int) -> CellValue? {
        if let own = value(row, column) { return own }
        guard let range = mergeOf[CellPosition(row: row, column: column)] else { return nil }
        return value(range.first.row, range.first.column)
    }

    func mergedRange(_ row: Int, _ column: Int) -> CellRange? {
        mergeOf[CellPosition(row: row, column: column)]
    }

    /// The row's own non-empty cells, left to right.
    func cells(of row: Int) -> [(column: Int, value: CellValue)] {
        (cells[row] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func isBlank(_ row: Int) -> Bool { cells[row] == nil }

    /// The row's text, cells joined by a space.
    func text(of row: Int) -> String {
        cells(of: row).compactMap { ValueParser.text($0.value) }.joined(separator: " ")
    }

    /// A cell's text for reading labels: strings as they are, numbers as integers.
    static func label(_ value: CellValue?) -> String? {
        guard let value, case .string(let text) = value else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
