import Foundation
import Testing

@Suite(.enabled(if: BinaryRunner.hasConformance, "../shared/conformance is not beside the repository"))
struct InspectCommandTests {
    let corpus = BinaryRunner.conformance

    @Test func summaryListsSheetsRangesAndMergedCells() throws {
        let result = try BinaryRunner.run(["inspect", corpus.appendingPathComponent("merge_cells.xlsx").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("1. Sheet1: A1:C2, 2 rows with data"))
        #expect(result.stdout.contains("3 merged: A1:B1 A2:A4 B2:D4"))

        let hidden = try BinaryRunner.run(["inspect", corpus.appendingPathComponent("any_sheets.xlsx").path])
        #expect(hidden.stdout.contains("2. Hidden (hidden)"))
        #expect(hidden.stdout.contains("3. VeryHidden (veryHidden)"))
    }

    @Test func cellsAreJSONLinesInTheConformanceFormat() throws {
        let result = try BinaryRunner.run(["inspect", "--cells", corpus.appendingPathComponent("date_1904.xlsx").path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["sheet"] is String && object?["ref"] is String && object?["type"] is String)
        }
        #expect(result.stdout.contains("\"ref\": \"A1\", \"type\": \"date\", \"value\": \"2021-01-01\""))
    }

    @Test func aPasswordProtectedWorkbookIsOneSentenceNamingTheFile() throws {
        let result = try BinaryRunner.run(["inspect", corpus.appendingPathComponent("pass_protected.xlsx").path])
        #expect(result.status == 1)
        #expect(!result.crashed)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.contains("pass_protected.xlsx"))
        #expect(result.stderr.contains("password-protected"))
    }

    @Test func oneBadFileDoesNotStopTheOthers() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("乡镇_坏文件.xlsx")
        try Data("学校名称,在校学生数\n".utf8).write(to: bad)
        let good = corpus.appendingPathComponent("merge_cells.xlsx").path
        let result = try BinaryRunner.run(["inspect", bad.path, good])
        #expect(result.status == 1)
        #expect(result.stderr.contains("乡镇_坏文件.xlsx"))
        #expect(result.stderr.contains("not a ZIP archive"))
        #expect(result.stdout.contains("merge_cells.xlsx: XLSX, 1 sheet"))
    }

    /// Every prefix length of a real workbook is a truncated file: each must end in a clear
    /// error or a reading, never a crash or a hang.
    @Test func truncatedWorkbooksNeverCrash() throws {
        let source = try Data(contentsOf: corpus.appendingPathComponent("merge_cells.xlsx"))
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for length in stride(from: 0, to: source.count, by: max(1, source.count / 25)) {
            let file = folder.appendingPathComponent("cut_\(length).xlsx")
            try source.prefix(length).write(to: file)
            let result = try BinaryRunner.run(["inspect", "--cells", file.path])
            #expect(!result.crashed, "cut at \(length) bytes crashed")
            #expect(result.status == 1, "cut at \(length) bytes was read")
            #expect(result.stderr.contains("cut_\(length).xlsx"))
        }
    }

    @Test func aMissingFileIsNamed() throws {
        let result = try BinaryRunner.run(["inspect", "/nonexistent/青石县.xlsx"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("青石县.xlsx"))
    }
}
