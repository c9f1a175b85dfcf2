/// What a cell holds, typed as the source file states it. Readers never guess meaning:
/// CSV cells stay `.string`; the normaliser decides what text means.
public enum CellValue: Hashable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case date(SpreadsheetDate)
    /// A time of day or an elapsed time (a number formatted as h:mm:ss or [h]:mm), in days.
    case duration(Double)
    /// An Excel error value such as "#DIV/0!" or "#N/A".
    case error(String)

    /// True for an empty string, the only value a reader may leave out of a row.
    public var isEmpty: Bool {
        if case .string(let text) = self { return text.isEmpty }
        return false
    }
}
