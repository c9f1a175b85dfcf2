/// A rectangular block of cells, such as a merged range ("A1:C2") or a sheet's used area.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var first: CellPosition
    public var last: CellPosition

    public init(first: CellPosition, last: CellPosition) {
        self.first = CellPosition(row: min(first.row, last.row), column: min(first.column, last.column))
        self.last = CellPosition(row: max(first.row, last.row), column: max(first.column, last.column))
    }

    /// Parses "A1:C2" or a single "B3"; nil when malformed.
    public init?(reference: some StringProtocol) {
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let first = CellPosition(reference: parts[0]),
              let last = CellPosition(reference: parts[parts.count - 1]) else { return nil }
        self.init(first: first, last: last)
    }

    public func contains(_ position: CellPosition) -> Bool {
        (first.row...last.row).contains(position.row) && (first.column...last.column).contains(position.column)
    }

    public var rowCount: Int { last.row - first.row + 1 }
    public var columnCount: Int { last.column - first.column + 1 }

    public var reference: String {
        first == last ? first.reference : "\(first.reference):\(last.reference)"
    }

    public var description: String { reference }
}
