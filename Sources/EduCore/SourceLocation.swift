/// Where something was found: the file, and as far as known the part inside it (a ZIP entry),
/// the sheet and the cell. Errors carry one so their message can say where to look.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var entry: String?
    public var sheet: String?
    public var cell: CellPosition?
    /// A line in a text part (an XML entry or a CSV file) when no cell is known.
    public var line: Int?

    public init(file: String, entry: String? = nil, sheet: String? = nil, cell: CellPosition? = nil, line: Int? = nil) {
        self.file = file
        self.entry = entry
        self.sheet = sheet
        self.cell = cell
        self.line = line
    }

    /// "县A_2024.xlsx › 小学!C7", "book.xlsx › xl/worksheets/sheet1.xml line 12".
    public var description: String {
        var text = file
        if let sheet {
            text += " › " + sheet
            if let cell { text += "!" + cell.reference }
        } else if let entry {
            text += " › " + entry
        }
        if cell == nil, let line { text += " line \(line)" }
        return text
    }
}
