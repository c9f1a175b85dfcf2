/// An sRGB colour for fills and fonts, written as opaque ARGB ("FFD9E1F2").
public struct XLSXColor: Hashable, Sendable {
    /// 0xRRGGBB.
    public var rgb: UInt32

    public init(rgb: UInt32) {
        self.rgb = rgb & 0xFF_FFFF
    }

    /// "FF" and six upper-case hex digits, as styles.xml's rgb attribute wants (ST_UnsignedIntHex).
    var argb: String {
        let digits = String(rgb, radix: 16, uppercase: true)
        return "FF" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// The header fill: Excel's pale blue (Blue, Accent 1, Lighter 80%).
    public static let headerBlue = XLSXColor(rgb: 0xD9E1F2)
    /// Excel's "Bad" cell style: light red fill, dark red text.
    public static let lightRed = XLSXColor(rgb: 0xFFC7CE)
    public static let darkRed = XLSXColor(rgb: 0x9C0006)
    /// Excel's "Neutral" fill.
    public static let lightYellow = XLSXColor(rgb: 0xFFEB9C)
}

/// A number format code (ECMA-376 Part 1, §18.8.31): how a number shows, never what it is.
/// Codes Excel builds in keep their built-in id (§18.8.30: 2 is "0.00", 10 is "0.00%"); the
/// others are written to styles.xml from id 164.
public struct XLSXNumberFormat: Hashable, Sendable {
    public var code: String

    public init(code: String) {
        self.code = code
    }

    public static let general = XLSXNumberFormat(code: "General")
    /// Whole numbers: "0".
    public static let integer = XLSXNumberFormat(code: "0")
    /// Whole numbers with thousands separators: "#,##0".
    public static let thousands = XLSXNumberFormat(code: "#,##0")
    /// ISO dates: "yyyy-mm-dd".
    public static let date = XLSXNumberFormat(code: "yyyy-mm-dd")
    /// Text shown as typed: "@".
    public static let text = XLSXNumberFormat(code: "@")
    /// TRUE and FALSE, the format LibreOffice gives booleans (it shows a styled boolean in General
    /// as 1 or 0; Excel shows booleans as TRUE and FALSE whatever the format).
    public static let boolean = XLSXNumberFormat(code: #""TRUE";"TRUE";"FALSE""#)

    /// `decimals` places: 2 → "0.00", 4 → "0.0000"; with `thousands`, "#,##0.00".
    public static func decimals(_ decimals: Int, thousands: Bool = false) -> XLSXNumberFormat {
        let places = max(0, min(decimals, 15))
        let whole = thousands ? "#,##0" : "0"
        return XLSXNumberFormat(code: places == 0 ? whole : whole + "." + String(repeating: "0", count: places))
    }

    /// A ratio shown as a percentage: 0.125 with 1 decimal shows "12.5%" ("0.0%").
    public static func percent(decimals: Int = 1) -> XLSXNumberFormat {
        XLSXNumberFormat(code: Self.decimals(decimals).code + "%")
    }

    /// The built-in id for this code, if Excel has one (§18.8.30; locale-independent ids only).
    var builtInID: Int? {
        switch code {
        case "General": return 0
        case "0": return 1
        case "0.00": return 2
        case "#,##0": return 3
        case "#,##0.00": return 4
        case "0%": return 9
        case "0.00%": return 10
        case "0.00E+00": return 11
        case "@": return 49
        default: return nil
        }
    }
}

/// How a cell looks: font weight and colour, fill, a thin border all round, alignment and
/// wrapping. Cells with equal styles and number formats share one cellXfs entry of styles.xml.
public struct XLSXCellStyle: Hashable, Sendable {
    public enum HorizontalAlignment: String, Hashable, Sendable {
        case general, left, center, right
    }

    public var bold: Bool
    public var fontColor: XLSXColor?
    public var fill: XLSXColor?
    /// A thin black border on all four sides.
    public var border: Bool
    public var horizontal: HorizontalAlignment
    public var verticallyCentered: Bool
    public var wrapText: Bool

    public init(bold: Bool = false, fontColor: XLSXColor? = nil, fill: XLSXColor? = nil, border: Bool = false,
                horizontal: HorizontalAlignment = .general, verticallyCentered: Bool = false, wrapText: Bool = false) {
        self.bold = bold
        self.fontColor = fontColor
        self.fill = fill
        self.border = border
        self.horizontal = horizontal
        self.verticallyCentered = verticallyCentered
        self.wrapText = wrapText
    }

    /// No formatting: the workbook's default font, no fill, no border.
    public static let plain = XLSXCellStyle()
    /// A table's header row: bold on pale blue, bordered, centred both ways, wrapped.
    public static let header = XLSXCellStyle(bold: true, fill: .headerBlue, border: true, horizontal: .center,
                                             verticallyCentered: true, wrapText: true)
    /// A table's body cell: bordered.
    public static let body = XLSXCellStyle(border: true, verticallyCentered: true)
    /// A body cell to draw the eye to (a shortfall): dark red on light red, bordered.
    public static let highlight = XLSXCellStyle(fontColor: .darkRed, fill: .lightRed, border: true,
                                                verticallyCentered: true)
    /// A title above a table: bold, centred.
    public static let title = XLSXCellStyle(bold: true, horizontal: .center, verticallyCentered: true)

    /// This style with another fill (nil: none).
    public func filled(_ color: XLSXColor?) -> XLSXCellStyle {
        var copy = self
        copy.fill = color
        return copy
    }

    var hasAlignment: Bool { horizontal != .general || verticallyCentered || wrapText }
}

/// The workbook's default font, used by every cell (bold where a style says so).
public struct XLSXFont: Hashable, Sendable {
    public var name: String
    /// Points.
    public var size: Double

    public init(name: String, size: Double) {
        self.name = name
        self.size = size
    }

    /// Excel's default for Chinese (zh-CN) since Excel 2016: 等线 (DengXian), 11 pt.
    public static let dengXian = XLSXFont(name: "等线", size: 11)
}
