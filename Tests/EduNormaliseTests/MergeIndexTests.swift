import EduCore
@testable import EduNormalise
import Foundation
import Testing

/// Merged ranges are kept as ranges: a look-up answers as expanding every range into its cells
/// did (the later range winning where two overlap, ranges over 10,000 cells left out), and memory
/// grows with the number of ranges. 1,000 large merges used to take 1.2 GB, 10,000 some 12 GB.
@Suite(.serialized) struct MergeIndexTests {
    /// The old answer, computed cell by cell for the cells asked about.
    static func expanded(_ ranges: [CellRange], _ row: Int, _ column: Int) -> CellRange? {
        ranges.last { $0.rowCount * $0.columnCount <= MergeIndex.maxMergedCells && $0.contains(CellPosition(row: row, column: column)) }
    }

    @Test(arguments: [1, 7, 60, 400])
    func answersAsExpandingTheRangesDid(seed: UInt64) {
        var generator = StreamingTests.Generator(state: seed)
        var ranges: [CellRange] = []
        for _ in 0..<300 {
            let row = generator.next(80) + 1, column = generator.next(20) + 1
            let height = generator.pick([1, 2, 3, 10, 40, 5000]), width = generator.pick([1, 2, 4, 12, 3])
            ranges.append(CellRange(first: CellPosition(row: row, column: column),
                                    last: CellPosition(row: row + height - 1, column: column + width - 1)))
        }
        ranges.append(CellRange(first: CellPosition(row: 1, column: 1), last: CellPosition(row: SheetLimits.maxRows, column: 1)))
        let index = MergeIndex(ranges)
        for row in 1...130 {
            for column in 1...36 {
                #expect(index.range(row, column) == Self.expanded(ranges, row, column), "\(row) \(column)")
            }
        }
        #expect(MergeIndex([]).range(1, 1) == nil)
    }

    /// `count` merges of 100 × 100 cells, overlapping (each a row below the last) or disjoint
    /// (each under the last), beside a table of schools.
    static func sheet(merges count: Int, overlapping: Bool) -> SheetTable {
        var rows = [Row(number: 1, cells: [Cell(column: 1, value: .string("学校名称")), Cell(column: 2, value: .string("在校学生数"))])]
        for number in 2...60 {
            rows.append(Row(number: number, cells: [Cell(column: 1, value: .string("第\(number)小学")), Cell(column: 2, value: .number(Double(number)))]))
        }
        let merges = (0..<count).map { index in
            let top = overlapping ? 1 + index % 50 : 1 + 100 * index
            return CellRange(first: CellPosition(row: top, column: 4), last: CellPosition(row: top + 99, column: 103))
        }
        return SheetTable(sheet: SheetDescription(index: 0, name: "小学"), rows: rows, mergedRanges: merges)
    }

    /// Peak resident memory so far (VmHWM), in bytes; nil where /proc is not there.
    static func peakResident() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kilobytes * 1024
    }

    @Test(arguments: [(1_000, false), (1_000, true), (10_000, false), (10_000, true)])
    func largeMergesNormaliseInBoundedMemory(count: Int, overlapping: Bool) throws {
        let table = Self.sheet(merges: count, overlapping: overlapping)
        let before = Self.peakResident()
        let whole = HostileSheetTests.normaliser.normalise(table)
        var source = StreamingTests.LateMergesSource(sheet: table.sheet, rows: table.rows, merges: table.mergedRanges)
        let streamed = try HostileSheetTests.normaliser.normalise(&source)
        #expect(whole.records.count == 59)
        #expect(streamed.records == whole.records)
        // Expanded, 1,000 disjoint merges were 10 million cells (1.2 GB); the index holds each range
        // twice. The peak may also count other suites' work in this process: the bound is loose.
        #expect(MergeIndex(table.mergedRanges).storedEntries == 2 * count)
        if let before, let after = Self.peakResident() {
            #expect(after - before < 300 << 20, "peak resident memory grew by \((after - before) >> 20) MB")
        } else {
            #if os(Linux)
            Issue.record("no VmHWM in /proc/self/status: the memory bound was not checked")
            #endif
        }
    }
}
