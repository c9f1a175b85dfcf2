import EduCore

/// Gathers the cells of the row being read. A cell of another row completes the current one,
/// which waits in `takeCompleted()`; a row's cells are put in column order, and of two cells in
/// one column the later record wins, as Excel shows it.
struct RowBuilder {
    private var number = 0
    private var cells: [Cell] = []
    private var needsSort = false
    private var completed: Row?

    mutating func add(_ value: CellValue, at position: CellPosition) {
        if position.row != number {
            if let row = take() { completed = row }
            number = position.row
        }
        if let last = cells.last, last.column >= position.column { needsSort = true }
        cells.append(Cell(column: position.column, value: value))
    }

    /// The number of the row being built (0 before the first cell).
    var rowNumber: Int { number }

    /// Drops the row being built (its cells are incomplete).
    mutating func discard() {
        cells.removeAll(keepingCapacity: true)
        needsSort = false
    }

    /// The row a cell of the next row completed, if any.
    mutating func takeCompleted() -> Row? {
        defer { completed = nil }
        return completed
    }

    /// The row being built, ordered, and a fresh start; nil when it has no cells.
    mutating func take() -> Row? {
        guard !cells.isEmpty else { return nil }
        var ordered = cells
        if needsSort {
            // Stable by column, then the last of each column kept.
            ordered = cells.enumerated().sorted { ($0.element.column, $0.offset) < ($1.element.column, $1.offset) }.map(\.element)
            var unique: [Cell] = []
            for cell in ordered {
                if unique.last?.column == cell.column { unique[unique.count - 1] = cell } else { unique.append(cell) }
            }
            ordered = unique
        }
        cells.removeAll(keepingCapacity: true)
        needsSort = false
        return Row(number: number, cells: ordered)
    }
}
