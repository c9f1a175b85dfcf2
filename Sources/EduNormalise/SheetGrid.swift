import EduCore

/// A sheet held in memory for layout analysis: each row's non-empty cells in column order, merged
/// ranges resolved to their top-left cell. Returns are small (hundreds of rows), so holding one
/// sheet is cheap; a long table is laid out from its first rows only (see `Normaliser`).
struct SheetGrid {
    let sheet: SheetDescription
    let rowNumbers: [Int]
    private let rows: [Int: [Cell]]
    let merged: [CellRange]
    /// The merged ranges, looked up by cell (kept as ranges: memory as the number of ranges).
    private let mergeIndex: MergeIndex
    let lastRow: Int
    let lastColumn: Int

    init(_ table: SheetTable) {
        self.init(sheet: table.sheet, rows: table.rows, mergedRanges: table.mergedRanges)
    }

    /// `lastColumn`, when given, stands for the whole sheet's last column where `rows` are only its
    /// first rows.
    init(sheet: SheetDescription, rows: [Row], mergedRanges: [CellRange], lastColumn: Int? = nil) {
        self.sheet = sheet
        var byNumber: [Int: [Cell]] = [:]
        var maxColumn = 0
        for row in rows where !row.cells.isEmpty {
            let cells = Self.nonEmptyCells(row.cells)
            guard let last = cells.last else { continue }
            maxColumn = max(maxColumn, last.column)
            byNumber[row.number] = cells
        }
        self.rows = byNumber
        rowNumbers = byNumber.keys.sorted()
        merged = mergedRanges
        mergeIndex = MergeIndex(mergedRanges)
        lastRow = rowNumbers.last ?? 0
        self.lastColumn = max(maxColumn, lastColumn ?? 0)
    }

    /// A row's non-empty cells in column order, one per column (the last one written wins). A cell
    /// holding only white space (' ', a full-width space, a line break) is blank: returns pad cells so.
    static func nonEmptyCells(_ cells: [Cell]) -> [Cell] {
        var ordered = true
        var previous = Int.min
        for cell in cells {
            if isBlank(cell.value) || cell.column <= previous {
                ordered = false
                break
            }
            previous = cell.column
        }
        if ordered { return cells }
        var byColumn: [Int: CellValue] = [:]
        for cell in cells where !isBlank(cell.value) { byColumn[cell.column] = cell.value }
        return byColumn.sorted { $0.key < $1.key }.map { Cell(column: $0.key, value: $0.value) }
    }

    /// Empty, or text of white space only. Most texts start with a character that is not white
    /// space, so this looks at one byte for them.
    static func isBlank(_ value: CellValue) -> Bool {
        guard case .string(let text) = value else { return false }
        guard let first = text.utf8.first else { return true }
        // ASCII white space, or a lead byte of U+00A0, U+1680, U+2000–U+205F or U+3000.
        guard first <= 0x20 || first == 0xC2 || first == 0xE1 || first == 0xE2 || first == 0xE3 else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// The value in a column of cells sorted by column.
    static func value(in cells: [Cell], column: Int) -> CellValue? {
        var low = 0, high = cells.count
        while low < high {
            let middle = (low + high) / 2
            let found = cells[middle].column
            if found == column { return cells[middle].value }
            if found < column { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The cell's own value.
    func value(_ row: Int, _ column: Int) -> CellValue? {
        guard let cells = rows[row] else { return nil }
        return Self.value(in: cells, column: column)
    }

    /// The cell's value, or the value of the merged range it lies in (held by its top-left cell).
    func shownValue(_ row: Int, _ column: Int) -> CellValue? {
        if let own = value(row, column) { return own }
        guard let range = mergeIndex.range(row, column) else { return nil }
        return value(range.first.row, range.first.column)
    }

    func mergedRange(_ row: Int, _ column: Int) -> CellRange? {
        mergeIndex.range(row, column)
    }

    /// The row's own non-empty cells, left to right.
    func cells(of row: Int) -> [Cell] {
        rows[row] ?? []
    }

    /// The row's text, cells joined by a space.
    func text(of row: Int) -> String {
        Self.text(of: cells(of: row))
    }

    /// Cells' text joined by a space, as a skipped row or a reject shows it.
    static func text(of cells: [Cell]) -> String {
        var joined = ""
        var first = true
        for cell in cells {
            guard let text = ValueParser.text(cell.value) else { continue }
            if !first { joined += " " }
            joined += text
            first = false
        }
        return joined
    }

    /// A cell's text for reading labels: strings as they are, numbers as integers.
    static func label(_ value: CellValue?) -> String? {
        guard let value, case .string(let text) = value else { return nil }
        let trimmed = ValueParser.trimmed(text)
        return trimmed.isEmpty ? nil : trimmed
    }
}
