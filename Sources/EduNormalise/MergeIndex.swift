import EduCore

/// A sheet's merged ranges, looked up by cell without expanding them: memory grows with the number
/// of ranges, not with the cells they cover (a 15.6 KB workbook of 1,000 large overlapping merges
/// took 1.2 GB as a dictionary from every covered cell to its range).
///
/// A centred interval tree over rows: each node holds the ranges over its centre row, sorted by
/// first row and by last row, so a look-up visits O(log n) nodes and reads, besides, only ranges
/// over the row asked about. Where ranges overlap, the one later in the sheet wins, as Excel
/// shows the cell.
struct MergeIndex {
    /// A range with its place among the sheet's merged ranges (later wins).
    struct Entry {
        var range: CellRange
        var order: Int
    }

    /// Merged ranges larger than this are not resolved (a whole-column or whole-sheet merge is
    /// formatting, not one value spread over a million cells); `MergeTracker` skips them too.
    static let maxMergedCells = 10_000

    private struct Node {
        var center: Int
        /// The ranges over `center`, first row ascending.
        var byFirst: [Entry]
        /// The same ranges, last row descending.
        var byLast: [Entry]
        var below: Int?
        var above: Int?
    }

    private var nodes: [Node] = []
    private var root: Int?

    /// The ranges look-ups resolve, in sheet order, each with its place.
    static func resolvable(_ ranges: [CellRange]) -> [Entry] {
        ranges.enumerated()
            .filter { $0.element.rowCount * $0.element.columnCount <= maxMergedCells }
            .map { Entry(range: $0.element, order: $0.offset) }
    }

    init(_ ranges: [CellRange]) {
        root = build(Self.resolvable(ranges))
    }

    var isEmpty: Bool { root == nil }

    /// Entries held in all (each range twice: by first and by last row); tests check it stays so.
    var storedEntries: Int { nodes.reduce(0) { $0 + $1.byFirst.count + $1.byLast.count } }

    /// The merged range over a cell (the latest in the sheet where several are), nil when none.
    func range(_ row: Int, _ column: Int) -> CellRange? {
        var best: Entry?
        var next = root
        while let index = next {
            let node = nodes[index]
            if row < node.center {
                for entry in node.byFirst {
                    guard entry.range.first.row <= row else { break }
                    Self.keepLater(entry, ifOver: column, in: &best)
                }
                next = node.below
            } else if row > node.center {
                for entry in node.byLast {
                    guard entry.range.last.row >= row else { break }
                    Self.keepLater(entry, ifOver: column, in: &best)
                }
                next = node.above
            } else {
                for entry in node.byFirst { Self.keepLater(entry, ifOver: column, in: &best) }
                next = nil
            }
        }
        return best?.range
    }

    /// `entry` (already known to span the row) replaces `best` when it spans the column and came later.
    @inline(__always)
    private static func keepLater(_ entry: Entry, ifOver column: Int, in best: inout Entry?) {
        guard entry.range.first.column <= column, column <= entry.range.last.column else { return }
        if let current = best, current.order > entry.order { return }
        best = entry
    }

    /// Builds the subtree of `entries`, returning its node's index. The centre is the median of
    /// the rows the ranges start and end on, so each side holds at most half the ranges and the
    /// depth stays O(log n).
    private mutating func build(_ entries: [Entry]) -> Int? {
        guard !entries.isEmpty else { return nil }
        var ends = entries.flatMap { [$0.range.first.row, $0.range.last.row] }
        ends.sort()
        let center = ends[ends.count / 2]
        var over: [Entry] = [], below: [Entry] = [], above: [Entry] = []
        for entry in entries {
            if entry.range.last.row < center {
                below.append(entry)
            } else if entry.range.first.row > center {
                above.append(entry)
            } else {
                over.append(entry)
            }
        }
        let index = nodes.count
        nodes.append(Node(center: center, byFirst: over.sorted { $0.range.first.row < $1.range.first.row },
                          byLast: over.sorted { $0.range.last.row > $1.range.last.row }, below: nil, above: nil))
        let belowIndex = build(below)
        let aboveIndex = build(above)
        nodes[index].below = belowIndex
        nodes[index].above = aboveIndex
        return index
    }
}
