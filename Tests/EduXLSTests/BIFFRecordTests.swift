import EduCore
import Foundation
import Testing
@testable import EduXLS

@Suite("BIFF records")
struct RecordCursorTests {
    @Test func recordsAreWalkedOneAfterAnotherAndTrailingPaddingEndsTheStream() throws {
        let number = BIFF.number("A1", 1)
        let stream = StreamBytes(bytes: number + BIFF.eof + [0x00, 0x00, 0x00])
        var cursor = RecordCursor(stream: stream)
        #expect(cursor.peekType() == RecordType.number)
        let first = try #require(try cursor.next())
        #expect(first.type == RecordType.number && first.offset == 0 && first.body == 4..<18 && first.length == 14)
        let second = try #require(try cursor.next())
        #expect(second.type == RecordType.endOfFile && second.offset == 18 && second.body == 22..<22)
        #expect(cursor.peekType() == nil, "3 bytes left: no record header")
        #expect(try cursor.next() == nil)
        #expect(cursor.atEnd)
        #expect(try cursor.next() == nil, "and stays at the end")
    }

    @Test func aLengthRunningPastTheStreamIsAnOverrunAndNothingIsRead() {
        let bytes = BIFF.eof + BIFF.record(RecordType.number, [1, 2, 3], declaredLength: 14)
        var cursor = RecordCursor(stream: StreamBytes(bytes: bytes))
        #expect(throws: XLSError.Reason.recordOverrun(type: RecordType.number, offset: 4, length: 14, remaining: 3)) {
            _ = try cursor.next()
            _ = try cursor.next()
        }
        #expect(cursor.offset == 4, "the cursor stays at the record it could not read")
    }

    @Test func fieldReadsOutsideTheStreamGiveZero() {
        let stream = StreamBytes(bytes: [0x01, 0x02, 0x03])
        #expect(stream.u8(2) == 3 && stream.u8(3) == 0 && stream.u8(-1) == 0)
        #expect(stream.u16(1) == 0x0302 && stream.u16(2) == 0 && stream.u16(-1) == 0)
        #expect(stream.u32(0) == 0 && stream.f64(0) == 0)
        #expect(stream.slice(2..<10) == [3] && stream.slice(-5..<1) == [1] && stream.slice(7..<9).isEmpty)
    }

    @Test func biffTextIsUTF16WithLoneSurrogatesReplaced() {
        #expect(BIFFText.string(Array("School 1".utf16)) == "School 1")
        #expect(BIFFText.string(Array("学校𠮷".utf16)) == "学校𠮷")
        #expect(BIFFText.string([0x41, 0xD842, 0x42]) == "A\u{FFFD}B")
    }
}

@Suite("RK numbers")
struct RKTests {
    static let cases: [(String, UInt32, Double)] = [
        ("integer", RK.integer(7), 7),
        ("zero", RK.integer(0), 0),
        ("largest 30-bit integer", RK.integer(536_870_911), 536_870_911),
        ("negative integer", RK.integer(-42), -42),
        ("smallest 30-bit integer", RK.integer(-536_870_912), -536_870_912),
        ("integer in hundredths", RK.integer(12345, hundredths: true), 123.45),
        ("negative integer in hundredths", RK.integer(-150, hundredths: true), -1.5),
        ("float", RK.float(1.5), 1.5),
        ("negative float", RK.float(-2.5), -2.5),
        ("float in hundredths", RK.float(325, hundredths: true), 3.25),
        ("large float", RK.float(1_073_741_824 * 4), 4_294_967_296),
    ]

    @Test(arguments: cases)
    func decoding(_ name: String, bits: UInt32, expected: Double) {
        #expect(CellValues.rk(bits) == expected, "\(name): \(String(bits, radix: 16))")
    }

    @Test func rawBits() {
        // 0x3FF00000: the double 1.0; 0xC06: the integer 0x301; 0x0F: the integer 3 in hundredths.
        #expect(CellValues.rk(0x3FF0_0000) == 1)
        #expect(CellValues.rk(0x0000_0C06) == 769)
        #expect(CellValues.rk(0x0000_000F) == 0.03)
        #expect(CellValues.rk(0x3FF0_0001) == 0.01)
    }

    @Test func rkCellsInASheet() throws {
        let records = Self.cases.enumerated().map { BIFF.rk("B\($0.offset + 1)", $0.element.1) }
        let cells = try TestWorkbookBuilder.oneSheet(records).open().cells()
        #expect(cells.count == Self.cases.count)
        for (index, (name, _, expected)) in Self.cases.enumerated() {
            #expect(cells["B\(index + 1)"] == .number(expected), "\(name)")
        }
    }

    @Test func aMulrkSpansColumnsEachWithItsFormat() throws {
        var builder = TestWorkbookBuilder.oneSheet([
            BIFF.mulrk("B2", [(0, RK.integer(1)), (0, RK.float(2.5)), (1, RK.integer(45000)), (0, RK.integer(-3, hundredths: true))]),
            BIFF.mulrk("A3", [(0, RK.integer(9))]),
        ])
        builder.xfFormats = [0, 14]
        let table = try builder.open().table()
        #expect(table.rows.map(\.number) == [2, 3])
        #expect(table.rows.first?.cells == [
            Cell(column: 2, value: .number(1)), Cell(column: 3, value: .number(2.5)),
            Cell(column: 4, value: .date(SpreadsheetDate(serial: 45000))), Cell(column: 5, value: .number(-0.03)),
        ])
        #expect(table.cellsByReference["A3"] == .number(9))
    }
}

@Suite("cell records")
struct CellRecordTests {
    @Test func numberCells() throws {
        let cells = try TestWorkbookBuilder.oneSheet([
            BIFF.number("A1", 0), BIFF.number("B1", -1.5), BIFF.number("C1", 1e300), BIFF.number("D1", 3.141_592_653_589_793),
            BIFF.number("A2", 0.1 + 0.2), BIFF.number("B2", -0.0),
        ]).open().cells()
        #expect(cells == [
            "A1": .number(0), "B1": .number(-1.5), "C1": .number(1e300), "D1": .number(3.141_592_653_589_793),
            "A2": .number(0.1 + 0.2), "B2": .number(-0.0),
        ])
    }

    @Test func aNumberNoCellCanHoldIsNumError() throws {
        let cells = try TestWorkbookBuilder.oneSheet([
            BIFF.number("A1", .nan), BIFF.number("B1", .infinity), BIFF.number("C1", -.infinity),
        ]).open().cells()
        #expect(cells == ["A1": .error("#NUM!"), "B1": .error("#NUM!"), "C1": .error("#NUM!")])
    }

    @Test func booleans() throws {
        let cells = try TestWorkbookBuilder.oneSheet([BIFF.boolean("A1", true), BIFF.boolean("B1", false)]).open().cells()
        #expect(cells == ["A1": .bool(true), "B1": .bool(false)])
    }

    static let errorCodes: [(UInt8, String)] = [
        (0x00, "#NULL!"), (0x07, "#DIV/0!"), (0x0F, "#VALUE!"), (0x17, "#REF!"), (0x1D, "#NAME?"), (0x24, "#NUM!"),
        (0x2A, "#N/A"), (0x2B, "#GETTING_DATA"), (0x55, "#ERROR!"),
    ]

    @Test(arguments: errorCodes)
    func errorCells(code: UInt8, text: String) throws {
        let cells = try TestWorkbookBuilder.oneSheet([BIFF.error("C4", code: code)]).open().cells()
        #expect(cells == ["C4": .error(text)])
    }

    @Test func formulaCachedResults() throws {
        var builder = TestWorkbookBuilder.oneSheet([
            BIFF.formula("A1", .number(2)),
            BIFF.formula("B1", .number(45000), xf: 1),
            BIFF.formula("C1", .bool(true)),
            BIFF.formula("D1", .bool(false)),
            BIFF.formula("E1", .error(0x07)),
            BIFF.formula("F1", .error(0x2A)),
            BIFF.formula("G1", .emptyString),
            BIFF.formula("H1", .string), BIFF.string("合计"),
            BIFF.formula("I1", .string), BIFF.record(0x04BC, [0, 0, 0, 0, 0, 0, 0, 0]), BIFF.string("after SHRFMLA"),
            BIFF.formula("J1", .string), BIFF.string(""),
        ])
        builder.xfFormats = [0, 14]
        let cells = try builder.open().cells()
        #expect(cells == [
            "A1": .number(2), "B1": .date(SpreadsheetDate(serial: 45000)), "C1": .bool(true), "D1": .bool(false),
            "E1": .error("#DIV/0!"), "F1": .error("#N/A"), "H1": .string("合计"), "I1": .string("after SHRFMLA"),
        ])
    }

    @Test func aFormulaStringSplitAcrossContinueRecords() throws {
        let long = String(repeating: "学校名称", count: 30) + " (primary) " + String(repeating: "x", count: 50)
        // Split inside the header, at the characters' start, inside them, and twice more.
        var value = ContinuedBytes()
        value.appendUnicodeString(long)
        let splits = [2, 3, 41, 101, value.count - 4]
        #expect(value.split(at: splits).count == 6)
        let cells = try TestWorkbookBuilder.oneSheet([
            BIFF.formula("A1", .string), BIFF.string(long, splitAt: splits), BIFF.number("B1", 5),
        ]).open().cells()
        #expect(cells == ["A1": .string(long), "B1": .number(5)])
    }

    @Test func aFormulaStringChangingWidthAtAContinue() throws {
        var value = ContinuedBytes()
        value.append(BIFF.le16(9) + [0x00])
        value.appendCharacters("Grade ", wide: false)
        value.appendCharacters("一年级", wide: true)
        let parts = value.split(at: [9])
        let records = BIFF.record(RecordType.string, parts[0]) + BIFF.continueRecord(parts[1])
        #expect(parts[1].first == 0x01)
        let cells = try TestWorkbookBuilder.oneSheet([BIFF.formula("A1", .string), records]).open().cells()
        #expect(cells == ["A1": .string("Grade 一年级")])
    }

    @Test func aFormulaWhoseStringNeverComes() throws {
        let cells = try TestWorkbookBuilder.oneSheet([
            BIFF.formula("A1", .string), BIFF.number("B1", 1), BIFF.string("stray"),
            BIFF.formula("A2", .string), BIFF.blank("B2"), BIFF.string("kept: a BLANK is no cell"),
            BIFF.formula("A3", .string),
        ]).open().cells()
        #expect(cells == ["B1": .number(1), "A2": .string("kept: a BLANK is no cell")])
    }

    @Test func labelsAndRichStrings() throws {
        let cells = try TestWorkbookBuilder.oneSheet([
            BIFF.label("A1", "School"), BIFF.label("B1", "School", wide: true), BIFF.label("C1", "第一中学"),
            BIFF.label("D1", "Zürich"), BIFF.label("E1", ""),
            BIFF.rstring("A2", "小学 Primary", runs: [(0, 1), (3, 2)]),
        ]).open().cells()
        #expect(cells == [
            "A1": .string("School"), "B1": .string("School"), "C1": .string("第一中学"), "D1": .string("Zürich"),
            "A2": .string("小学 Primary"),
        ])
    }

    @Test func blankAndMulblankAreIgnored() throws {
        let table = try TestWorkbookBuilder.oneSheet([
            BIFF.blank("A1"), BIFF.mulblank("B1", count: 5), BIFF.number("C2", 3), BIFF.mulblank("A3", count: 3),
        ]).open().table()
        #expect(table.rows == [Row(number: 2, cells: [Cell(column: 3, value: .number(3))])])
    }

    @Test func recordsTheReaderDoesNotKnowAreSteppedOver() throws {
        let cells = try TestWorkbookBuilder.oneSheet([
            BIFF.record(0x0200, [UInt8](repeating: 0, count: 14)),  // DIMENSIONS
            BIFF.record(0x0208, [UInt8](repeating: 0, count: 16)),  // ROW
            BIFF.number("A1", 1),
            BIFF.record(0x023E, [UInt8](repeating: 0, count: 18)),  // WINDOW2
            BIFF.record(0x1234, [UInt8](repeating: 0xFF, count: 300)),
            BIFF.continueRecord([0xFF, 0xFF]),
        ]).open().cells()
        #expect(cells == ["A1": .number(1)])
    }
}
