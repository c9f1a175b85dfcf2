import EduCore
@testable import EduCSV
import Foundation
import Testing

/// The encoding is read from a byte-order mark, else UTF-8 when the whole file is valid UTF-8,
/// else GB18030; `--encoding` overrides. The text is written here by Foundation's encoders.
struct EncodingTests {
    static let table = "学校名称,在校学生数,備註\n青石县城关镇第一小学,2531,\"𠀀 a rare CJK Ext-B character, 4 bytes in GB18030\"\n桃源乡中心小学,456,—\n"
    static let cells = ["A1=学校名称", "B1=在校学生数", "C1=備註",
                        "A2=青石县城关镇第一小学", "B2=2531", "C2=𠀀 a rare CJK Ext-B character, 4 bytes in GB18030",
                        "A3=桃源乡中心小学", "B3=456", "C3=—"]

    static let cases: [(String, [UInt8], TextEncoding, EncodingChoice.Reason)] = [
        ("UTF-8", Array(table.utf8), .utf8, .validUTF8),
        ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + Array(table.utf8), .utf8, .byteOrderMark),
        // 学校 is D1 A7 D0 A3 in GB18030, and D1 A7 is also valid UTF-8: the first invalid byte is the 5th.
        ("GB18030", CSVTestFile.encode(table, CSVTestFile.gb18030), .gb18030, .notUTF8(firstInvalidByte: 4)),
        ("UTF-16LE with BOM", [0xFF, 0xFE] + CSVTestFile.encode(table, .utf16LittleEndian), .utf16LittleEndian, .byteOrderMark),
        ("UTF-16BE with BOM", [0xFE, 0xFF] + CSVTestFile.encode(table, .utf16BigEndian), .utf16BigEndian, .byteOrderMark),
    ]

    @Test(arguments: cases)
    func everyEncodingGivesTheSameCells(name: String, bytes: [UInt8], encoding: TextEncoding, reason: EncodingChoice.Reason) throws {
        let file = try CSVFile(path: CSVTestFile.write(bytes))
        #expect(file.encoding.encoding == encoding, "\(name)")
        #expect(file.encoding.reason == reason, "\(name)")
        #expect(file.dialect.delimiter == UInt8(ascii: ","))
        let reader = try file.rows()
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        #expect(rows.texts == Self.cells, "\(name)")
        #expect(reader.replacedBytes == 0)
        #expect(reader.warnings.isEmpty)
    }

    @Test func gb18030IsChosenOnlyAfterTheWholeFileIsChecked() throws {
        // 300 KB of ASCII first: the first Chinese character lies past the sniffer's first chunk.
        let prefix = String(repeating: "1,2,3\n", count: 50_000)
        let bytes = Array(prefix.utf8) + CSVTestFile.encode("青石县,城关镇,小学\n", CSVTestFile.gb18030)
        let file = try CSVFile(path: CSVTestFile.write(bytes))
        #expect(file.encoding.encoding == .gb18030)
        #expect(file.encoding.reason == .notUTF8(firstInvalidByte: prefix.utf8.count))
        let rows = try CSVTestFile.rows(file)
        #expect(rows.last?.texts == ["A50001=青石县", "B50001=城关镇", "C50001=小学"])
    }

    @Test(arguments: ["gbk", "GB2312", "cp936", "gb18030"])
    func gbkNamesReadAsGB18030(name: String) throws {
        #expect(TextEncoding(name: name) == .gb18030)
        let bytes = CSVTestFile.encode("青石县,學校\n", CSVTestFile.gb18030)
        let file = try CSVFile(path: CSVTestFile.write(bytes), options: CSVOptions(encoding: TextEncoding(name: name)))
        #expect(file.encoding.reason == .requested)
        #expect(try CSVTestFile.rows(file).texts == ["A1=青石县", "B1=學校"])
    }

    @Test func anotherIconvEncodingCanBeRequested() throws {
        let big5 = Array("學校,臺北\n".data(using: .init(rawValue: 0x8000_0A03))!)  // kCFStringEncodingBig5
        let file = try CSVFile(path: CSVTestFile.write(big5), options: CSVOptions(encoding: TextEncoding(name: "BIG5")))
        #expect(try CSVTestFile.rows(file).texts == ["A1=學校", "B1=臺北"])
    }

    @Test func anUnknownEncodingIsRefusedByName() throws {
        let path = try CSVTestFile.write(Array("a,b\n".utf8))
        let error = try #require(throws: CSVError.self) {
            try CSVFile(path: path, options: CSVOptions(encoding: TextEncoding(name: "klingon-8")))
        }
        #expect(error.reason == .unknownEncoding("klingon-8"))
        #expect(error.description.contains("use utf-8, gb18030"))
    }
}
