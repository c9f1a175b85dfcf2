/// A cell's place in a sheet, 1-based like the spreadsheet's own A1 references.
public struct CellPosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1-based row number (row 1 is the first row).
    public var row: Int
    /// 1-based column number (column 1 is A).
    public var column: Int

    @inlinable
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses an A1-style reference ("B3", "$B$3", "b3"); nil when it is not one.
    public init?(reference: some StringProtocol) {
        guard let parsed = CellReferenceParser.parse(Array(reference.utf8)[...]) else { return nil }
        self = parsed
    }

    /// The A1-style reference, e.g. "B3".
    public var reference: String { CellPosition.columnName(column) + String(row) }

    public var description: String { reference }

    /// Spreadsheet column letters for a 1-based column number: 1 → A, 27 → AA.
    public static func columnName(_ column: Int) -> String {
        if column >= 1 && column < commonNames.count { return commonNames[column] }
        return spelledColumnName(column)
    }

    /// A to ZZ, spelled once: references are built for every loaded value.
    private static let commonNames: [String] = [""] + (1...702).map(spelledColumnName)

    private static func spelledColumnName(_ column: Int) -> String {
        var letters: [UInt8] = []
        var remaining = column
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(digit))
            remaining = (remaining - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    public static func < (lhs: CellPosition, rhs: CellPosition) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// The largest sheet Excel allows; references beyond it are malformed.
public enum SheetLimits {
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384
}
