import EduCore
import Testing
@testable import EduReports

@Suite("XML text, numbers, sheet names and formats")
struct XMLTextTests {
    static func text(_ value: String, spreadsheet: Bool = true) -> String {
        var xml = XMLWriter(declaration: false)
        xml.text(value, spreadsheet: spreadsheet)
        return String(decoding: xml.bytes, as: UTF8.self)
    }

    static func attribute(_ value: String, spreadsheet: Bool = false) -> String {
        var xml = XMLWriter(declaration: false)
        xml.attribute(value, spreadsheet: spreadsheet)
        return String(decoding: xml.bytes, as: UTF8.self)
    }

    @Test(arguments: [
        ("青石县第一小学", "青石县第一小学"),
        ("A&B <c> \"d\" 'e'", "A&amp;B &lt;c&gt; \"d\" 'e'"),
        ("行一\n行二\t列", "行一\n行二\t列"),
        ("回车\r\n", "回车_x000D_\n"),
        ("\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}", "_x0000__x0001__x0008__x000B__x000C__x001F_"),
        ("_x0041_", "_x005F_x0041_"),
        ("_x00e9_ and _xZZZZ_ and _x12_", "_x005F_x00e9_ and _xZZZZ_ and _x12_"),
        ("a_b __x", "a_b __x"),
        ("\u{FFFE}\u{FFFF}\u{FFFD}", "_xFFFE__xFFFF_\u{FFFD}"),
        ("表情😀", "表情😀"),
        ("\u{7F}\u{85}", "\u{7F}\u{85}"),
    ])
    func cellTextIsEscapedAsExcelDoes(_ input: String, _ expected: String) {
        #expect(Self.text(input) == expected)
    }

    @Test func plainTextDropsWhatXMLCannotCarry() {
        #expect(Self.text("标题\u{1}\r\u{FFFF}_x0041_&", spreadsheet: false) == "标题_x0041_&amp;")
    }

    @Test(arguments: [
        ("小学 \"甲\"", "小学 &quot;甲&quot;"),
        ("a\tb\nc\rd", "a&#9;b&#10;c&#13;d"),
        ("<&>", "&lt;&amp;&gt;"),
    ])
    func attributesEscapeQuotesAndWhitespace(_ input: String, _ expected: String) {
        #expect(Self.attribute(input) == expected)
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (1234.0, "1234"), (-42.0, "-42"), (0.1, "0.1"), (6.5, "6.5"), (1e-7, "1e-07"),
        (123_456_789_012_345.0, "123456789012345"), (1e15, "1000000000000000"), (1e17, "1e+17"), (1e20, "1e+20"), (2.0 / 3.0, "0.6666666666666666"),
    ])
    func numbersAreShortestRoundTrip(_ value: Double, _ expected: String) {
        #expect(XMLWriter.numberText(value) == expected)
        #expect(Double(XMLWriter.numberText(value)) == value)
    }

    @Test(arguments: [
        ("小学", "小学"),
        ("初中/高中:汇总", "初中_高中_汇总"),
        ("a\\b?c*d[e]f", "a_b_c_d_e_f"),
        ("'引号'", "引号"),
        ("''", "Sheet1"),
        ("", "Sheet1"),
        ("\u{1}表\n", "表"),
        ("History", "History_"),
        ("HISTORY", "HISTORY_"),
        ("青石县城关镇第一小学二〇二四年秋季学期在校学生分年级统计表（含附设幼儿班）", "青石县城关镇第一小学二〇二四年秋季学期在校学生分年级统计表（含"),
        (String(repeating: "😀", count: 20), String(repeating: "😀", count: 15)),
        ("1234567890123456789012345678901234", "1234567890123456789012345678901"),
    ])
    func sheetNamesAreMadeValid(_ input: String, _ expected: String) {
        let name = XLSXSheetName.sanitized(input)
        #expect(name == expected)
        #expect(name.utf16.count <= 31)
    }

    @Test func duplicateSheetNamesGetNumbers() {
        var workbook = XLSXWorkbookWriter()
        let long = String(repeating: "表", count: 31)
        let names = ["小学", "小学", "小學", "小学 (2)", "Sheet", "sheet", "", long, long].map {
            workbook.addSheet(XLSXSheet(name: $0))
        }
        #expect(names == ["小学", "小学 (2)", "小學", "小学 (2) (2)", "Sheet", "sheet (2)", "Sheet7", long,
                          String(repeating: "表", count: 27) + " (2)"])
        #expect(workbook.sheets.map(\.name) == names)
    }

    @Test(arguments: [
        (XLSXNumberFormat.general, "General", Int?(0)), (.integer, "0", 1), (.decimals(2), "0.00", 2),
        (.decimals(0, thousands: true), "#,##0", 3), (.decimals(2, thousands: true), "#,##0.00", 4),
        (.percent(decimals: 0), "0%", 9), (.percent(decimals: 2), "0.00%", 10), (.text, "@", 49),
        (.decimals(4), "0.0000", nil), (.percent(decimals: 1), "0.0%", nil), (.date, "yyyy-mm-dd", nil),
    ])
    func numberFormatsUseBuiltInIDsWhereExcelHasThem(_ format: XLSXNumberFormat, _ code: String, _ id: Int?) {
        #expect(format.code == code)
        #expect(format.builtInID == id)
    }

    @Test func stylesShareEntries() {
        var styles = StyleTable(font: .dengXian)
        #expect(styles.index(style: .plain, format: .general) == 0)
        let header = styles.index(style: .header, format: .general)
        let money = styles.index(style: .body, format: .decimals(2))
        #expect(styles.index(style: .header, format: .general) == header)
        #expect(styles.index(style: .body, format: .decimals(2)) == money)
        #expect(Set([header, money, styles.index(style: .highlight, format: .decimals(2))]).count == 3)
        let part = String(decoding: styles.part(), as: UTF8.self)
        #expect(part.contains(#"<cellXfs count="4">"#) && part.contains(#"<fills count="4">"#))
        #expect(!part.contains("<numFmts"), "0.00 is built in (id 2)")
    }

    @Test func fittedWidthsCountCJKTwice() {
        var sheet = XLSXSheet(name: "宽度")
        sheet.appendHeader(["学校名称", "code"], style: .header)
        sheet.appendRow(["青石县城关镇第一小学", "abc"])
        sheet.appendRow(["短", .number(1_234_567, format: .thousands)])
        sheet.columnWidths[3] = 30
        sheet.appendRow([nil, nil, "preset"])
        sheet.fitColumnWidths(minimum: 6, maximum: 60)
        #expect(sheet.columnWidths == [1: 22, 2: 12, 3: 30])
    }
}
