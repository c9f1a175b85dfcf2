import EduCore
import Testing
@testable import EduXLSX

/// The worksheet handler on sheet XML written here, so each edge case is one small string.
@Suite struct SheetXMLTests {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    struct Parsed {
        var rows: [Row]
        var merged: [CellRange]
        var dimension: CellRange?
        func value(_ reference: String) -> CellValue? {
            let position = CellPosition(reference: reference)!
            return rows.first { $0.number == position.row }?[column: position.column]
        }
    }

    func parse(_ body: String, sharedStrings: [String] = [], styles: Styles = Styles(), uses1904: Bool = false,
               root: String = "<worksheet xmlns=\"\(main)\">") throws(XLSXError.Reason) -> Parsed {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\(root)\(body)\(root.hasPrefix("<x:") ? "</x:worksheet>" : "</worksheet>")"
        let handler = SheetContentHandler(sharedStrings: sharedStrings, styles: styles, uses1904DateSystem: uses1904)
        try XMLPushParser.parse(Array(xml.utf8), with: handler)
        return Parsed(rows: handler.completedRows, merged: handler.mergedRanges, dimension: handler.declaredDimension)
    }

    @Test func readsEveryCellType() throws {
        let styles = Styles(kinds: [.number, .date, .duration])
        let sheet = try parse("""
        <dimension ref="A1:H1"/>
        <sheetData><row r="1">
          <c r="A1" t="s"><v>1</v></c><c r="B1"><v>12.5</v></c><c r="C1" t="b"><v>1</v></c>
          <c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" t="str"><f>A1&amp;"x"</f><v>甲x</v></c>
          <c r="F1" t="inlineStr"><is><t>内联</t></is></c><c r="G1" s="1"><v>45292</v></c>
          <c r="H1" s="2"><v>0.5</v></c><c r="I1" t="d"><v>2024-09-01T08:30:00</v></c>
        </row></sheetData>
        """, sharedStrings: ["乙", "甲"], styles: styles)
        #expect(sheet.value("A1") == .string("甲"))
        #expect(sheet.value("B1") == .number(12.5))
        #expect(sheet.value("C1") == .bool(true))
        #expect(sheet.value("D1") == .error("#DIV/0!"))
        #expect(sheet.value("E1") == .string("甲x"))
        #expect(sheet.value("F1") == .string("内联"))
        #expect(sheet.value("G1").map(isoDate) == "2024-01-01")
        #expect(sheet.value("H1") == .duration(0.5))
        #expect(sheet.value("I1").map(isoDate) == "2024-09-01T08:30:00")
        #expect(sheet.dimension?.reference == "A1:H1")
    }

    @Test func datesInThe1904System() throws {
        let sheet = try parse("<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43831</v></c></row></sheetData>",
                              styles: Styles(kinds: [.number, .date]), uses1904: true)
        #expect(sheet.value("A1").map(isoDate) == "1904-01-01")
        #expect(sheet.value("B1").map(isoDate) == "2024-01-02")
    }

    @Test func cellsAndRowsWithoutReferencesFollowOnFromTheLastOne() throws {
        let sheet = try parse("""
        <sheetData><row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>
        <row><c t="inlineStr"><is><t>next</t></is></c></row><row r="7"><c><v>7</v></c></row></sheetData>
        """)
        #expect(sheet.rows.map(\.number) == [1, 2, 7])
        #expect(sheet.rows[0].cells.map(\.column) == [1, 2, 5, 6])
        #expect(sheet.value("A2") == .string("next"))
        #expect(sheet.value("A7") == .number(7))
    }

    @Test func inlineRichTextJoinsRunsAndDropsPhoneticGuides() throws {
        let sheet = try parse("""
        <sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t>青石</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 县</t></r>
        <rPh sb="0" eb="2"><t>qingshi</t></rPh></is></c>
        <c r="B1" t="inlineStr"><is><t><![CDATA[a<b>&c]]></t></is></c>
        <c r="C1" t="inlineStr"><is><t>line_x000D_end</t></is></c></row></sheetData>
        """)
        #expect(sheet.value("A1") == .string("青石 县"))
        #expect(sheet.value("B1") == .string("a<b>&c"))
        #expect(sheet.value("C1") == .string("line\rend"))
    }

    @Test func emptyAndStyledOnlyCellsAreLeftOut() throws {
        let sheet = try parse("""
        <sheetData><row r="1"><c r="A1" s="1"/><c r="B1" t="s"/><c r="C1" t="str"><v></v></c><c r="D1"><v>3</v></c></row>
        <row r="2"><c r="A2" s="3"/></row></sheetData>
        """, sharedStrings: [""])
        #expect(sheet.rows.count == 1)
        #expect(sheet.rows[0].cells.map(\.column) == [4])
    }

    @Test func mergedRangesAfterTheData() throws {
        let sheet = try parse("""
        <sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row></sheetData>
        <mergeCells count="2"><mergeCell ref="A1:H1"/><mergeCell ref="C3:C4"/></mergeCells>
        """)
        #expect(sheet.merged.map(\.reference) == ["A1:H1", "C3:C4"])
    }

    @Test func elementsAreMatchedByNamespaceNotPrefix() throws {
        let sheet = try parse("""
        <x:sheetData><x:row r="2"><x:c r="B2"><x:v>42</x:v></x:c></x:row></x:sheetData>
        """, root: "<x:worksheet xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\">")
        #expect(sheet.value("B2") == .number(42))

        // Same local names in another namespace (an extension) are not cells.
        let foreign = try parse("""
        <sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>
        <extLst><ext xmlns:o="urn:other"><o:row r="9"><o:c r="A9"><o:v>9</o:v></o:c></o:row></ext></extLst>
        """)
        #expect(foreign.rows.map(\.number) == [1])
    }

    @Test func sharedStringIndexOutOfRangeNamesTheCell() {
        #expect(throws: XLSXError.Reason.sharedStringOutOfRange(index: 5, count: 1)) {
            try parse("<sheetData><row r=\"3\"><c r=\"B3\" t=\"s\"><v>5</v></c></row></sheetData>", sharedStrings: ["a"])
        }
    }

    @Test func externalEntitiesAreRefusedAndNeverRead() {
        let xxe = """
        <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <worksheet xmlns="\(Self.main)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>
        """
        let handler = SheetContentHandler(sharedStrings: [], styles: Styles(), uses1904DateSystem: false)
        #expect(throws: XLSXError.Reason.doctypeForbidden) { try XMLPushParser.parse(Array(xxe.utf8), with: handler) }
        #expect(handler.completedRows.isEmpty)
    }

    @Test func entityExpansionIsRefusedBeforeExpanding() {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...10 {
            let previous = String(repeating: "&lol\(level - 1);", count: 10)
            entities += "<!ENTITY lol\(level) \"\(previous)\">"
        }
        let bomb = """
        <?xml version="1.0"?><!DOCTYPE worksheet [\(entities)]>
        <worksheet xmlns="\(Self.main)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol10;</t></is></c></row></sheetData></worksheet>
        """
        let handler = SheetContentHandler(sharedStrings: [], styles: Styles(), uses1904DateSystem: false)
        #expect(throws: XLSXError.Reason.doctypeForbidden) { try XMLPushParser.parse(Array(bomb.utf8), with: handler) }
    }

    @Test func malformedXMLReportsTheLine() {
        do {
            _ = try parse("<sheetData><row r=\"1\">\n<c r=\"A1\"><v>1</v></c>\n</sheetData>")
            Issue.record("a malformed sheet was accepted")
        } catch {
            guard case .malformedXML(_, let line) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(line == 3)
        }
    }

    @Test func badNumbersAndReferencesAreErrors() {
        #expect(throws: XLSXError.Reason.badNumber("12,5")) {
            try parse("<sheetData><row r=\"1\"><c r=\"A1\"><v>12,5</v></c></row></sheetData>")
        }
        #expect(throws: XLSXError.Reason.badCellReference("A0")) {
            try parse("<sheetData><row r=\"1\"><c r=\"A0\"><v>1</v></c></row></sheetData>")
        }
    }

    @Test(arguments: [("1", 1.0), ("-0.375", -0.375), ("1234567.89", 1_234_567.89), ("1.5E-3", 0.0015),
                      ("3.14159265358979", 3.14159265358979), ("12345678901234567890", 1.2345678901234567e19)])
    func numbersParseExactly(text: String, number: Double) {
        #expect(NumberParser.parse(Array(text.utf8)) == number)
    }

    private func isoDate(_ value: CellValue) -> String? {
        if case .date(let date) = value { return date.iso8601 }
        return nil
    }
}
