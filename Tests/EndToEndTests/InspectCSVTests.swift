import Foundation
import Testing

/// `eduetl inspect` on the sample county's CSV returns: the encoding and delimiter it detected,
/// the cells, and clear refusals.
struct InspectCSVTests {
    static let samples = BinaryRunner.root.appendingPathComponent("SampleInputs")
    static let gb18030 = samples.appendingPathComponent("白沙乡_2024_中小学.csv").path
    static let utf8BOM = samples.appendingPathComponent("桃源乡2024年学校基本数据.csv").path

    @Test func summaryReportsEncodingAndDelimiter() throws {
        let result = try BinaryRunner.run(["inspect", Self.gb18030, Self.utf8BOM])
        #expect(result.status == 0)
        #expect(result.stdout.contains("白沙乡_2024_中小学.csv: CSV, 1 sheet, encoding GB18030 (detected: not valid UTF-8), delimiter comma (detected)"))
        #expect(result.stdout.contains("1. 白沙乡_2024_中小学: A1:"))
        #expect(result.stdout.contains("桃源乡2024年学校基本数据.csv: CSV, 1 sheet, encoding UTF-8 with byte-order mark, delimiter comma (detected)"))
    }

    @Test func cellsGoToStdoutAndTheDetectionToStderr() throws {
        let result = try BinaryRunner.run(["inspect", "--cells", Self.gb18030])
        #expect(result.status == 0)
        #expect(result.stderr == "eduetl: \(Self.gb18030): encoding GB18030 (detected: not valid UTF-8), delimiter comma (detected)\n")
        let first = try #require(result.stdout.split(separator: "\n").first)
        #expect(first == #"{"sheet": "白沙乡_2024_中小学", "ref": "A1", "type": "string", "value": "白沙乡2024年中小学教育事业统计表"}"#)
    }

    @Test func theWrongEncodingIsReportedWithTheFirstCell() throws {
        let result = try BinaryRunner.run(["inspect", "--encoding", "utf-8", Self.gb18030])
        #expect(result.status == 0)
        #expect(result.stdout.contains("encoding UTF-8 (--encoding)"))
        #expect(result.stdout.contains("warning: \(Self.gb18030) › 白沙乡_2024_中小学!A1: "))
        #expect(result.stdout.contains("bytes were not valid UTF-8 and replaced with U+FFFD"))
    }

    @Test func aWorkbookRenamedCSVIsRefusedAndTheBatchGoesOn() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let renamed = folder.appendingPathComponent("石门乡.csv")
        try FileManager.default.copyItem(at: Self.samples.appendingPathComponent("石门乡2024年中小学统计报表.xlsx"), to: renamed)
        let result = try BinaryRunner.run(["inspect", renamed.path, Self.utf8BOM])
        #expect(result.status == 1)
        #expect(!result.crashed)
        #expect(result.stderr == "eduetl: \(renamed.path): this is a ZIP archive, most likely an .xlsx workbook renamed .csv; rename it to .xlsx and read it as a workbook.\n")
        #expect(result.stdout.contains("桃源乡2024年学校基本数据.csv: CSV"))
    }

    @Test func aBadDelimiterIsAUsageError() throws {
        let result = try BinaryRunner.run(["inspect", "--delimiter", "ab", Self.utf8BOM])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--delimiter 'ab' is not one character"))
    }
}
