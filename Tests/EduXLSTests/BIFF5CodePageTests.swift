import EduCore
import EduTestSupport
import EduXLS
import Foundation
import Testing

/// Issue 12: BIFF5 (Excel 5.0/95) workbooks whose 8-bit text is in a Chinese code page read with
/// correct Chinese: cell labels, RSTRING cells, formula string results (STRING), sheet names and
/// number formats. Fixtures/hand_biff5_gb2312.xls (CODEPAGE 10008, Mac Simplified Chinese: GB 2312,
/// which python-calamine refuses with "Codepage 2718 not found") and hand_biff5_gbk.xls (CODEPAGE 936
/// with characters outside GB 2312), written by Scripts/fixtures/make_xls_fixtures.py.
@Suite struct BIFF5CodePageTests {
    static func open(_ name: String) throws -> XLSWorkbook {
        try XLSWorkbook(path: XLSProducerFixtureTests.path(name))
    }

    /// Every cell of `sheet` by reference.
    static func cells(_ workbook: XLSWorkbook, _ sheet: String) throws -> [String: CellValue] {
        let description = try #require(workbook.sheet(named: sheet), "no sheet \(sheet) in \(workbook.sheets.map(\.name))")
        let table = try workbook.readSheet(description)
        var cells: [String: CellValue] = [:]
        for row in table.rows {
            for cell in row.cells { cells[row.position(of: cell).reference] = cell.value }
        }
        return cells
    }

    /// A date cell's ISO text, nil for any other value.
    static func date(_ value: CellValue?) -> String? {
        if case .date(let date) = value { return date.iso8601 }
        return nil
    }

    static func strings(_ workbook: XLSWorkbook) throws -> [String] {
        try CellDumpComparison.dump(workbook).values.compactMap { $0["type"] as? String == "string" ? $0["value"] as? String : nil }
    }

    @Test func codePage10008IsReadAsGB2312() throws {
        let workbook = try Self.open("hand_biff5_gb2312.xls")
        #expect(workbook.version == .biff5)
        #expect(workbook.streamName == "Book")
        #expect(workbook.codePage == 10008)
        #expect(workbook.warnings.isEmpty, "\(workbook.warnings)")
        #expect(workbook.sheets.map(\.name) == ["小学基本情况", "说明"])
        #expect(workbook.sheets.map(\.visibility) == [.visible, .hidden])

        let cells = try Self.cells(workbook, "小学基本情况")
        #expect(cells["A1"] == .string("某县2024年小学基本情况统计表"))              // LABEL
        #expect(cells["A4"] == .string("城关镇第二小学"))                           // RSTRING
        #expect(cells["B3"] == .string("2136000001"))                              // a code kept as text
        #expect(cells["A12"] == .string("城关镇第一小学（本部）"))                   // FORMULA + STRING
        #expect(Self.date(cells["B8"]) == "2024-09-30")                             // FORMAT in GB 2312
        #expect(Self.date(cells["B9"]) == "2024-08-31")                             // built-in format 14
        #expect(cells["B10"] == .duration(0.75))                                   // h:mm
        #expect(cells["C6"] == .number(2417))                                      // a SUM's cached result
        #expect(cells["E3"] == .number(18.53))                                     // RK x 100
        #expect(cells["C11"] == .error("#DIV/0!"))

        let reader = try workbook.rows(of: workbook.sheets[0])
        while try reader.nextRow() != nil {}
        #expect(Set(reader.mergedRanges.map(\.reference)) == ["A1:E1", "A6:B6"])
        #expect(reader.warnings.isEmpty, "\(reader.warnings)")

        let notes = try Self.cells(workbook, "说明")
        #expect(notes["A1"] == .string("本表由手工编写的BIFF5写入器生成，代码页10008（GB 2312）。"))
        #expect(try Self.strings(workbook).allSatisfy { !$0.contains("\u{FFFD}") })
    }

    @Test func codePage936ReadsCharactersOutsideGB2312() throws {
        let workbook = try Self.open("hand_biff5_gbk.xls")
        #expect(workbook.version == .biff5)
        #expect(workbook.codePage == 936)
        #expect(workbook.warnings.isEmpty, "\(workbook.warnings)")
        #expect(workbook.sheets.map(\.name) == ["堃園學校教師名冊", "汇总"])

        let roster = try Self.cells(workbook, "堃園學校教師名冊")
        #expect(roster["B2"] == .string("王堃"))
        #expect(roster["B5"] == .string("刘喆"))
        #expect(roster["F1"] == .string("月津贴(元)"))
        #expect(roster.count == 6 + 60 * 6 + 2)
        let summary = try Self.cells(workbook, "汇总")
        #expect(summary["A3"] == .string("喆、堃、學、廳均为GBK字符，不在GB 2312中"))
        #expect(try Self.strings(workbook).allSatisfy { !$0.contains("\u{FFFD}") })
    }

    /// The FORMAT 0\廳 (廳 is 8F 64 in GBK, its second byte "d") is a number format once decoded;
    /// classified from its raw bytes it would look like a date and B2 would read as 1900-01-03
    /// (python-calamine does that).
    @Test func aNumberFormatIsClassifiedAfterDecoding() throws {
        let workbook = try Self.open("hand_biff5_gbk.xls")
        let summary = try Self.cells(workbook, "汇总")
        #expect(summary["B2"] == .number(3))
        let roster = try Self.cells(workbook, "堃園學校教師名冊")
        #expect(Self.date(roster["C2"]) == "1970-03-14")   // yyyy"年"m"月"d"日", written in GBK
    }
}
