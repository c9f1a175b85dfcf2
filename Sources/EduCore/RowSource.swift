/// A stream of rows from one sheet: the contract every reader (XLSX, CSV) fulfils, so later
/// stages never care which reader a table came from. `nextRow()` returns rows in order, each
/// with its non-empty cells in column order, and nil at the end. Merged ranges are complete once
/// `nextRow()` has returned nil (XLSX stores them after the cells).
public protocol RowSource {
    var sheet: SheetDescription { get }
    mutating func nextRow() throws -> Row?
    var mergedRanges: [CellRange] { get }
    /// What the reader worked around so far (complete once `nextRow()` has returned nil).
    var warnings: [ReadWarning] { get }
    /// False when the source never has merged ranges (CSV), so its rows can be used as they come.
    var mayHaveMergedRanges: Bool { get }
}

extension RowSource {
    public var warnings: [ReadWarning] { [] }
    public var mayHaveMergedRanges: Bool { true }
}

/// A whole sheet held in memory, for small tables and for tests.
public struct SheetTable: Hashable, Sendable {
    public var sheet: SheetDescription
    public var rows: [Row]
    public var mergedRanges: [CellRange]

    public init(sheet: SheetDescription, rows: [Row], mergedRanges: [CellRange]) {
        self.sheet = sheet
        self.rows = rows
        self.mergedRanges = mergedRanges
    }

    /// Reads a source to its end.
    public init(reading source: inout some RowSource) throws {
        var rows: [Row] = []
        while let row = try source.nextRow() { rows.append(row) }
        self.init(sheet: source.sheet, rows: rows, mergedRanges: source.mergedRanges)
    }

    /// The used area: the smallest range holding every non-empty cell, nil for an empty sheet.
    public var usedRange: CellRange? {
        var minRow = Int.max, minColumn = Int.max, maxRow = 0, maxColumn = 0
        for row in rows {
            guard let first = row.cells.first, let last = row.cells.last else { continue }
            minRow = min(minRow, row.number)
            maxRow = max(maxRow, row.number)
            minColumn = min(minColumn, first.column)
            maxColumn = max(maxColumn, last.column)
        }
        guard maxRow > 0 else { return nil }
        return CellRange(first: CellPosition(row: minRow, column: minColumn),
                         last: CellPosition(row: maxRow, column: maxColumn))
    }
}
