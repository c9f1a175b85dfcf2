/// A sheet as a workbook lists it (CSV files have one, named after the file).
public struct SheetDescription: Hashable, Sendable {
    public enum Visibility: String, Sendable {
        case visible, hidden, veryHidden
    }

    /// 0-based position in the workbook's sheet order.
    public var index: Int
    public var name: String
    public var visibility: Visibility

    public init(index: Int, name: String, visibility: Visibility = .visible) {
        self.index = index
        self.name = name
        self.visibility = visibility
    }
}
