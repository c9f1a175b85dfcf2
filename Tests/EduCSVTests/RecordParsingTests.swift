import EduCore
@testable import EduCSV
import Testing

/// RFC 4180 records as Excel and Python's csv module read them, given with the delimiter so the
/// sniffer does not take part.
struct RecordParsingTests {
    static let comma = CSVOptions(delimiter: UInt8(ascii: ","))

    @Test(arguments: [
        ("a,b,c\n1,2,3\n", ["A1=a", "B1=b", "C1=c", "A2=1", "B2=2", "C2=3"]),
        ("a,b\r\n1,2\r\n", ["A1=a", "B1=b", "A2=1", "B2=2"]),
        ("a,b\r1,2\r", ["A1=a", "B1=b", "A2=1", "B2=2"]),
        ("a,b\n1,2", ["A1=a", "B1=b", "A2=1", "B2=2"]),
        ("a,b\r\n1,2\n3,4\r5,6", ["A1=a", "B1=b", "A2=1", "B2=2", "A3=3", "B3=4", "A4=5", "B4=6"]),
        // quoted delimiters, doubled quotes, text after the closing quote, quotes inside unquoted text
        ("\"青石县,城关镇\",\"他说\"\"好\"\"\",\"\"\n", ["A1=青石县,城关镇", "B1=他说\"好\""]),
        ("\"a\"b,c\"d\"\n", ["A1=ab", "B1=c\"d\""]),
        (" \"a\" ,b\n", ["A1= \"a\" ", "B1=b"]),
        // line breaks inside quotes, each style, do not start a row
        ("\"高于规定\n学历\",x\n\"a\r\nb\",y\r\n\"c\rd\",z\n", ["A1=高于规定\n学历", "B1=x", "A2=a\r\nb", "B2=y", "A3=c\rd", "B3=z"]),
        // blank lines are rows without cells; ragged rows and trailing empty fields kept as they are
        ("a\n\n,b,,\n,,,,e\n", ["A1=a", "B3=b", "E4=e"]),
        ("", []),
        ("\n\n", []),
        ("\"\"", []),
    ])
    func records(input: String, expected: [String]) throws {
        #expect(try CSVTestFile.read(input, options: Self.comma).texts == expected)
    }

    @Test func rowNumbersCountRecordsNotLines() throws {
        let rows = try CSVTestFile.read("a\n\"b\nc\nd\"\ne\n\nf\n", options: Self.comma)
        #expect(rows.map(\.number) == [1, 2, 3, 5])
        #expect(rows.texts == ["A1=a", "A2=b\nc\nd", "A3=e", "A5=f"])
    }

    /// Every chunk size cuts somewhere: inside a CRLF, a doubled quote, a multi-byte character,
    /// a byte-order mark. The rows must not change.
    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func chunkBoundariesChangeNothing(chunkSize: Int) throws {
        let text = "\u{FEFF}学校名称,\"代码\"\"甲\"\"\",备注\r\n青石县城关镇第一小学,\"0360321001\",\"多\r\n行\"\r\n\r\n乙,,丙\r最后,一行"
        for bytes in [Array(text.utf8), CSVTestFile.encode(String(text.dropFirst()), CSVTestFile.gb18030)] {
            let file = try CSVFile(path: CSVTestFile.write(bytes), options: Self.comma)
            let whole = try CSVTestFile.rows(file)
            let cut = try CSVTestFile.rows(file, chunkSize: chunkSize)
            #expect(cut == whole)
            #expect(whole.texts == ["A1=学校名称", "B1=代码\"甲\"", "C1=备注",
                                    "A2=青石县城关镇第一小学", "B2=0360321001", "C2=多\r\n行",
                                    "A4=乙", "C4=丙", "A5=最后", "B5=一行"])
        }
    }

    @Test func fieldCountsShowRaggedRecords() throws {
        let file = try CSVFile(path: CSVTestFile.write(Array("a,b,c\nd\n\ne,f,,,\n".utf8)), options: Self.comma)
        let reader = try file.rows()
        while try reader.nextRow() != nil {}
        #expect(reader.fieldCounts == 1...5)
    }

    @Test func unclosedQuoteNamesItsCellAfterTheRowsBeforeIt() throws {
        let file = try CSVFile(path: CSVTestFile.write(Array("a,b\n\"c\nd\",e\nf,\"g\nh,i\nj\n".utf8)), options: Self.comma)
        let reader = try file.rows()
        #expect(try reader.nextRow()?.texts == ["A1=a", "B1=b"])
        #expect(try reader.nextRow()?.texts == ["A2=c\nd", "B2=e"])
        do {
            _ = try reader.nextRow()
            Issue.record("an unclosed quote must be an error")
        } catch let error as CSVError {
            #expect(error.reason == .unterminatedQuote(line: 4))
            #expect(error.location.cell?.reference == "B3")
            #expect(error.description.contains("table.csv › table!B3"))
            #expect(error.description.contains("line 4"))
        }
    }

    @Test func memoryStaysAChunkWideHoweverLongTheFile() throws {
        let row = "青石县城关镇第一小学,0360321001,2531,\"1,754,914\",\"多\n行\"\n"
        let bytes = Array(String(repeating: row, count: 40_000).utf8)  // about 2.5 MB
        let file = try CSVFile(path: CSVTestFile.write(bytes), options: Self.comma)
        let reader = try file.rows(chunkSize: 16 * 1024)
        var rows = 0
        while try reader.nextRow() != nil { rows += 1 }
        #expect(rows == 40_000)
        #expect(reader.windowCapacity <= 64 * 1024)
    }

    @Test func aRecordLongerThanTheLimitIsRefused() throws {
        // A stray quote early on: the rest of a large file would become one field.
        var bytes = Array("a,\"b\n".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: CSVRowReader.maxRecordBytes + 1024)
        let file = try CSVFile(path: CSVTestFile.write(bytes), options: Self.comma)
        let reader = try file.rows(chunkSize: 4 << 20)
        #expect(throws: CSVError.self) { while try reader.nextRow() != nil {} }
    }
}
