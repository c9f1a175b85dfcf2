/// The workbook's cell formats, gathered as cells are written and then written out as
/// xl/styles.xml (ECMA-376 Part 1, §18.8). Each distinct (style, number format) pair becomes
/// one cellXfs entry, whose index is the cells' s attribute; fonts, fills, borders and custom
/// number formats are shared between entries. Entry 0 is the plain General default.
struct StyleTable {
    private struct FontKey: Hashable {
        var bold: Bool
        var color: XLSXColor?
    }

    private struct FormatKey: Hashable {
        var style: XLSXCellStyle
        var format: XLSXNumberFormat
    }

    private struct CellFormat {
        var numberFormatID: Int
        var fontID: Int
        var fillID: Int
        var borderID: Int
        var style: XLSXCellStyle
    }

    /// The first id for custom number formats (§18.8.30: lower ids are built in).
    static let firstCustomFormatID = 164

    let font: XLSXFont
    private var fonts: [FontKey] = [FontKey(bold: false, color: nil)]
    private var fontIndex: [FontKey: Int] = [FontKey(bold: false, color: nil): 0]
    /// Solid fills after the two every styles part starts with (none, gray125).
    private var fills: [XLSXColor] = []
    private var fillIndex: [XLSXColor: Int] = [:]
    private var customFormats: [String] = []
    private var customFormatIndex: [String: Int] = [:]
    private var cellFormats: [CellFormat]
    private var cellFormatIndex: [FormatKey: Int]

    init(font: XLSXFont) {
        self.font = font
        cellFormats = [CellFormat(numberFormatID: 0, fontID: 0, fillID: 0, borderID: 0, style: .plain)]
        cellFormatIndex = [FormatKey(style: .plain, format: .general): 0]
    }

    /// The cellXfs index for a cell in `style` showing `format`.
    mutating func index(style: XLSXCellStyle, format: XLSXNumberFormat) -> Int {
        let key = FormatKey(style: style, format: format)
        if let index = cellFormatIndex[key] { return index }
        let entry = CellFormat(numberFormatID: numberFormatID(format), fontID: fontID(style),
                               fillID: fillID(style.fill), borderID: style.border ? 1 : 0, style: style)
        cellFormats.append(entry)
        cellFormatIndex[key] = cellFormats.count - 1
        return cellFormats.count - 1
    }

    private mutating func numberFormatID(_ format: XLSXNumberFormat) -> Int {
        if let id = format.builtInID { return id }
        if let index = customFormatIndex[format.code] { return Self.firstCustomFormatID + index }
        customFormats.append(format.code)
        customFormatIndex[format.code] = customFormats.count - 1
        return Self.firstCustomFormatID + customFormats.count - 1
    }

    private mutating func fontID(_ style: XLSXCellStyle) -> Int {
        let key = FontKey(bold: style.bold, color: style.fontColor)
        if let index = fontIndex[key] { return index }
        fonts.append(key)
        fontIndex[key] = fonts.count - 1
        return fonts.count - 1
    }

    private mutating func fillID(_ color: XLSXColor?) -> Int {
        guard let color else { return 0 }
        if let index = fillIndex[color] { return index + 2 }
        fills.append(color)
        fillIndex[color] = fills.count - 1
        return fills.count + 1
    }

    /// xl/styles.xml, children in the schema's order (CT_Stylesheet): numFmts, fonts, fills,
    /// borders, cellStyleXfs, cellXfs, cellStyles, dxfs, tableStyles.
    func part() -> [UInt8] {
        var xml = XMLWriter()
        xml.raw(#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)
        if !customFormats.isEmpty {
            xml.raw(#"<numFmts count="\#(customFormats.count)">"#)
            for (index, code) in customFormats.enumerated() {
                xml.raw(#"<numFmt numFmtId="\#(Self.firstCustomFormatID + index)" formatCode=""#)
                xml.attribute(code)
                xml.raw(#""/>"#)
            }
            xml.raw("</numFmts>")
        }
        xml.raw(#"<fonts count="\#(fonts.count)">"#)
        for key in fonts { writeFont(key, to: &xml) }
        xml.raw("</fonts>")
        xml.raw(#"<fills count="\#(fills.count + 2)"><fill><patternFill patternType="none"/></fill>"#
            + #"<fill><patternFill patternType="gray125"/></fill>"#)
        for color in fills {
            xml.raw(#"<fill><patternFill patternType="solid"><fgColor rgb="\#(color.argb)"/><bgColor indexed="64"/>"#
                + "</patternFill></fill>")
        }
        xml.raw("</fills>")
        let thin = ["left", "right", "top", "bottom"].map { #"<\#($0) style="thin"><color indexed="64"/></\#($0)>"# }
        xml.raw(#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
            + "<border>\(thin.joined())<diagonal/></border></borders>")
        xml.raw(#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#)
        xml.raw(#"<cellXfs count="\#(cellFormats.count)">"#)
        for format in cellFormats { writeCellFormat(format, to: &xml) }
        xml.raw("</cellXfs>")
        xml.raw(#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#)
        xml.raw(#"<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" "#
            + #"defaultPivotStyle="PivotStyleLight16"/></styleSheet>"#)
        return xml.bytes
    }

    private func writeFont(_ key: FontKey, to xml: inout XMLWriter) {
        xml.raw("<font>")
        if key.bold { xml.raw("<b/>") }
        xml.raw(#"<sz val=""#)
        xml.number(font.size)
        xml.raw(#""/>"#)
        if let color = key.color { xml.raw(#"<color rgb="\#(color.argb)"/>"#) }
        xml.raw(#"<name val=""#)
        xml.attribute(font.name)
        xml.raw(#""/><family val="2"/>"#)
        // GB2312 (134) tells Excel the font is for Chinese text; only for a font with a Chinese name.
        if font.name.unicodeScalars.contains(where: { $0.value >= 0x80 }) { xml.raw(#"<charset val="134"/>"#) }
        xml.raw("</font>")
    }

    private func writeCellFormat(_ format: CellFormat, to xml: inout XMLWriter) {
        xml.raw(#"<xf numFmtId="\#(format.numberFormatID)" fontId="\#(format.fontID)" fillId="\#(format.fillID)" "#
            + #"borderId="\#(format.borderID)" xfId="0""#)
        if format.numberFormatID != 0 { xml.raw(#" applyNumberFormat="1""#) }
        if format.fontID != 0 { xml.raw(#" applyFont="1""#) }
        if format.fillID != 0 { xml.raw(#" applyFill="1""#) }
        if format.borderID != 0 { xml.raw(#" applyBorder="1""#) }
        let style = format.style
        guard style.hasAlignment else {
            xml.raw("/>")
            return
        }
        xml.raw(#" applyAlignment="1"><alignment"#)
        if style.horizontal != .general { xml.raw(#" horizontal="\#(style.horizontal.rawValue)""#) }
        if style.verticallyCentered { xml.raw(#" vertical="center""#) }
        if style.wrapText { xml.raw(#" wrapText="1""#) }
        xml.raw("/></xf>")
    }
}
