import EduCore
@testable import EduCSV
import Testing

/// The delimiter a person would name, on inputs where a naive count of characters misleads.
struct DialectSnifferTests {
    static let cases: [(String, String, UInt8?)] = [
        ("plain comma", "学校,学生数,班数\n一小,456,12\n二小,300,9\n", UInt8(ascii: ",")),
        ("tab with commas in text", "学校\t地址\t学生数\n一小\t城关镇,东街\t1,456\n二小\t青石镇,西街\t300\n", 0x09),
        ("semicolon with decimal commas", "指标;2023;2024\n生均面积;1,5;2,5\n生师比;13,5;14,2\n", UInt8(ascii: ";")),
        ("comma with semicolons and bars in text", "学校,备注,数\n一小,旧址;新址,1\n二小,甲|乙,2\n三小,无,3\n", UInt8(ascii: ",")),
        ("vertical bar", "学校|代码|学生数\n一小|0360321001|456\n二小|0360321002|300\n", UInt8(ascii: "|")),
        ("title and unit rows above a comma table",
         "青石县白沙乡2024年中小学基本情况统计表\n单位：人、平方米、万元\n\n学校,学生数,班数,教师数\n一小,456,12,30\n二小,300,9,21\n三小,120,6,10\n",
         UInt8(ascii: ",")),
        ("quoted commas in a semicolon file", "学校;地址\n一小;\"东街1号,2号\"\n二小;\"西街3号,4号\"\n", UInt8(ascii: ";")),
        ("one column", "学校名称\n青石县城关镇第一小学\n桃源乡中心小学\n", nil),
    ]

    @Test(arguments: cases)
    func choosesTheDelimiter(name: String, text: String, expected: UInt8?) {
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { DialectSniffer.sniff($0, complete: true) }
        #expect(found == expected, "\(name)")
    }

    @Test func aSingleColumnFileReadsAsOneColumn() throws {
        let file = try CSVFile(path: CSVTestFile.write(Array("学校名称\n一小\n".utf8)))
        #expect(file.dialect.reason == .singleColumn)
        #expect(try CSVTestFile.rows(file).texts == ["A1=学校名称", "A2=一小"])
    }

    @Test func aRequestedDelimiterWins() throws {
        let file = try CSVFile(path: CSVTestFile.write(Array("a;b,c\n".utf8)), options: CSVOptions(delimiter: UInt8(ascii: ";")))
        #expect(file.dialect == Dialect(delimiter: UInt8(ascii: ";"), reason: .requested))
        #expect(try CSVTestFile.rows(file).texts == ["A1=a", "B1=b,c"])
    }

    @Test(arguments: [("comma", UInt8(ascii: ",")), ("tab", 0x09), ("\\t", 0x09), ("\t", 0x09), (";", UInt8(ascii: ";")),
                      ("pipe", UInt8(ascii: "|")), ("\"", nil), ("ab", nil), ("，", nil)] as [(String, UInt8?)])
    func delimiterNames(name: String, expected: UInt8?) {
        #expect(Dialect.delimiter(named: name) == expected)
    }
}
