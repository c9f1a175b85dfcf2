import EduCore
import EduReports
import EduXLSX
import EduZip
import Foundation
import Testing

/// The county summary workbook as it prints (issue 13, point 10): every sheet landscape on A4,
/// shrunk to one page wide, its title and header rows repeated on each page, the title merged
/// across the whole table, the pane frozen at the first data row, the parts in schema order.
/// Read from the written package by XMLParser, by the project's reader, and by openpyxl.
@Suite("County report workbook prints one page wide")
struct CountyReportPrintTests {
    static let sheetNames = ["小学差异系数", "初中差异系数", "学校指标", "未达标学校", "班额与规模", "县级指标", "城乡对比", "说明"]
    /// Title in row 1, header in row 2, data from row 3.
    static let headerRow = 2

    struct Written {
        let folder: ScratchFolder
        let path: String
        let archive: ZipArchive

        init() throws {
            folder = try ScratchFolder()
            path = try CountyReportTests.export([.xlsx], in: folder)[0]
            archive = try ZipArchive(path: path)
        }

        func part(_ name: String) throws -> ParsedXML {
            try ParsedXML(archive.contents(of: #require(archive.entry(named: name))))
        }
    }

    @Test func everySheetPrintsLandscapeOnePageWide() throws {
        let written = try Written()
        let sheets = try written.part("xl/workbook.xml").all("sheet").map { $0.attributes["name"] ?? "" }
        #expect(sheets == Self.sheetNames)
        for (index, name) in sheets.enumerated() {
            let sheet = try written.part("xl/worksheets/sheet\(index + 1).xml")
            #expect(sheet.first("pageSetUpPr")?.attributes["fitToPage"] == "1", "\(name)")
            let setup = try #require(sheet.first("pageSetup")?.attributes, "\(name)")
            #expect(setup["orientation"] == "landscape", "\(name)")
            #expect(setup["fitToWidth"] == "1" && setup["fitToHeight"] == "0", "\(name): \(setup)")
            #expect(setup["paperSize"] == "9", "\(name): A4")
            #expect(sheet.first("printOptions")?.attributes["horizontalCentered"] == "1", "\(name)")
            let margins = try #require(sheet.first("pageMargins")?.attributes, "\(name)")
            #expect(margins["left"] == "0.25" && margins["right"] == "0.25" && margins["top"] == "0.75", "\(name): \(margins)")
            #expect(sheet.first("oddFooter")?.text == "&C第 &P 页，共 &N 页", "\(name)")
        }
    }

    @Test func partsAreInTheWorksheetSchemasOrder() throws {
        let written = try Written()
        for index in Self.sheetNames.indices {
            let children = try written.part("xl/worksheets/sheet\(index + 1).xml").topLevel
            #expect(children == ["sheetPr", "dimension", "sheetViews", "cols", "sheetData", "mergeCells", "printOptions",
                                 "pageMargins", "pageSetup", "headerFooter"], "\(Self.sheetNames[index])")
            #expect(WorksheetSchema.isInOrder(children), "\(Self.sheetNames[index]): \(children)")
        }
        // CT_Workbook: workbookPr, bookViews, sheets, then definedNames.
        #expect(try written.part("xl/workbook.xml").topLevel == ["workbookPr", "bookViews", "sheets", "definedNames"])
    }

    /// Rows 1 (title) and 2 (header) repeat on every page; the pane is frozen below them, at
    /// the first data row (and right of the school's code and name on 学校指标).
    @Test func titleAndHeaderRowsRepeatAndStayInView() throws {
        let written = try Written()
        let titles = try written.part("xl/workbook.xml").all("definedName").filter { $0.attributes["name"] == "_xlnm.Print_Titles" }
        #expect(titles.map { $0.attributes["localSheetId"] ?? "" } == Self.sheetNames.indices.map(String.init))
        #expect(titles.map(\.text) == Self.sheetNames.map { "'\($0)'!$1:$\(Self.headerRow)" })
        let reader = try Workbook(path: written.path)
        for (index, name) in Self.sheetNames.enumerated() {
            let pane = try #require(written.part("xl/worksheets/sheet\(index + 1).xml").first("pane")?.attributes, "\(name)")
            #expect(pane["state"] == "frozen" && pane["ySplit"] == "\(Self.headerRow)", "\(name): \(pane)")
            #expect(pane["topLeftCell"] == (name == "学校指标" ? "D3" : "A3"), "\(name): \(pane)")
            let rows = try reader.readSheet(#require(reader.sheet(named: name))).rows
            // The first row below the frozen header holds data (a school, an indicator, a note's field).
            #expect(rows[2].number == Self.headerRow + 1 && !rows[2].cells.isEmpty, "\(name)")
        }
    }

    /// The title cell is merged across every column of the table's header, so it centres over
    /// the table (not over the page or column A).
    @Test func titleIsMergedAcrossTheWholeTable() throws {
        let written = try Written()
        let reader = try Workbook(path: written.path)
        for (index, name) in Self.sheetNames.enumerated() {
            let table = try reader.readSheet(#require(reader.sheet(named: name)))
            let header = table.rows[1]
            let width = try #require(header.cells.last?.column)
            #expect(header.number == Self.headerRow && header.cells.map(\.column) == Array(1...width), "\(name)")
            #expect(width >= 2, "\(name)")
            let merges = try written.part("xl/worksheets/sheet\(index + 1).xml").all("mergeCell").compactMap { $0.attributes["ref"] }
            #expect(merges.contains("A1:\(CellPosition.columnName(width))1"), "\(name): \(merges)")
            #expect(table.mergedRanges.first { $0.first.row == 1 }?.columnCount == width, "\(name)")
        }
    }

    /// 说明's long texts wrap in their 90-character column; LibreOffice printed such a row one
    /// line high, showing only its last line, so the row carries a height for its lines.
    @Test func wrappedNotesRowsAreTallEnoughToPrintWhole() throws {
        let written = try Written()
        let reader = try Workbook(path: written.path)
        let rows = try reader.readSheet(#require(reader.sheet(named: "说明"))).rows
        let shared = try #require(rows.first { CountyReportTests.text($0, 2) == ReportLabels.sharedFiguresNote })
        let short = try #require(rows.first { CountyReportTests.text($0, 1) == "学年" })
        let notesPart = "xl/worksheets/sheet\((Self.sheetNames.firstIndex(of: "说明") ?? 0) + 1).xml"
        let heights = try written.part(notesPart).all("row").reduce(into: [Int: Double]()) { heights, row in
            if let number = row.attributes["r"].flatMap(Int.init), let height = row.attributes["ht"].flatMap(Double.init) {
                heights[number] = height
            }
        }
        // 63 full-width characters, 126 widths: two lines of about 15 points.
        #expect(heights[shared.number].map { $0 >= 30 } == true, "\(heights)")
        #expect(heights[short.number] == nil, "a one-line row keeps the default height")
    }

    static let openpyxlScript = """
        import json, sys, warnings
        warnings.simplefilter("error")
        import openpyxl
        workbook = openpyxl.load_workbook(sys.argv[1])
        sheets = {}
        for sheet in workbook.worksheets:
            setup = sheet.page_setup
            title = sheet["A1"]
            sheets[sheet.title] = {
                "orientation": setup.orientation, "paper": str(setup.paperSize), "wide": setup.fitToWidth,
                "tall": setup.fitToHeight, "fitToPage": bool(sheet.sheet_properties.pageSetUpPr.fitToPage),
                "centred": bool(sheet.print_options.horizontalCentered), "titles": sheet.print_title_rows,
                "freeze": sheet.freeze_panes, "merged": [str(r) for r in sheet.merged_cells.ranges if r.min_row == 1],
                "headerWidth": max(c.column for c in sheet[2] if c.value is not None),
                "titleAlignment": title.alignment.horizontal, "footer": sheet.oddFooter.center.text}
        print(json.dumps(sheets, ensure_ascii=False))
        """

    /// openpyxl (warnings as errors, so nothing it would have to repair) reads the same page setup.
    @Test(.enabled(if: Tools.openpyxl, "openpyxl is not installed"))
    func openpyxlReadsThePageSetup() throws {
        let written = try Written()
        let sheets = try #require(try Tools.pythonJSON(Self.openpyxlScript, [written.path]) as? [String: [String: Any]])
        #expect(Set(sheets.keys) == Set(Self.sheetNames))
        for (name, seen) in sheets {
            #expect(seen["orientation"] as? String == "landscape", "\(name)")
            #expect(seen["paper"] as? String == "9", "\(name)")
            #expect(seen["wide"] as? Int == 1 && seen["tall"] as? Int == 0, "\(name): \(seen)")
            #expect(seen["fitToPage"] as? Bool == true && seen["centred"] as? Bool == true, "\(name)")
            #expect(seen["titles"] as? String == "$1:$2", "\(name)")
            #expect(seen["freeze"] as? String == (name == "学校指标" ? "D3" : "A3"), "\(name)")
            let width = try #require(seen["headerWidth"] as? Int, "\(name)")
            #expect(seen["merged"] as? [String] == ["A1:\(CellPosition.columnName(width))1"], "\(name)")
            #expect(seen["titleAlignment"] as? String == "center", "\(name)")
            #expect(seen["footer"] as? String == "第 &P 页，共 &N 页", "\(name)")
        }
    }
}
