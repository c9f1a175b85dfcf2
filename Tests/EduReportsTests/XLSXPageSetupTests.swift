import EduCore
import EduZip
import Foundation
import Testing
@testable import EduReports

/// XLSXPageSetup as the writer puts it into the package: the worksheet's print parts in schema
/// order, the print titles in workbook.xml.
@Suite("XLSX page setup")
struct XLSXPageSetupTests {
    /// Writes `sheets` and returns workbook.xml and each sheet part, parsed.
    static func written(_ sheets: [XLSXSheet]) throws -> (workbook: ParsedXML, sheets: [ParsedXML]) {
        let folder = try ScratchFolder()
        var writer = XLSXWorkbookWriter(created: SampleReport.created)
        for sheet in sheets { writer.addSheet(sheet) }
        let path = folder.path("print.xlsx")
        try writer.write(to: path)
        let archive = try ZipArchive(path: path)
        func part(_ name: String) throws -> ParsedXML {
            try ParsedXML(archive.contents(of: #require(archive.entry(named: name))))
        }
        return (try part("xl/workbook.xml"), try sheets.indices.map { try part("xl/worksheets/sheet\($0 + 1).xml") })
    }

    static func table(_ name: String, pageSetup: XLSXPageSetup) -> XLSXSheet {
        var sheet = XLSXSheet(name: name, pageSetup: pageSetup)
        sheet.appendTitle("标题", columns: 3)
        sheet.appendHeader(["学校", "学生", "比例"])
        sheet.appendRow(["城关一小", 1_234, 0.5])
        sheet.fitColumnWidths()
        return sheet
    }

    /// Without a page setup a sheet prints as a new Excel sheet on A4 does: no fitting, no
    /// centring, no footer; its frozen rows still repeat.
    @Test func theStandardSetupIsExcelsDefault() throws {
        let (workbook, sheets) = try Self.written([Self.table("表", pageSetup: .standard)])
        #expect(sheets[0].topLevel == ["dimension", "sheetViews", "cols", "sheetData", "mergeCells", "pageMargins", "pageSetup"])
        #expect(sheets[0].first("pageSetup")?.attributes == ["paperSize": "9", "orientation": "portrait"])
        #expect(sheets[0].first("pageMargins")?.attributes == ["left": "0.7", "right": "0.7", "top": "0.75", "bottom": "0.75",
                                                              "header": "0.3", "footer": "0.3"])
        #expect(workbook.all("definedName").map(\.text) == ["'表'!$1:$2"])
    }

    @Test func theReportSetupFitsOnePageWideInSchemaOrder() throws {
        var sheet = Self.table("表", pageSetup: .report)
        sheet.frozenColumns = 1
        let (_, sheets) = try Self.written([sheet])
        let children = sheets[0].topLevel
        #expect(children == ["sheetPr", "dimension", "sheetViews", "cols", "sheetData", "mergeCells", "printOptions", "pageMargins",
                             "pageSetup", "headerFooter"])
        #expect(WorksheetSchema.isInOrder(children))
        #expect(sheets[0].first("pageSetup")?.attributes == ["paperSize": "9", "fitToWidth": "1", "fitToHeight": "0",
                                                            "orientation": "landscape"])
        #expect(sheets[0].first("pageSetUpPr")?.attributes == ["fitToPage": "1"])
        #expect(sheets[0].first("printOptions")?.attributes == ["horizontalCentered": "1"])
        #expect(sheets[0].first("pageMargins")?.attributes["left"] == "0.25")
        #expect(sheets[0].first("oddFooter")?.text == "&C第 &P 页，共 &N 页")
    }

    /// Print titles: the frozen rows by default, chosen rows, or none; one defined name per sheet
    /// that has them, local to it, the sheet's name quoted with its apostrophes doubled.
    @Test func printTitlesNameTheirSheet() throws {
        var chosen = Self.table("O'Brien 表", pageSetup: XLSXPageSetup(titleRows: .rows(2...2)))
        chosen.frozenRows = 0
        let (workbook, _) = try Self.written([
            Self.table("无", pageSetup: XLSXPageSetup(titleRows: .none)), chosen, Self.table("冻结", pageSetup: .report),
        ])
        let names = workbook.all("definedName")
        #expect(names.map { $0.attributes["name"] } == ["_xlnm.Print_Titles", "_xlnm.Print_Titles"])
        #expect(names.map { $0.attributes["localSheetId"] } == ["1", "2"])
        #expect(names.map(\.text) == ["'O''Brien 表'!$2:$2", "'冻结'!$1:$2"])
    }

    @Test(arguments: [
        (XLSXPageSetup(fit: XLSXPageSetup.Fit(pagesWide: 0, pagesTall: 0)), "0 pages wide and 0 tall"),
        (XLSXPageSetup(fit: XLSXPageSetup.Fit(pagesWide: -1, pagesTall: 0)), "-1 pages wide"),
        (XLSXPageSetup(fit: XLSXPageSetup.Fit(pagesWide: 1, pagesTall: 40_000)), "and 40000 tall"),
        (XLSXPageSetup(titleRows: .rows(0...2)), "the print title range (rows 0…2) lies outside"),
        (XLSXPageSetup(margins: XLSXPageSetup.Margins(left: -0.1, right: 0, top: 0, bottom: 0, header: 0, footer: 0)),
         "a page margin of -0.1 inches"),
        (XLSXPageSetup(footer: String(repeating: "页", count: 256)), "the footer is 256 characters long"),
    ])
    func impossibleSetupsAreRefused(_ setup: XLSXPageSetup, _ words: String) throws {
        let (error, contents) = try XLSXRefusalTests.refusal(XLSXSheet(name: "表", rows: [["a"]], pageSetup: setup))
        let message = try #require(error).description
        #expect(message.contains(words), "\(message)")
        #expect(message.hasSuffix("nothing was written."))
        #expect(contents == ["report.xlsx"])
    }
}
