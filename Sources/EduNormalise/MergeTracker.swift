import EduCore

/// Merged ranges resolved for rows read one at a time, in order: only the ranges over the current
/// row are held, each with its top-left cell's value (taken when its first row went by). It gives
/// the same answers as `SheetGrid` (its `MergeIndex`) for the current row, without holding the
/// sheet: the same ranges resolved, the later winning where two overlap.
struct MergeTracker {
    private struct Entry {
        var range: CellRange
        /// The range's place among the sheet's merged ranges: where two overlap, the later wins.
        var order: Int
        var topLeft: CellValue?
    }

    /// Ranges not yet reached, by first row.
    private let pending: [Entry]
    private var next = 0
    private var active: [Entry] = []

    init(_ ranges: [CellRange]) {
        pending = MergeIndex.resolvable(ranges)
            .map { Entry(range: $0.range, order: $0.order, topLeft: nil) }
            .sorted { ($0.range.first.row, $0.order) < ($1.range.first.row, $1.order) }
    }

    /// No merged range at all: every lookup answers nil.
    var isEmpty: Bool { pending.isEmpty }

    /// Moves to a row (row numbers rising), with its non-empty cells in column order.
    mutating func advance(to row: Int, cells: [Cell]) {
        guard !pending.isEmpty else { return }
        if !active.isEmpty { active.removeAll { $0.range.last.row < row } }
        while next < pending.count, pending[next].range.first.row <= row {
            var entry = pending[next]
            next += 1
            guard entry.range.last.row >= row else { continue }
            if entry.range.first.row == row { entry.topLeft = SheetGrid.value(in: cells, column: entry.range.first.column) }
            active.append(entry)
        }
    }

    /// The merged range over a cell of the current row, with its top-left cell's value.
    func merge(_ row: Int, _ column: Int) -> (range: CellRange, topLeft: CellValue?)? {
        var best: Entry?
        for entry in active where entry.range.first.column <= column && column <= entry.range.last.column
            && entry.range.first.row <= row && row <= entry.range.last.row {
            if let current = best, current.order > entry.order { continue }
            best = entry
        }
        return best.map { ($0.range, $0.topLeft) }
    }
}
