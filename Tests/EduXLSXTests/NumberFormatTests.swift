import EduCore
import Testing
@testable import EduXLSX

@Suite struct NumberFormatTests {
    @Test(arguments: [
        ("yyyy-mm-dd", NumberFormatKind.date),
        ("yyyy\"年\"m\"月\"d\"日\"", .date),
        ("[$-804]yyyy\"年\"m\"月\"d\"日\";@", .date),
        ("m/d/yy h:mm", .date),
        ("mmm-yy", .date),
        ("h:mm:ss", .duration),
        ("[h]:mm:ss", .duration),
        ("mm:ss.0", .duration),
        ("h\"时\"mm\"分\"", .duration),
        ("General", .number),
        ("0.00", .number),
        ("#,##0\"元\"", .number),
        ("0.00\"d\"", .number),
        ("[Red]0.00;[Blue]-0.00", .number),
        ("0%", .number),
        ("0.00E+00", .number),
        ("\\d0.0", .number),
        ("_(* #,##0_);_(* (#,##0);_(* \"-\"??_);_(@_)", .number),
        ("@", .number),
    ])
    func classifiesFormatCodes(code: String, kind: NumberFormatKind) {
        #expect(NumberFormatKind.classify(code) == kind)
    }

    @Test(arguments: [
        (0, NumberFormatKind.number), (2, .number), (9, .number), (14, .date), (22, .date),
        (20, .duration), (46, .duration), (31, .date), (57, .date), (32, .duration), (49, .number),
    ])
    func classifiesBuiltInIDs(id: Int, kind: NumberFormatKind) {
        #expect(NumberFormatKind.builtIn(id) == kind)
    }

    @Test func stylesMapCellFormatsNotCellStyleFormats() throws {
        let xml = """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
          <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>
          <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
          <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="4"/></cellXfs>
        </styleSheet>
        """
        let styles = try Styles.parse(Array(xml.utf8))
        #expect(styles.kinds == [.number, .date, .date, .number])
        #expect(styles.kind(ofStyle: 99) == .number)
    }
}
