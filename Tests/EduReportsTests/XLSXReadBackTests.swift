import EduCore
import EduXLSX
import EduZip
import Foundation
import Testing
@testable import EduReports

/// Workbooks written by XLSXWorkbookWriter, read back with the project's own reader.
@Suite("XLSX written and read back")
struct XLSXReadBackTests {
    static func write(_ workbook: XLSXWorkbookWriter, in folder: ScratchFolder, _ name: String = "report.xlsx") throws -> String {
        let path = folder.path(name)
        try workbook.write(to: path)
        return path
    }

    static func rows(_ workbook: Workbook, _ sheet: String) throws -> SheetTable {
        try workbook.readSheet(#require(workbook.sheet(named: sheet)))
    }

    @Test(arguments: [XLSXWorkbookWriter.StringStorage.shared, .inline])
    func cellsTypesAndMergedRangesComeBack(_ storage: XLSXWorkbookWriter.StringStorage) throws {
        let folder = try ScratchFolder()
        let workbook = try Workbook(path: Self.write(SampleReport.workbook(storage: storage), in: folder))
        #expect(workbook.sheets.map(\.name) == SampleReport.sheetNames)
        #expect(!workbook.uses1904DateSystem)

        let primary = try Self.rows(workbook, "小学")
        #expect(primary.mergedRanges.map(\.reference) == ["A1:H1", "A6:B6"])
        #expect(primary.rows.map(\.number) == [1, 2, 3, 4, 5, 6, 8])
        #expect(primary.rows[0].cells == [Cell(column: 1, value: .string(SampleReport.title))])
        #expect(primary.rows[1].cells.map(\.value) == SampleReport.headers.map { .string($0) })
        for (row, school) in zip(primary.rows[2...4], SampleReport.schools) {
            // 0.00, 0.0000, #,##0 and 0.0% are numbers, never dates; yyyy-mm-dd is a date.
            #expect(row.cells.map(\.value) == [
                .string(school.code), .string(school.name), .number(school.students), .number(school.area),
                .number(school.ratio), .number(school.rate), .bool(school.meets), .date(SampleReport.surveyDate),
            ])
        }
        #expect(primary.rows[5].cells == [Cell(column: 1, value: .string("合计")), Cell(column: 3, value: .number(4_035))])
        #expect(primary.rows[6].cells == [Cell(column: 1, value: .string(SampleReport.tricky))])

        let indicators = try Self.rows(workbook, "初中_高中_汇总")
        #expect(indicators.rows.map { $0.cells.map(\.value) } == [
            [.string("指标"), .string("值")],
            [.string("差异系数"), .number(0.4123)],
            [.string("大数"), .number(12_345_678.9)],
            [.string("负数"), .number(-0.5)],
            [.string("很小"), .number(1e-7)],
            [.string("整数"), .number(42)],
            [.string("早期日期"), .date(SpreadsheetDate(year: 1900, month: 1, day: 15)!)],
        ])
        #expect(try Self.rows(workbook, "History_").rows.isEmpty)
        #expect(try Self.rows(workbook, "小学 (2)").rows.map { $0.cells.map(\.value) } == [[.string("重名的表")]])
    }

    @Test func partsAreTheOnesExcelWrites() throws {
        let folder = try ScratchFolder()
        let archive = try ZipArchive(path: Self.write(SampleReport.workbook(), in: folder))
        #expect(archive.entries.map(\.name) == [
            "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
            "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml", "xl/styles.xml", "xl/sharedStrings.xml",
        ])
        #expect(archive.entries.allSatisfy { $0.method == .deflated })
        func text(_ name: String) throws -> String {
            String(decoding: try archive.contents(of: #require(archive.entry(named: name))), as: UTF8.self)
        }
        let sheet1 = try text("xl/worksheets/sheet1.xml")
        #expect(sheet1.contains(#"<dimension ref="A1:H8"/>"#))
        #expect(sheet1.contains(#"<sheetView tabSelected="1" workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet1.contains(#"<row r="2" ht="32" customHeight="1">"#))
        #expect(sheet1.contains(#"<mergeCell ref="A1:H1"/>"#) && sheet1.contains(#"<mergeCell ref="A6:B6"/>"#))
        #expect(sheet1.contains(#"<pageSetup paperSize="9" orientation="landscape"/>"#))
        let sheet2 = try text("xl/worksheets/sheet2.xml")
        #expect(!sheet2.contains("tabSelected"), "only the first sheet may be selected")
        #expect(sheet2.contains(#"<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>"#))
        #expect(sheet2.contains(#"<cols><col min="1" max="1" width="14" customWidth="1"/><col min="2" max="2" width="18" customWidth="1"/></cols>"#))
        let styles = try text("xl/styles.xml")
        #expect(styles.contains(#"<name val="等线"/><family val="2"/><charset val="134"/>"#))
        for code in ["0.0000", "0.0%", "yyyy-mm-dd"] {
            #expect(styles.contains(#"formatCode="\#(code)""#), "\(code)")
        }
        #expect(styles.contains(#"<fgColor rgb="FFD9E1F2"/>"#) && styles.contains(#"<fgColor rgb="FFFFC7CE"/>"#))
        #expect(styles.contains(#"<alignment horizontal="center" vertical="center" wrapText="1"/>"#))
        // Styled booleans get the format LibreOffice needs to show TRUE and FALSE rather than 1 and 0.
        #expect(styles.contains(#"formatCode="&quot;TRUE&quot;;&quot;TRUE&quot;;&quot;FALSE&quot;""#))
        let workbookXML = try text("xl/workbook.xml")
        #expect(workbookXML.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'小学'!$1:$2</definedName>"#))
        let shared = try text("xl/sharedStrings.xml")
        #expect(shared.contains("_x005F_x0041_") && shared.contains("_x000D_") && shared.contains("_x0001_"))
        #expect(shared.contains("A&amp;B &lt;学校&gt;"))
        let core = try text("docProps/core.xml")
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-09-01T08:30:15Z</dcterms:created>"))
    }

    /// The sheet part is streamed in chunks; a large sheet reads back whole.
    @Test func aLargeSheetStreams() throws {
        let folder = try ScratchFolder()
        var sheet = XLSXSheet(name: "学校")
        sheet.appendHeader(["序号", "学校", "学生", "比例"])
        for index in 1...20_000 {
            sheet.appendRow([.number(Double(index), format: .integer), .text("学校\(index % 500)"),
                             .number(Double(index * 3), format: .thousands), .number(Double(index) / 7, format: .decimals(4))])
        }
        var writer = XLSXWorkbookWriter(created: SampleReport.created)
        writer.addSheet(sheet)
        let path = try Self.write(writer, in: folder)
        let table = try Self.rows(try Workbook(path: path), "学校")
        #expect(table.rows.count == 20_001)
        #expect(table.rows.last?.cells.map(\.value) == [.number(20_000), .string("学校0"), .number(60_000), .number(20_000.0 / 7)])
        let archive = try ZipArchive(path: path)
        #expect(try #require(archive.entry(named: "xl/worksheets/sheet1.xml")).uncompressedSize > 4 * 65_536)
    }

    @Test func aWorkbookWithoutTextHasNoSharedStringsPart() throws {
        let folder = try ScratchFolder()
        var writer = XLSXWorkbookWriter(created: SampleReport.created)
        writer.addSheet(XLSXSheet(name: "数", rows: [[1, 2.5, true], [.empty(style: .body)]]))
        let path = try Self.write(writer, in: folder)
        let archive = try ZipArchive(path: path)
        #expect(archive.entry(named: "xl/sharedStrings.xml") == nil)
        let types = try archive.contents(of: #require(archive.entry(named: "[Content_Types].xml")))
        #expect(!String(decoding: types, as: UTF8.self).contains("sharedStrings"))
        #expect(try Self.rows(Workbook(path: path), "数").rows.map { $0.cells.map(\.value) }
            == [[.number(1), .number(2.5), .bool(true)]])
    }

    @Test func writingReplacesAnExistingReportWhole() throws {
        let folder = try ScratchFolder()
        let path = folder.path("report.xlsx")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try SampleReport.workbook().write(to: path)
        #expect(try Workbook(path: path).sheets.count == 4)
        #expect(try folder.contents() == ["report.xlsx"])
    }
}

/// Workbooks Excel would refuse or repair are refused before any file is created.
@Suite("XLSX refusals")
struct XLSXRefusalTests {
    static func refusal(_ sheet: XLSXSheet) throws -> (XLSXWriteError?, [String]) {
        let folder = try ScratchFolder()
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder.path("report.xlsx")))
        var workbook = XLSXWorkbookWriter()
        workbook.addSheet(sheet)
        do {
            try workbook.write(to: folder.path("report.xlsx"))
            return (nil, try folder.contents())
        } catch {
            #expect(try String(contentsOfFile: folder.path("report.xlsx"), encoding: .utf8) == "old")
            return (error as? XLSXWriteError, try folder.contents())
        }
    }

    @Test(arguments: [
        (XLSXSheet(name: "小学", rows: [["a", .number(.nan)]]), "report.xlsx › 小学!B1: the number is nan"),
        (XLSXSheet(name: "小学", rows: [[], [.number(.infinity)]]), "小学!A2: the number is inf"),
        (XLSXSheet(name: "小学", rows: [[.text(String(repeating: "字", count: 32_768))]]), "32768 characters"),
        (XLSXSheet(name: "小学", rows: [[.date(SpreadsheetDate(year: 1899, month: 12, day: 1)!)]]), "1899-12-01"),
        (XLSXSheet(name: "小学", mergedRanges: [CellRange(reference: "A1:C2")!, CellRange(reference: "C2:D3")!]),
         "A1:C2 and C2:D3 overlap"),
        (XLSXSheet(name: "小学", mergedRanges: [CellRange(reference: "B2")!]), "B2 covers a single cell"),
        (XLSXSheet(name: "小学", columnWidths: [3: 300]), "column C has width 300"),
        (XLSXSheet(name: "小学", rowHeights: [2: -1]), "row 2 has height -1"),
        (XLSXSheet(name: "小学", frozenRows: -1), "cannot freeze -1 rows"),
    ])
    func invalidSheetsAreRefused(_ sheet: XLSXSheet, _ words: String) throws {
        let (error, contents) = try Self.refusal(sheet)
        let message = try #require(error).description
        #expect(message.contains(words), "\(message)")
        #expect(message.hasSuffix("nothing was written."))
        #expect(contents == ["report.xlsx"])
    }

    @Test func aWorkbookNeedsASheet() throws {
        let folder = try ScratchFolder()
        #expect(throws: XLSXWriteError.self) { try XLSXWorkbookWriter().write(to: folder.path("empty.xlsx")) }
        #expect(try folder.contents().isEmpty)
    }

    @Test func aMissingFolderNamesTheFile() throws {
        let folder = try ScratchFolder()
        var workbook = XLSXWorkbookWriter()
        workbook.addSheet(XLSXSheet(name: "小学", rows: [["a"]]))
        #expect {
            try workbook.write(to: folder.path("no/such/folder/县A.xlsx"))
        } throws: { error in
            guard case .archive(.cannotCreate) = error as? XLSXWriteError else { return false }
            return "\(error)".contains("no/such/folder/县A.xlsx") && "\(error)".contains("folder exists")
        }
    }
}
