import EduCore
@testable import EduCSV
import Foundation
import Testing

/// Bytes that are not valid in the chosen encoding are replaced with U+FFFD, counted, and the
/// first one is located to its cell; nothing stops the read.
struct ReplacedBytesTests {
    @Test func gb18030ReadAsUTF8IsCountedAndLocated() throws {
        let bytes = Array("序号,学校\n1,".utf8) + CSVTestFile.encode("青石", CSVTestFile.gb18030) + Array("\n".utf8)
        let file = try CSVFile(path: CSVTestFile.write(bytes, name: "白沙乡.csv"), options: CSVOptions(encoding: .utf8))
        let reader = try file.rows()
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        // 青石 is C7 E0 CA AF: neither C7 nor E0 may be followed by what follows them, but CA AF
        // happens to be valid UTF-8 (ʯ): what a wrong --encoding looks like.
        #expect(rows.texts == ["A1=序号", "B1=学校", "A2=1", "B2=\u{FFFD}\u{FFFD}ʯ"])
        #expect(reader.replacedBytes == 2)
        #expect(reader.firstReplacement?.reference == "B2")
        let warning = try #require(reader.warnings.first)
        #expect(warning.description.hasPrefix("\(file.path) › 白沙乡!B2: 2 bytes were not valid UTF-8"))
    }

    @Test func anInvalidByteInGB18030KeepsTheDelimiterAfterIt() throws {
        // 0x81 starts a two- or four-byte GB18030 character; a comma cannot follow it.
        let bytes = CSVTestFile.encode("学校,数\n甲,", CSVTestFile.gb18030) + [0x81] + Array(",3\n".utf8)
        let file = try CSVFile(path: CSVTestFile.write(bytes))
        #expect(file.encoding.encoding == .gb18030)
        let reader = try file.rows()
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        #expect(rows.texts == ["A1=学校", "B1=数", "A2=甲", "B2=\u{FFFD}", "C2=3"])
        #expect(reader.replacedBytes == 1)
        #expect(reader.firstReplacement?.reference == "B2")
    }

    @Test(arguments: [1, 2, 3, 64])
    func theFirstReplacementIsFoundWhateverTheChunks(chunkSize: Int) throws {
        var text = Array("a,b,c\n".utf8)
        text += Array("d,e,f".utf8) + [0xFF] + Array("\n".utf8) + [0xFE] + Array(",g\n".utf8)
        let file = try CSVFile(path: CSVTestFile.write(text), options: CSVOptions(encoding: .utf8))
        let reader = try file.rows(chunkSize: chunkSize)
        while try reader.nextRow() != nil {}
        #expect(reader.replacedBytes == 2)
        #expect(reader.firstReplacement?.reference == "C2")
    }

    @Test func aCharacterCutByTheEndOfTheFileIsReplaced() throws {
        let bytes = Array("a,b\nc,".utf8) + Array("青".utf8).dropLast()
        let reader = try CSVFile(path: CSVTestFile.write(bytes), options: CSVOptions(encoding: .utf8)).rows()
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        #expect(rows.texts.last == "B2=\u{FFFD}\u{FFFD}")
        #expect(reader.replacedBytes == 2)
    }
}
