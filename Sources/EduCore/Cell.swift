/// One non-empty cell of a row, with its column (1-based).
public struct Cell: Hashable, Sendable {
    public var column: Int
    public var value: CellValue

    @inlinable
    public init(column: Int, value: CellValue) {
        self.column = column
        self.value = value
    }
}

/// One row of a sheet: its 1-based number and its non-empty cells in column order.
public struct Row: Hashable, Sendable {
    public var number: Int
    public var cells: [Cell]

    @inlinable
    public init(number: Int, cells: [Cell]) {
        self.number = number
        self.cells = cells
    }

    public func position(of cell: Cell) -> CellPosition {
        CellPosition(row: number, column: cell.column)
    }

    /// The cell in a given column, if the row has one.
    public subscript(column column: Int) -> CellValue? {
        cells.first { $0.column == column }?.value
    }
}
