import EduCore

/// One worksheet to write: rows of cells from row 1 down, column widths, row heights, frozen
/// rows and columns, merged ranges, and how it prints (`XLSXPageSetup`). The name is made valid
/// for Excel when the sheet is added to a workbook (`XLSXSheetName`).
public struct XLSXSheet: Hashable, Sendable {
    public var name: String
    /// `rows[0]` is row 1; each row's cells start in column A.
    public var rows: [[XLSXCell]]
    /// Column (1-based) → width in characters of the default font's digits, 0 to 255.
    public var columnWidths: [Int: Double]
    /// Row (1-based) → height in points, 0 to 409.
    public var rowHeights: [Int: Double]
    /// Rows kept in view when scrolling (a frozen pane, ySplit); they also repeat at the top of
    /// every printed page unless `pageSetup.titleRows` says otherwise.
    public var frozenRows: Int
    /// Columns kept in view when scrolling (xSplit).
    public var frozenColumns: Int
    /// Ranges shown as one cell; they must not overlap, and each covers two cells or more.
    public var mergedRanges: [CellRange]
    /// Paper, orientation, fitting to pages, the rows repeated on each page, margins, footer.
    public var pageSetup: XLSXPageSetup

    public init(name: String, rows: [[XLSXCell]] = [], columnWidths: [Int: Double] = [:],
                rowHeights: [Int: Double] = [:], frozenRows: Int = 0, frozenColumns: Int = 0,
                mergedRanges: [CellRange] = [], pageSetup: XLSXPageSetup = .standard) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.rowHeights = rowHeights
        self.frozenRows = frozenRows
        self.frozenColumns = frozenColumns
        self.mergedRanges = mergedRanges
        self.pageSetup = pageSetup
    }

    /// The rows repeated at the top of every printed page, if any.
    var printTitleRows: ClosedRange<Int>? { pageSetup.printTitleRows(frozenRows: frozenRows) }

    /// Appends a row of cells.
    public mutating func appendRow(_ cells: [XLSXCell]) {
        rows.append(cells)
    }

    /// Appends a header row of titles in `style` (bold, filled, bordered, centred, wrapped by
    /// default) and freezes every row down to it.
    public mutating func appendHeader(_ titles: [String], style: XLSXCellStyle = .header, height: Double? = nil) {
        rows.append(titles.map { XLSXCell.text($0, style: style) })
        frozenRows = rows.count
        if let height { rowHeights[rows.count] = height }
    }

    /// Appends a title row: `text` in column A, merged across `columns` columns.
    public mutating func appendTitle(_ text: String, columns: Int, style: XLSXCellStyle = .title,
                                     height: Double? = nil) {
        rows.append([XLSXCell.text(text, style: style)] + Array(repeating: XLSXCell.empty(style: style),
                                                                  count: max(columns - 1, 0)))
        if columns > 1 {
            mergedRanges.append(CellRange(first: CellPosition(row: rows.count, column: 1),
                                          last: CellPosition(row: rows.count, column: columns)))
        }
        if let height { rowHeights[rows.count] = height }
    }

    public mutating func merge(_ range: CellRange) {
        mergedRanges.append(range)
    }

    /// Sets each column's width, where none is set yet, from its widest cell: a CJK character
    /// counts two, others one, each line of wrapped text on its own; merged cells are left out.
    public mutating func fitColumnWidths(minimum: Double = 6, maximum: Double = 60) {
        let merged = Set(mergedRanges.filter { $0.columnCount > 1 }.map(\.first))
        var widest: [Int: Double] = [:]
        for (rowIndex, row) in rows.enumerated() {
            for (columnIndex, cell) in row.enumerated() {
                let position = CellPosition(row: rowIndex + 1, column: columnIndex + 1)
                guard !merged.contains(position) else { continue }
                let width = DisplayWidth.of(cell) * (cell.style.bold ? 1.1 : 1)
                widest[position.column] = max(widest[position.column] ?? 0, width)
            }
        }
        for (column, width) in widest where columnWidths[column] == nil {
            columnWidths[column] = (min(max(width + 2, minimum), maximum) * 10).rounded() / 10
        }
    }
}

/// How wide a cell's contents show, in character widths.
enum DisplayWidth {
    static func of(_ cell: XLSXCell) -> Double {
        switch cell.value {
        case .empty: return 0
        case .text(let text): return text.split(separator: "\n").map { of($0) }.max() ?? 0
        case .number(let number): return Double(XMLWriter.numberText(number).count) + (cell.format.code.contains(",") ? 3 : 0)
        case .bool: return 5
        case .date: return 10
        }
    }

    static func of(_ text: Substring) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    /// East Asian wide and full-width characters (CJK, kana, Hangul, full-width forms).
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
