import EduCore
import Testing
@testable import EduXLSX

/// Numbers, dates and references beyond what a sheet can hold: each is a value or a named
/// error, never a trap. A date-formatted 1E19 trapped converting to Int (83 of 267 style-aware
/// fuzz mutants crashed so).
@Suite struct OutOfRangeCellTests {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    func parse(_ sheetData: String, uses1904: Bool = false) throws(XLSXError.Reason) -> [Row] {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(Self.main)\"><sheetData>\(sheetData)</sheetData></worksheet>"
        let handler = SheetContentHandler(sharedStrings: [], styles: Styles(kinds: [.date, .duration]), uses1904DateSystem: uses1904)
        try XMLPushParser.parse(Array(xml.utf8), with: handler)
        return handler.completedRows
    }

    /// Excel shows these as #### in a date format: they stay the numbers the file holds.
    @Test(arguments: ["1E19", "-1E19", "9.3E18", "1E308", "-1E308", "-1", "2958466", "4E15"])
    func aDateFormattedNumberExcelCannotShowIsANumber(text: String) throws {
        for uses1904 in [false, true] {
            let rows = try parse("<row r=\"1\"><c r=\"A1\" s=\"0\"><v>\(text)</v></c></row>", uses1904: uses1904)
            #expect(rows.first?[column: 1] == .number(Double(text) ?? .nan))
        }
    }

    @Test func datesInRangeAreStillDates() throws {
        let rows = try parse("<row r=\"1\"><c r=\"A1\" s=\"0\"><v>45292</v></c><c r=\"B1\" s=\"0\"><v>2958465</v></c><c r=\"C1\" s=\"1\"><v>1E19</v></c></row>")
        #expect(rows.first?[column: 1] == .date(SpreadsheetDate(serial: 45292)))
        #expect(rows.first?[column: 2] == .date(SpreadsheetDate(serial: 2_958_465)))
        #expect(rows.first?[column: 3] == .duration(1e19))
    }

    @Test(arguments: ["1E400", "-1E400", "NaN", "INF"])
    func aNumberBeyondDoubleIsABadNumber(text: String) {
        #expect(throws: XLSXError.Reason.badNumber(text)) { try parse("<row r=\"1\"><c r=\"A1\"><v>\(text)</v></c></row>") }
    }

    /// t="d" text with a year no calendar here reaches (it trapped computing days from the year).
    @Test(arguments: ["9223372036854775807-01-01", "-9223372036854775807-01-01", "99999-01-01", "2024-99-01"])
    func anISODateOutOfRangeIsItsText(text: String) throws {
        let rows = try parse("<row r=\"1\"><c r=\"A1\" t=\"d\"><v>\(text)</v></c></row>")
        #expect(rows.first?[column: 1] == .string(text))
    }

    @Test(arguments: ["A99999999999999999999", "ZZZZZZZZ1", "XFE1", "A1048577", "A0", "AAAA1"])
    func aReferenceBeyondTheSheetIsABadReference(reference: String) {
        #expect(throws: XLSXError.Reason.badCellReference(reference)) {
            try parse("<row r=\"1\"><c r=\"\(reference)\"><v>1</v></c></row>")
        }
    }

    /// Later stages walk row numbers: a row past the sheet's last is damage, named.
    @Test func aRowNumberBeyondTheSheetIsABadReference() {
        #expect(throws: XLSXError.Reason.badCellReference("row 999999999999")) {
            try parse("<row r=\"999999999999\"><c><v>1</v></c></row>")
        }
        #expect(throws: XLSXError.Reason.badCellReference("row 1048577")) {
            try parse("<row r=\"1048576\"><c><v>1</v></c></row><row><c><v>2</v></c></row>")
        }
    }

    /// Digits beyond Int in a row number or style index are read as absent (the next row, style 0,
    /// here a date format), not overflowed; an index past the styles is a plain number.
    @Test func hugeRowNumbersAndStyleIndicesDoNotOverflow() throws {
        let rows = try parse("""
            <row r="99999999999999999999999"><c s="99999999999999999999999"><v>7</v></c><c s="999999999999"><v>8</v></c></row>
            """)
        #expect(rows.first?.number == 1)
        #expect(rows.first?[column: 1] == SpreadsheetDate(excelSerial: 7, uses1904System: false).map(CellValue.date))
        #expect(rows.first?[column: 2] == .number(8))
    }
}
