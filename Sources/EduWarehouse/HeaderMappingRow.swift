/// One column of a loaded file's sheet as the normaliser mapped it (`header_decisions`): what
/// `eduetl headers` prints, kept in the warehouse.
public struct HeaderMappingRow: Sendable, Equatable {
    public var sheet: String
    public var column: String
    /// The header cells above the data, outer to inner, joined by " / ".
    public var headerPath: String
    /// The catalogue field, nil when the header maps to none.
    public var field: String?
    public var method: String
    public var unit: String?
    public var note: String?
}
