import EduCore
import Foundation
import Testing
@testable import EduXLS

@Suite("sheets of a hand-built workbook")
struct SheetListTests {
    @Test func sheetsAreListedInTheirOrderWithVisibilityWhereverTheirRecordsAre() throws {
        var builder = TestWorkbookBuilder(sheets: [
            .init("封面", records: [BIFF.label("A1", "cover")]),
            .init("隐藏", visibility: 1, records: [BIFF.number("A1", 1)]),
            .init("很隐藏", visibility: 2, records: [BIFF.number("A1", 2)]),
            .init("图表", kind: 2, records: [BIFF.number("A1", 5), BIFF.label("B1", "系列1"), BIFF.rk("A2", RK.integer(6))]),
            .init("Module1", kind: 6, records: [BIFF.record(0x01BA, BIFF.unicodeString("Module1"))]),
            .init("Macro1", kind: 1, records: [BIFF.number("A1", 7)]),
        ])
        builder.streamOrder = [5, 3, 4, 2, 1, 0]
        let workbook = try builder.open()
        #expect(workbook.version == .biff8 && workbook.streamName == "Workbook" && workbook.codePage == nil)
        #expect(workbook.sheets == [
            SheetDescription(index: 0, name: "封面"), SheetDescription(index: 1, name: "隐藏", visibility: .hidden),
            SheetDescription(index: 2, name: "很隐藏", visibility: .veryHidden), SheetDescription(index: 3, name: "图表"),
            SheetDescription(index: 4, name: "Macro1"),
        ])
        #expect(workbook.sheet(named: "Module1") == nil, "a VBA module is not listed")
        #expect(try workbook.cells(0) == ["A1": .string("cover")])
        #expect(try workbook.cells(1) == ["A1": .number(1)])
        #expect(try workbook.cells(2) == ["A1": .number(2)])
        #expect(try workbook.table(3).rows.isEmpty, "a chart sheet's cached series values are not cells")
        #expect(try workbook.cells(4) == ["A1": .number(7)])
        let sheet = try #require(workbook.sheet(named: "很隐藏"))
        #expect(try workbook.readSheet(sheet).sheet == sheet)
    }

    @Test func aHiddenStateByteWithOtherBitsSet() throws {
        let builder = TestWorkbookBuilder(sheets: [.init("A", visibility: 0xFD), .init("B", visibility: 0x03)])
        let workbook = try builder.open()
        #expect(workbook.sheets.map(\.visibility) == [.hidden, .visible])
    }

    @Test func aBIFF8CodePageIsToldButTextIsUnicode() throws {
        var builder = TestWorkbookBuilder(sheets: [.init("学校", records: [BIFF.label("A1", "Zürich 学校")])])
        builder.codePage = 1200
        let workbook = try builder.open()
        #expect(workbook.codePage == 1200 && workbook.warnings.isEmpty)
        #expect(try workbook.cells() == ["A1": .string("Zürich 学校")])
    }

    @Test func aWorkbookWithoutSheets() throws {
        let workbook = try TestWorkbookBuilder().open()
        #expect(workbook.sheets.isEmpty)
    }

    @Test func aChartNestedInAWorksheetGivesNoCells() throws {
        let builder = TestWorkbookBuilder.oneSheet([
            BIFF.number("A1", 1),
            BIFF.nestedChart(.biff8, records: [
                BIFF.number("A1", 99), BIFF.label("A2", "系列1"), BIFF.mergedCells(["A1:B2"]), BIFF.number("Z100", 5),
                BIFF.formula("B1", .string), BIFF.string("series name"),
            ]),
            BIFF.label("B2", "after"),
            BIFF.nestedChart(.biff8, records: [BIFF.nestedChart(.biff8, records: [BIFF.number("C3", 98)]), BIFF.number("C1", 97)]),
            BIFF.number("A3", 3),
        ])
        let workbook = try builder.open()
        let reader = try workbook.rows(of: workbook.sheets[0])
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        #expect(rows == [
            Row(number: 1, cells: [Cell(column: 1, value: .number(1))]),
            Row(number: 2, cells: [Cell(column: 2, value: .string("after"))]),
            Row(number: 3, cells: [Cell(column: 1, value: .number(3))]),
        ])
        #expect(reader.mergedRanges.isEmpty)
    }

    @Test func mergedRanges() throws {
        let builder = TestWorkbookBuilder.oneSheet([
            BIFF.number("A1", 1),
            BIFF.mergedCells(["A1:C1", "A2:A4"]),
            BIFF.mergedCells(raw: [(5, 5, 1, 1), (3, 1, 0, 0), (9, 10, 2, 4), (0, 0, 5, 2)]),
        ])
        let workbook = try builder.open()
        let reader = try workbook.rows(of: workbook.sheets[0])
        while try reader.nextRow() != nil {}
        #expect(reader.mergedRanges.map(\.reference) == ["A1:C1", "A2:A4", "C10:E11"], "single-cell and reversed ranges are dropped")
    }

    @Test func aMergedCellCountLargerThanTheRecordHolds() throws {
        let builder = TestWorkbookBuilder.oneSheet([
            BIFF.number("A1", 1), BIFF.number("A2", 2), BIFF.mergedCells(["A1:B1"], count: 5), BIFF.number("A3", 3),
        ])
        try builder.withFile { path in
            let workbook = try XLSWorkbook(path: path)
            let reader = try workbook.rows(of: workbook.sheets[0])
            #expect(try reader.nextRow()?.number == 1)
            #expect(try reader.nextRow()?.number == 2)
            let error = expectXLSError(.tableTooLarge(what: "merged cell list", claimed: 5, limit: 8)) { _ = try reader.nextRow() }
            #expect(error?.description == "\(path) › Sheet1: the merged cell list claims 5 entries, more than its 8 bytes can hold; "
                + "the file is damaged.")
            #expect(try reader.nextRow() == nil, "the error is told once")
        }
    }
}

@Suite("rows streamed from a sheet")
struct RowStreamingTests {
    /// Every row of the first sheet, read one call at a time.
    static func rows(_ workbook: XLSWorkbook) throws -> [Row] {
        let reader = try workbook.rows(of: workbook.sheets[0])
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return rows
    }

    @Test func cellsInRowOrderComeOutRowByRow() throws {
        let builder = TestWorkbookBuilder.oneSheet([
            BIFF.number("A1", 1), BIFF.label("C1", "c"),
            BIFF.mulrk("B2", [(0, RK.integer(2)), (0, RK.integer(3))]),
            BIFF.blank("A4"),
            BIFF.number("A5", 5),
            BIFF.number("A6", 6), BIFF.labelSST("B6", 9),  // no shared strings at all
        ])
        try builder.withFile { path in
            let workbook = try XLSWorkbook(path: path)
            let reader = try workbook.rows(of: workbook.sheets[0])
            // Each row is handed out before the records after it are decoded: the bad cell in
            // row 6 is met only once rows 1, 2 and 5 are out.
            #expect(try reader.nextRow() == Row(number: 1, cells: [Cell(column: 1, value: .number(1)), Cell(column: 3, value: .string("c"))]))
            #expect(try reader.nextRow() == Row(number: 2, cells: [Cell(column: 2, value: .number(2)), Cell(column: 3, value: .number(3))]))
            #expect(try reader.nextRow() == Row(number: 5, cells: [Cell(column: 1, value: .number(5))]))
            let error = expectXLSError(.sharedStringOutOfRange(index: 9, count: 0)) { _ = try reader.nextRow() }
            #expect(error?.description.hasPrefix("\(path) › Sheet1!B6: ") == true)
        }
    }

    @Test func cellsOutOfRowOrderAreReturnedSorted() throws {
        let builder = TestWorkbookBuilder.oneSheet([
            BIFF.number("A3", 31), BIFF.number("C3", 33),
            BIFF.label("B1", "b1"), BIFF.label("A1", "a1"),
            BIFF.formula("C2", .string), BIFF.string("公式"),
            BIFF.mulrk("A10", [(0, RK.integer(101)), (0, RK.integer(102))]),
            BIFF.number("B3", 32),
        ])
        let rows = try Self.rows(builder.open())
        #expect(rows == [
            Row(number: 1, cells: [Cell(column: 1, value: .string("a1")), Cell(column: 2, value: .string("b1"))]),
            Row(number: 2, cells: [Cell(column: 3, value: .string("公式"))]),
            Row(number: 3, cells: [Cell(column: 1, value: .number(31)), Cell(column: 2, value: .number(32)), Cell(column: 3, value: .number(33))]),
            Row(number: 10, cells: [Cell(column: 1, value: .number(101)), Cell(column: 2, value: .number(102))]),
        ])
    }

    /// Out of row order the whole sheet is decoded first; a bad cell ends that, and its error follows
    /// the rows read before it, its own row left out.
    @Test func outOfOrderCellsAreAllDecodedBeforeTheFirstRow() throws {
        let builder = TestWorkbookBuilder.oneSheet([
            BIFF.number("A2", 2), BIFF.number("A1", 1), BIFF.number("A3", 3), BIFF.labelSST("B3", 4), BIFF.number("A4", 4),
        ])
        let workbook = try builder.open()
        let reader = try workbook.rows(of: workbook.sheets[0])
        #expect(try reader.nextRow() == Row(number: 1, cells: [Cell(column: 1, value: .number(1))]))
        #expect(try reader.nextRow() == Row(number: 2, cells: [Cell(column: 1, value: .number(2))]))
        expectXLSError(.sharedStringOutOfRange(index: 4, count: 0)) { _ = try reader.nextRow() }
        #expect(try reader.nextRow() == nil)
    }

    /// A bad cell that starts a row: the row before it is complete and is handed out first.
    @Test func aBadCellStartingARowComesAfterTheRowBeforeIt() throws {
        let builder = TestWorkbookBuilder.oneSheet([BIFF.number("A1", 1), BIFF.number("B1", 2), BIFF.labelSST("A2", 9), BIFF.number("B2", 3)])
        let workbook = try builder.open()
        let reader = try workbook.rows(of: workbook.sheets[0])
        #expect(try reader.nextRow() == Row(number: 1, cells: [Cell(column: 1, value: .number(1)), Cell(column: 2, value: .number(2))]))
        let error = expectXLSError(.sharedStringOutOfRange(index: 9, count: 0)) { _ = try reader.nextRow() }
        #expect(error?.location.cell == CellPosition(row: 2, column: 1))
    }

    /// A damaged (short) XF record keeps its place, so the cell formats after it keep their indexes.
    @Test func aShortXFRecordKeepsTheFormatIndexesAfterIt() throws {
        var builder = TestWorkbookBuilder.oneSheet([BIFF.number("A1", 45_000, xf: 2)])
        builder.xfFormats = [0]
        builder.moreGlobals = [BIFF.record(RecordType.xf, [0, 0]), BIFF.xf(.biff8, format: 14)]
        #expect(try builder.open().table().rows.first?.cells.first?.value == .date(SpreadsheetDate(serial: 45_000)))
    }

    @Test(arguments: [false, true])
    func ofTwoCellsInOneColumnTheLastWins(outOfOrder: Bool) throws {
        var records = [
            BIFF.number("A1", 1), BIFF.label("B1", "b"), BIFF.label("A1", "replaced"), BIFF.number("C1", 3), BIFF.boolean("B1", true),
            BIFF.number("A2", 2), BIFF.number("A2", 22),
        ]
        if outOfOrder { records.insert(BIFF.number("D5", 5), at: 0) }
        let rows = try Self.rows(TestWorkbookBuilder.oneSheet(records).open())
        var expected = [
            Row(number: 1, cells: [Cell(column: 1, value: .string("replaced")), Cell(column: 2, value: .bool(true)), Cell(column: 3, value: .number(3))]),
            Row(number: 2, cells: [Cell(column: 1, value: .number(22))]),
        ]
        if outOfOrder { expected.append(Row(number: 5, cells: [Cell(column: 4, value: .number(5))])) }
        #expect(rows == expected)
    }

    @Test func columnsOutOfOrderWithinARowAreSorted() throws {
        let rows = try Self.rows(TestWorkbookBuilder.oneSheet([
            BIFF.number("C1", 3), BIFF.number("A1", 1), BIFF.number("B1", 2), BIFF.number("B2", 5),
        ]).open())
        #expect(rows.first?.cells.map(\.column) == [1, 2, 3])
        #expect(rows.count == 2)
    }

    @Test func aLongSheetIsReadRowByRow() throws {
        let records = (1...2000).map { BIFF.rk("B\($0)", RK.integer(Int32($0))) }
        let rows = try Self.rows(TestWorkbookBuilder.oneSheet(records).open())
        #expect(rows.count == 2000)
        #expect(rows.last == Row(number: 2000, cells: [Cell(column: 2, value: .number(2000))]))
    }
}

@Suite("dates and durations")
struct DateCellTests {
    /// XF 1: built-in 14 (m/d/yyyy); 2: custom yyyy"年"m"月"d"日"; 3: custom [h]:mm; 4: built-in 22 (m/d/yyyy h:mm);
    /// 5: built-in 46 ([h]:mm:ss); 6: custom 0.00 (a number); 7: built-in 31 (zh-CN yyyy"年"m"月"d"日").
    static func builder(_ records: [[UInt8]]) -> TestWorkbookBuilder {
        var builder = TestWorkbookBuilder.oneSheet(records)
        builder.formats = [BIFF.format(164, "yyyy\"年\"m\"月\"d\"日\""), BIFF.format(165, "[h]:mm"), BIFF.format(166, "0.00")]
        builder.xfFormats = [0, 14, 164, 165, 22, 46, 166, 31]
        return builder
    }

    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> CellValue {
        guard let date = SpreadsheetDate(year: year, month: month, day: day, hour: hour, minute: minute) else { return .string("bad date") }
        return .date(date)
    }

    @Test func builtInAndCustomDateFormats() throws {
        let cells = try Self.builder([
            BIFF.number("A1", 45000, xf: 1), BIFF.number("B1", 45000, xf: 2), BIFF.rk("C1", RK.integer(45000), xf: 2),
            BIFF.number("D1", 45000.5, xf: 4), BIFF.number("E1", 45000, xf: 7), BIFF.number("F1", 45000, xf: 6),
            BIFF.mulrk("A2", [(1, RK.integer(44927)), (0, RK.integer(44927))]),
            BIFF.formula("A3", .number(45000), xf: 2),
        ]).open().cells()
        #expect(cells == [
            "A1": Self.date(2023, 3, 15), "B1": Self.date(2023, 3, 15), "C1": Self.date(2023, 3, 15), "D1": Self.date(2023, 3, 15, 12),
            "E1": Self.date(2023, 3, 15), "F1": .number(45000),
            "A2": Self.date(2023, 1, 1), "B2": .number(44927),
            "A3": Self.date(2023, 3, 15),
        ])
        if case .date(let date) = cells["D1"] { #expect(date.iso8601 == "2023-03-15T12:00:00") }
    }

    @Test func durations() throws {
        let cells = try Self.builder([BIFF.number("A1", 1.5, xf: 3), BIFF.number("B1", 0.25, xf: 5), BIFF.number("C1", -0.5, xf: 3)])
            .open().cells()
        #expect(cells == ["A1": .duration(1.5), "B1": .duration(0.25), "C1": .duration(-0.5)])
    }

    @Test func serialsExcelCannotShowAsDatesStayNumbers() throws {
        let cells = try Self.builder([
            BIFF.number("A1", -1, xf: 1), BIFF.number("B1", 2_958_466, xf: 1), BIFF.number("C1", 1e12, xf: 2),
            BIFF.number("D1", 0, xf: 1), BIFF.number("E1", 2_958_465.5, xf: 1),
        ]).open().cells()
        #expect(cells["A1"] == .number(-1) && cells["B1"] == .number(2_958_466) && cells["C1"] == .number(1e12))
        #expect(cells["D1"] == .date(SpreadsheetDate(serial: 1)), "serial 0 is Excel's 1900-01-00, shifted as serials below 60 are")
        #expect(cells["E1"] == Self.date(9999, 12, 31, 12))
    }

    @Test func the1904DateSystem() throws {
        var builder = Self.builder([BIFF.number("A1", 0, xf: 1), BIFF.number("B1", 43538, xf: 2), BIFF.number("C1", -1, xf: 1)])
        builder.uses1904DateSystem = true
        let workbook = try builder.open()
        #expect(workbook.uses1904DateSystem)
        #expect(try workbook.cells() == ["A1": Self.date(1904, 1, 1), "B1": Self.date(2023, 3, 15), "C1": .number(-1)])
        #expect(try Self.builder([]).open().uses1904DateSystem == false)
    }

    @Test func anXFIndexPastTheFormatsIsANumber() throws {
        let cells = try Self.builder([BIFF.number("A1", 45000, xf: 8), BIFF.number("B1", 45000, xf: 0xFFFF)]).open().cells()
        #expect(cells == ["A1": .number(45000), "B1": .number(45000)])
    }
}

@Suite("BIFF5 workbooks")
struct BIFF5Tests {
    /// GBK (code page 936) bytes: 学校 d1a7 d0a3, 小学 d0a1 d1a7, 镕 e946 (GBK, not GB 2312), 合计 bacf bcc6.
    static let school: [UInt8] = [0xD1, 0xA7, 0xD0, 0xA3]
    static let primary: [UInt8] = [0xD0, 0xA1, 0xD1, 0xA7]
    static let rong: [UInt8] = [0xE9, 0x46]
    static let total: [UInt8] = [0xBA, 0xCF, 0xBC, 0xC6]
    /// yyyy"年"m"月"d"日" in GBK.
    static let dateFormat: [UInt8] = Array("yyyy\"".utf8) + [0xC4, 0xEA] + Array("\"m\"".utf8) + [0xD4, 0xC2] + Array("\"d\"".utf8)
        + [0xC8, 0xD5] + Array("\"".utf8)

    static func builder(codePage: UInt16?, sheetName: [UInt8] = primary, _ records: [[UInt8]]) -> TestWorkbookBuilder {
        var builder = TestWorkbookBuilder(.biff5, sheets: [.init("?", nameBytes: sheetName, records: records)])
        builder.codePage = codePage
        return builder
    }

    @Test func gbkTextInCodePage936() throws {
        var builder = Self.builder(codePage: 936, [
            BIFF.label("A1", bytes: Self.school), BIFF.label("B1", bytes: Self.rong), BIFF.label("C1", bytes: Array("No.1".utf8)),
            BIFF.rstring("A2", bytes: Self.primary, runs: [(0, 1)]),
            BIFF.formula("B2", .string), BIFF.string(bytes: Self.total),
            BIFF.number("C2", 45000, xf: 1), BIFF.label("D2", bytes: []),
            BIFF.nestedChart(.biff5, records: [BIFF.label("A9", bytes: Self.school)]),
        ])
        builder.formats = [BIFF.format(164, bytes: Self.dateFormat)]
        builder.xfFormats = [0, 164]
        let workbook = try builder.open()
        #expect(workbook.version == .biff5 && workbook.streamName == "Book" && workbook.codePage == 936)
        #expect(workbook.sheets == [SheetDescription(index: 0, name: "小学")])
        #expect(workbook.warnings.isEmpty)
        #expect(try workbook.cells() == [
            "A1": .string("学校"), "B1": .string("镕"), "C1": .string("No.1"),
            "A2": .string("小学"), "B2": .string("合计"), "C2": .date(SpreadsheetDate(serial: 45000)),
        ])
    }

    @Test func gb2312TextInMacCodePage10008() throws {
        let builder = Self.builder(codePage: 10008, sheetName: Self.school, [
            BIFF.label("A1", bytes: [0xD1, 0xA7, 0xC9, 0xFA, 0xCA, 0xFD]), BIFF.label("A2", bytes: Self.rong),
        ])
        try builder.withFile { path in
            let workbook = try XLSWorkbook(path: path)
            #expect(workbook.codePage == 10008 && workbook.sheets.map(\.name) == ["学校"])
            let reader = try workbook.rows(of: workbook.sheets[0])
            let first = try reader.nextRow()
            #expect(first == Row(number: 1, cells: [Cell(column: 1, value: .string("学生数"))]))
            let second = try #require(try reader.nextRow())
            // 镕 is not in GB 2312: iconv refuses its lead byte, which becomes U+FFFD (glibc: "\u{FFFD}F").
            guard case .string(let text) = second.cells.first?.value else {
                Issue.record("not a string: \(second)")
                return
            }
            #expect(text.hasPrefix("\u{FFFD}") && !text.contains("镕"), "\(text.unicodeScalars.map(\.value))")
            #expect(try reader.nextRow() == nil)
            #expect(reader.warnings.map(\.description) == [
                "\(path) › 学校: bytes not valid in code page 10008 were replaced with U+FFFD",
            ])
        }
    }

    @Test func aCodePageIconvDoesNotKnowIsReadAsWindows1252WithAWarning() throws {
        let builder = Self.builder(codePage: 12345, sheetName: Array("Sheet1".utf8), [
            BIFF.label("A1", bytes: Array("Total".utf8)), BIFF.label("A2", bytes: [0x5A, 0xFC, 0x72, 0x69, 0x63, 0x68]),
        ])
        try builder.withFile { path in
            let workbook = try XLSWorkbook(path: path)
            #expect(workbook.codePage == 12345)
            let message = "\(path): the workbook's code page 12345 is not one this system can convert; "
                + "its text was read as Windows-1252 and may be wrong"
            #expect(workbook.warnings.map(\.description) == [message])
            var reader = try workbook.rows(of: workbook.sheets[0])
            var table = try SheetTable(reading: &reader)
            #expect(table.cellsByReference == ["A1": .string("Total"), "A2": .string("Zürich")])
            #expect(reader.warnings.map(\.description) == [message], "told with the first sheet")
            table = try workbook.table()
            #expect(table.rows.count == 2)
        }
    }

    @Test func withoutACodePageTextIsWindows1252() throws {
        let workbook = try Self.builder(codePage: nil, sheetName: [0x43, 0x61, 0x66, 0xE9], [
            BIFF.label("A1", bytes: [0x80, 0x20, 0x35]),
        ]).open()
        #expect(workbook.codePage == nil && workbook.warnings.isEmpty)
        #expect(workbook.sheets.map(\.name) == ["Café"])
        #expect(try workbook.cells() == ["A1": .string("€ 5")])
    }

    @Test func biff5CellsAndSheetKinds() throws {
        var builder = TestWorkbookBuilder(.biff5, sheets: [
            .init("Data", records: [
                BIFF.number("A1", 1.5), BIFF.rk("B1", RK.integer(2)), BIFF.mulrk("C1", [(0, RK.integer(3)), (0, RK.float(4))]),
                BIFF.boolean("A2", true), BIFF.error("B2", code: 0x07), BIFF.formula("C2", .number(9)), BIFF.formula("D2", .bool(false)),
                BIFF.mergedCells(["A3:B3"]),
            ]),
            .init("Chart1", kind: 2, records: [BIFF.number("A1", 5)]),
            .init("Hidden", visibility: 1, records: [BIFF.label("A1", bytes: Array("h".utf8))]),
        ])
        builder.codePage = 1252
        let workbook = try builder.open()
        #expect(workbook.sheets.map(\.name) == ["Data", "Chart1", "Hidden"])
        #expect(workbook.sheets.map(\.visibility) == [.visible, .visible, .hidden])
        #expect(try workbook.cells(0) == [
            "A1": .number(1.5), "B1": .number(2), "C1": .number(3), "D1": .number(4),
            "A2": .bool(true), "B2": .error("#DIV/0!"), "C2": .number(9), "D2": .bool(false),
        ])
        #expect(try workbook.table(0).mergedRanges.map(\.reference) == ["A3:B3"])
        #expect(try workbook.table(1).rows.isEmpty)
        #expect(try workbook.cells(2) == ["A1": .string("h")])
    }

    @Test func workbookIsReadWhenBookIsThereToo() throws {
        let biff5 = Self.builder(codePage: 936, [BIFF.label("A1", bytes: Self.school)])
        let biff8 = TestWorkbookBuilder(sheets: [.init("小学", records: [BIFF.label("A1", "from Workbook")])])
        let orders: [[(name: String, bytes: [UInt8])]] = [
            [("Book", biff5.stream()), ("Workbook", biff8.stream())], [("Workbook", biff8.stream()), ("Book", biff5.stream())],
        ]
        for streams in orders {
            let bytes = TestCompoundFileBuilder(streams: streams).build().bytes
            let workbook = try TestFiles.with(bytes) { try XLSWorkbook(path: $0) }
            #expect(workbook.version == .biff8 && workbook.streamName == "Workbook")
            #expect(try workbook.cells() == ["A1": .string("from Workbook")])
        }
    }

    @Test func aStreamNamedInAnotherCaseAndItsBOFDecideTheVersion() throws {
        let biff8 = TestWorkbookBuilder.oneSheet([BIFF.label("A1", "eight")])
        let inBook = try TestFiles.with(TestCompoundFileBuilder(streams: [("BOOK", biff8.stream())]).build().bytes) { try XLSWorkbook(path: $0) }
        #expect(inBook.version == .biff8 && inBook.streamName == "BOOK")
        #expect(try inBook.cells() == ["A1": .string("eight")])
        let biff5 = Self.builder(codePage: 936, [BIFF.label("A1", bytes: Self.school)])
        let inWorkbook = try TestFiles.with(TestCompoundFileBuilder(streams: [("workbook", biff5.stream())]).build().bytes) {
            try XLSWorkbook(path: $0)
        }
        #expect(inWorkbook.version == .biff5 && inWorkbook.streamName == "workbook")
        #expect(try inWorkbook.cells() == ["A1": .string("学校")])
    }
}
