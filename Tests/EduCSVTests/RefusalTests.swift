import EduCore
@testable import EduCSV
import Testing

/// A file that is not text is refused with a sentence that says what it looks like.
struct RefusalTests {
    static let cases: [(String, [UInt8], CSVError.Reason, String)] = [
        ("legacy .xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504),
         .legacyExcelFile, "legacy Excel .xls"),
        ("renamed .xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + [UInt8](repeating: 0x41, count: 100),
         .zipArchive, "rename it to .xlsx"),
        ("UTF-16LE without BOM", Array("学校,name\nab,cd\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
         .utf16WithoutByteOrderMark(littleEndian: true), "--encoding utf-16le"),
        ("UTF-16BE without BOM", Array("name,code\nab,cd\n".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
         .utf16WithoutByteOrderMark(littleEndian: false), "--encoding utf-16be"),
        ("binary with a NUL", Array("%PDF-1.7\n".utf8) + [0x00, 0x9C, 0x12, 0xFF, 0x00, 0x01], .binaryData(offset: 9), "binary data"),
        ("binary with control bytes", Array("ab".utf8) + [0x01, 0x02, 0x03, 0x04, 0x05, 0x06] + Array("cd".utf8),
         .binaryData(offset: 2), "binary data"),
    ]

    @Test(arguments: cases)
    func refused(name: String, bytes: [UInt8], reason: CSVError.Reason, advice: String) throws {
        let path = try CSVTestFile.write(bytes, name: "returns.csv")
        let error = try #require(throws: CSVError.self, "\(name) must be refused") { try CSVFile(path: path) }
        #expect(error.reason == reason, "\(name)")
        #expect(error.description.hasPrefix(path + ": "), "\(name)")
        #expect(error.description.contains(advice), "\(name): \(error)")
    }

    @Test func utf16WithoutBOMReadsWhenAsked() throws {
        let bytes = Array("学校,name\nab,cd\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let file = try CSVFile(path: CSVTestFile.write(bytes), options: CSVOptions(encoding: TextEncoding(name: "utf-16le")))
        #expect(try CSVTestFile.rows(file).texts == ["A1=学校", "B1=name", "A2=ab", "B2=cd"])
    }

    @Test func aMissingFileOrAFolderIsNamed() throws {
        for path in ["/nonexistent/returns.csv", CSVTestFile.temporaryFolder()] {
            let error = try #require(throws: CSVError.self) { try CSVFile(path: path) }
            #expect(error.description.hasPrefix(path + ": cannot open the file"))
        }
    }
}
