import EduCore

/// One cell to write: a value, the number format it shows with and the style it is drawn in.
/// Literals make plain cells: `["学校", 1_234, 0.5, true, nil]`.
public struct XLSXCell: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        /// Nothing; the cell is written only when it has a style (a bordered blank).
        case empty
        case text(String)
        /// A finite number; NaN and infinities are refused (XLSX cannot hold them).
        case number(Double)
        case bool(Bool)
        /// Written as its day serial in the 1900 date system, shown with `format`
        /// (`XLSXNumberFormat.date` when the format is General).
        case date(SpreadsheetDate)
    }

    public var value: Value
    public var format: XLSXNumberFormat
    public var style: XLSXCellStyle

    public init(_ value: Value, format: XLSXNumberFormat = .general, style: XLSXCellStyle = .plain) {
        self.value = value
        self.format = format
        self.style = style
    }

    public static func text(_ text: String, style: XLSXCellStyle = .plain) -> XLSXCell {
        XLSXCell(.text(text), style: style)
    }

    public static func number(_ number: Double, format: XLSXNumberFormat = .general,
                              style: XLSXCellStyle = .plain) -> XLSXCell {
        XLSXCell(.number(number), format: format, style: style)
    }

    public static func bool(_ value: Bool, style: XLSXCellStyle = .plain) -> XLSXCell {
        XLSXCell(.bool(value), style: style)
    }

    public static func date(_ date: SpreadsheetDate, format: XLSXNumberFormat = .date,
                            style: XLSXCellStyle = .plain) -> XLSXCell {
        XLSXCell(.date(date), format: format, style: style)
    }

    public static func empty(style: XLSXCellStyle = .plain) -> XLSXCell {
        XLSXCell(.empty, style: style)
    }

    /// This cell in another style.
    public func styled(_ style: XLSXCellStyle) -> XLSXCell {
        var copy = self
        copy.style = style
        return copy
    }

    /// The format the cell is written with: a date in General shows as a date, a styled
    /// boolean in General as TRUE or FALSE.
    var effectiveFormat: XLSXNumberFormat {
        guard format == .general else { return format }
        switch value {
        case .date: return .date
        case .bool where style != .plain: return .boolean
        default: return format
        }
    }
}

extension XLSXCell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self.init(.text(value)) }
    public init(integerLiteral value: Int) { self.init(.number(Double(value))) }
    public init(floatLiteral value: Double) { self.init(.number(value)) }
    public init(booleanLiteral value: Bool) { self.init(.bool(value)) }
    public init(nilLiteral: ()) { self.init(.empty) }
}
