/// What `eduetl inspect` says of a sheet: its used range, rows with data, cells and merged ranges.
public struct SheetSummary: Hashable, Sendable {
    public var sheet: SheetDescription
    public var usedRange: CellRange?
    public var rowCount: Int
    public var cellCount: Int
    public var mergedRanges: [CellRange]

    /// Reads a source to its end, keeping only counts, so any size of sheet can be summarised.
    public init(reading source: inout some RowSource) throws {
        var rows = 0, cells = 0
        var minRow = Int.max, minColumn = Int.max, maxRow = 0, maxColumn = 0
        while let row = try source.nextRow() {
            guard let first = row.cells.first, let last = row.cells.last else { continue }
            rows += 1
            cells += row.cells.count
            minRow = min(minRow, row.number)
            maxRow = max(maxRow, row.number)
            minColumn = min(minColumn, first.column)
            maxColumn = max(maxColumn, last.column)
        }
        sheet = source.sheet
        rowCount = rows
        cellCount = cells
        mergedRanges = source.mergedRanges
        usedRange = maxRow == 0 ? nil : CellRange(first: CellPosition(row: minRow, column: minColumn),
                                                  last: CellPosition(row: maxRow, column: maxColumn))
    }
}
