import EduCore
import Foundation
import Testing
@testable import EduXLS

/// The offset of the first record of `type` in `stream`, found by its headers alone (so also a
/// record whose length runs past the end).
func recordOffset(_ type: UInt16, in stream: [UInt8]) -> Int? {
    var offset = 0
    while offset + 4 <= stream.count {
        if UInt16(stream[offset]) | UInt16(stream[offset + 1]) << 8 == type { return offset }
        offset += 4 + Int(UInt16(stream[offset + 2]) | UInt16(stream[offset + 3]) << 8)
    }
    return nil
}

@Suite("the shared string table")
struct SharedStringTableTests {
    /// Reads an SST and the CONTINUE records after it, as the workbook globals do.
    static func read(_ records: [UInt8]) throws(XLSError.Reason) -> [String] {
        let stream = StreamBytes(bytes: records)
        var cursor = RecordCursor(stream: stream)
        guard let sst = try cursor.next() else { return [] }
        var continues: [Range<Int>] = []
        while cursor.peekType() == RecordType.continue, let next = try cursor.next() { continues.append(next.body) }
        return try SharedStringTable.read(sst, continues: continues, stream: stream)
    }

    /// A workbook whose sheet "Sheet1" has a LABELSST cell in column A for each shared string.
    static func workbook(_ sst: [UInt8], cells: Int) -> TestWorkbookBuilder {
        var builder = TestWorkbookBuilder.oneSheet((0..<cells).map { BIFF.labelSST("A\($0 + 1)", UInt32($0)) })
        builder.sst = sst
        return builder
    }

    /// Strings of every kind: compressed, UTF-16 with formatting runs, empty, a character outside
    /// the BMP with phonetic data, compressed Latin-1 with runs and phonetic data.
    static let sample: (bytes: ContinuedBytes, strings: [String]) = {
        var bytes = ContinuedBytes()
        bytes.appendSharedString("ab")
        bytes.appendSharedString("学校", runs: [(0, 1), (1, 2)])
        bytes.appendSharedString("")
        bytes.appendSharedString("x𠮷", phonetic: BIFF.extRst("がっこう", runs: 2))
        bytes.appendSharedString("Zürich", runs: [(1, 3)], phonetic: BIFF.extRst("z"))
        return (bytes, ["ab", "学校", "", "x𠮷", "Zürich"])
    }()

    @Test func compressedAndUTF16StringsInLabelSSTCells() throws {
        let strings = ["学校名称", "School", "Zürich", "第一中学 No.1", "𠮷野家", "学校名称"]
        var bytes = ContinuedBytes()
        for string in strings.dropLast() { bytes.appendSharedString(string) }
        bytes.appendSharedString("学校名称", wide: true)
        bytes.appendSharedString("School", wide: true)
        let builder = Self.workbook(BIFF.sst(bytes, total: 9, unique: 7), cells: 7)
        let cells = try builder.open().cells()
        #expect(cells == [
            "A1": .string("学校名称"), "A2": .string("School"), "A3": .string("Zürich"), "A4": .string("第一中学 No.1"),
            "A5": .string("𠮷野家"), "A6": .string("学校名称"), "A7": .string("School"),
        ])
    }

    @Test func anEmptyStringMakesNoCell() throws {
        var bytes = ContinuedBytes()
        bytes.appendSharedString("")
        bytes.appendSharedString("学生数")
        let table = try Self.workbook(BIFF.sst(bytes, unique: 2), cells: 2).open().table()
        #expect(table.rows == [Row(number: 2, cells: [Cell(column: 1, value: .string("学生数"))])])
    }

    @Test func aStringChangingWidthAtAContinue() throws {
        var bytes = ContinuedBytes()
        bytes.appendSharedString(chunks: [("Primary ", false), ("小学", true)])
        let secondStart = bytes.count
        bytes.appendSharedString(chunks: [("学校", true), ("No.1", false)])
        bytes.appendSharedString("last")
        let firstBoundary = 3 + 8  // header, then the 8 compressed characters
        let secondBoundary = secondStart + 3 + 4
        let records = BIFF.sst(bytes, unique: 3, splitAt: [firstBoundary, secondBoundary])
        #expect(try Self.read(records) == ["Primary 小学", "学校No.1", "last"])
        let cells = try Self.workbook(records, cells: 3).open().cells()
        #expect(cells == ["A1": .string("Primary 小学"), "A2": .string("学校No.1"), "A3": .string("last")])
    }

    @Test func theCharactersStartInTheContinueAfterTheHeader() throws {
        var bytes = ContinuedBytes()
        bytes.appendSharedString("学校", runs: [(0, 1)])
        // The header (count, flags, run count) fills the SST; the CONTINUE starts with the flag byte.
        let records = BIFF.sst(bytes, unique: 1, splitAt: [5])
        #expect(Array(records[(4 + 8 + 5)..<(4 + 8 + 5 + 5)]) == BIFF.le16(RecordType.continue) + BIFF.le16(9) + [0x01])
        #expect(try Self.read(records) == ["学校"])
    }

    @Test func richTextRunsSplitAcrossAContinueHaveNoFlagByte() throws {
        var bytes = ContinuedBytes()
        bytes.appendSharedString("学校名称", runs: [(0, 1), (1, 2), (2, 3), (3, 4)])
        bytes.appendSharedString("next")
        // Inside the second run: 3 + 2 (header) + 8 (characters) + 6.
        let records = BIFF.sst(bytes, unique: 2, splitAt: [19])
        #expect(try Self.read(records) == ["学校名称", "next"])
        #expect(try Self.workbook(records, cells: 2).open().cells() == ["A1": .string("学校名称"), "A2": .string("next")])
    }

    @Test func phoneticDataSplitAcrossContinues() throws {
        var bytes = ContinuedBytes()
        let phonetic = BIFF.extRst("がっこうめい", runs: 3)
        bytes.appendSharedString("学校名", runs: [(0, 1)], phonetic: phonetic)
        bytes.appendSharedString("after")
        let charactersStart = 3 + 2 + 4
        let phoneticStart = charactersStart + 6 + 4
        // In the characters, in the runs, twice in the phonetic data, and at its end.
        let splits = [charactersStart + 2, charactersStart + 7, phoneticStart + 3, phoneticStart + 20, phoneticStart + phonetic.count]
        let records = BIFF.sst(bytes, unique: 2, splitAt: splits)
        #expect(try Self.read(records) == ["学校名", "after"])
        #expect(try Self.workbook(records, cells: 2).open().cells() == ["A1": .string("学校名"), "A2": .string("after")])
    }

    @Test func aCharacterOutsideTheBMPAndASurrogatePairSplitAcrossAContinue() throws {
        var bytes = ContinuedBytes()
        bytes.appendSharedString("𠮷野家")
        bytes.appendSharedString("a𠮷")
        // The second string: header (3), "a" (2), the high surrogate (2) | the low surrogate.
        let split = 3 + 8 + 3 + 4
        let records = BIFF.sst(bytes, unique: 2, splitAt: [split])
        #expect(try Self.read(records) == ["𠮷野家", "a𠮷"])
        #expect(try Self.workbook(records, cells: 2).open().cells() == ["A1": .string("𠮷野家"), "A2": .string("a𠮷")])
    }

    @Test func everySplitPointReadsTheSameStrings() throws {
        let (bytes, strings) = Self.sample
        #expect(try Self.read(BIFF.sst(bytes, unique: 5)) == strings)
        let points = bytes.splitPoints
        #expect(points.count > 100)
        for point in points {
            #expect(try Self.read(BIFF.sst(bytes, unique: 5, splitAt: [point])) == strings, "split at \(point)")
        }
        for (index, first) in points.enumerated() {
            for second in points[(index + 1)...] {
                let read = try Self.read(BIFF.sst(bytes, unique: 5, splitAt: [first, second]))
                if read != strings {
                    Issue.record("split at \(first) and \(second): \(read)")
                    return
                }
            }
        }
    }

    @Test func theSampleThroughAWorkbookSplitAtEveryTenthByte() throws {
        let (bytes, strings) = Self.sample
        let points = bytes.splitPoints.filter { $0 % 10 == 0 }
        let cells = try Self.workbook(BIFF.sst(bytes, unique: 5, splitAt: points), cells: 5).open().cells()
        var expected: [String: CellValue] = [:]
        for (index, string) in strings.enumerated() where !string.isEmpty { expected["A\(index + 1)"] = .string(string) }
        #expect(cells == expected)
    }

    @Test func aLargeTableInRecordsOfExcelsSize() throws {
        // Excel fills each record to 8,224 bytes; the SST's first holds the two counts too.
        var bytes = ContinuedBytes()
        let strings = (0..<6000).map { $0 % 3 == 0 ? "第\($0)所学校" : "School \($0)" }
        for string in strings { bytes.appendSharedString(string) }
        let valid = Set(bytes.splitPoints)
        var splits: [Int] = []
        var next = 8224 - 8
        while next < bytes.count {
            let point = valid.contains(next) ? next : next - 1
            splits.append(point)
            next = point + 8224 - 1  // the flag byte, when there is one, takes a byte of the record
        }
        #expect(splits.count > 10)
        let records = BIFF.sst(bytes, total: 9000, unique: 6000, splitAt: splits)
        let read = try Self.read(records)
        #expect(read.count == 6000)
        #expect(read == strings)
    }

    @Test func aUniqueCountTooSmallHidesNoString() throws {
        var bytes = ContinuedBytes()
        for string in ["一", "二", "三", "four"] { bytes.appendSharedString(string) }
        #expect(try Self.read(BIFF.sst(bytes, unique: 1, splitAt: [5])) == ["一", "二", "三", "four"])
        #expect(try Self.read(BIFF.sst(bytes, unique: 0)) == ["一", "二", "三", "four"])
        let cells = try Self.workbook(BIFF.sst(bytes, unique: 2), cells: 4).open().cells()
        #expect(cells["A4"] == .string("four"))
    }

    @Test func aUniqueCountTooLargeButPlausibleReadsWhatIsThere() throws {
        var bytes = ContinuedBytes()
        for string in ["学校名称", "School", "c"] { bytes.appendSharedString(string) }
        let records = BIFF.sst(bytes, unique: 6)
        #expect(try Self.read(records) == ["学校名称", "School", "c"])
        let workbook = try Self.workbook(records, cells: 3).open()
        #expect(try workbook.cells() == ["A1": .string("学校名称"), "A2": .string("School"), "A3": .string("c")])
    }

    @Test func paddingAfterTheDeclaredStringsIsNotRead() throws {
        var bytes = ContinuedBytes()
        bytes.appendSharedString("only")
        bytes.append(BIFF.le16(200) + [0x00, 0x41, 0x42])  // a string cut short, past the count
        #expect(try Self.read(BIFF.sst(bytes, unique: 1)) == ["only"])
    }

    @Test func aCountOf2To31IsRefusedAtOnce() throws {
        var bytes = ContinuedBytes()
        for string in ["学校", "School"] { bytes.appendSharedString(string) }
        let records = BIFF.sst(bytes, total: 0xFFFF_FFFF, unique: 0x8000_0000)
        #expect(throws: XLSError.Reason.tableTooLarge(what: "shared string table", claimed: 0x8000_0000, limit: bytes.count)) {
            _ = try Self.read(records)
        }
        let builder = Self.workbook(records, cells: 2)
        try builder.withFile { path in
            let error = expectXLSError(.tableTooLarge(what: "shared string table", claimed: 2_147_483_648, limit: 16), within: 0.5) {
                _ = try XLSWorkbook(path: path)
            }
            #expect(error?.description == "\(path) › Workbook: the shared string table claims 2147483648 entries, "
                + "more than its 16 bytes can hold; the file is damaged.")
        }
    }

    @Test func aStringRunningPastItsRecords() throws {
        var bytes = ContinuedBytes()
        bytes.appendSharedString("学校")
        bytes.append(BIFF.le16(10) + [0x00] + Array("abcd".utf8))
        let builder = Self.workbook(BIFF.sst(bytes, unique: 2, splitAt: [5]), cells: 1)
        let offset = try #require(recordOffset(RecordType.sst, in: builder.stream()))
        try builder.withFile { path in
            let error = expectXLSError(.textPastEnd(type: RecordType.sst, offset: offset)) { _ = try XLSWorkbook(path: path) }
            #expect(error?.description == "\(path) › Workbook: the text in the SST record (the shared strings) at byte \(offset) of the stream "
                + "runs past the end of its records; the file is damaged.")
        }
    }

    @Test func aTableRecordTooShortForItsCounts() throws {
        let builder = Self.workbook(BIFF.record(RecordType.sst, BIFF.le32(1) + [0, 0]), cells: 0)
        let offset = try #require(recordOffset(RecordType.sst, in: builder.stream()))
        try builder.withFile { path in
            let error = expectXLSError(.recordTooShort(type: RecordType.sst, offset: offset, length: 6, needed: 8)) {
                _ = try XLSWorkbook(path: path)
            }
            #expect(error?.description == "\(path) › Workbook: the SST record (the shared strings) at byte \(offset) of the stream is 6 bytes long, "
                + "8 are needed; the file is damaged.")
        }
    }

    @Test func aCellPointingPastTheTableNamesTheSheetAndCell() throws {
        var bytes = ContinuedBytes()
        for string in ["学校", "School"] { bytes.appendSharedString(string) }
        var builder = TestWorkbookBuilder(sheets: [
            .init("小学", records: [BIFF.labelSST("A1", 0), BIFF.labelSST("B1", 1), BIFF.labelSST("A3", 0), BIFF.labelSST("C3", 7)]),
        ])
        builder.sst = BIFF.sst(bytes, unique: 2)
        try builder.withFile { path in
            let workbook = try XLSWorkbook(path: path)
            let reader = try workbook.rows(of: workbook.sheets[0])
            #expect(try reader.nextRow() == Row(number: 1, cells: [Cell(column: 1, value: .string("学校")), Cell(column: 2, value: .string("School"))]))
            let error = expectXLSError(.sharedStringOutOfRange(index: 7, count: 2)) { _ = try reader.nextRow() }
            #expect(error?.location.cell == CellPosition(row: 3, column: 3))
            #expect(error?.description == "\(path) › 小学!C3: the cell points at shared string 7 but the workbook has only 2; the file is damaged.")
        }
    }

    @Test func aCellPointingIntoAnEmptyTable() throws {
        let builder = TestWorkbookBuilder.oneSheet([BIFF.labelSST("B2", 0)])
        try builder.withFile { path in
            let workbook = try XLSWorkbook(path: path)
            let error = expectXLSError(.sharedStringOutOfRange(index: 0, count: 0)) { _ = try workbook.table() }
            #expect(error?.description.hasPrefix("\(path) › Sheet1!B2: ") == true)
        }
    }

    @Test func aContinueHoldingOnlyTheFlagByte() throws {
        // "abcd": "ab" in the SST, a CONTINUE with only a flag byte, then one with the flag and "cd".
        let string = BIFF.le16(4) + [0x00] + Array("ab".utf8)
        let records = BIFF.record(RecordType.sst, BIFF.le32(1) + BIFF.le32(1) + string)
            + BIFF.continueRecord([0x00]) + BIFF.continueRecord([0x00] + Array("cd".utf8))
        #expect(try Self.read(records) == ["abcd"])
    }
}
