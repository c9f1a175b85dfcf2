import EduCore
@testable import EduNormalise
@testable import EduWarehouse
import Foundation
import Testing

/// Two processes loading the same bytes at once: the one that gets the write lock second finds
/// them loaded (unchanged) instead of superseding them with an identical version, because the
/// check is made under the lock. Two connections to one file stand for the two processes.
struct SameBytesRaceTests {
    final class SecondLoad: @unchecked Sendable {
        let warehouse: Warehouse
        let file: FileToLoad
        let run: Int64
        var result: Result<LoadResult, any Error>?
        let done = DispatchSemaphore(value: 0)

        init(warehouse: Warehouse, file: FileToLoad, run: Int64) {
            self.warehouse = warehouse
            self.file = file
            self.run = run
        }

        func start() {
            Thread.detachNewThread { [self] in
                result = Result { try warehouse.load(file, run: run) }
                done.signal()
            }
        }
    }

    @Test func theSameBytesLoadedMeanwhileByAnotherConnectionAreUnchanged() throws {
        let first = try HandMadeLoads.newWarehouse("same-bytes")
        defer { try? FileManager.default.removeItem(atPath: (first.path as NSString).deletingLastPathComponent) }
        let second = try Warehouse(path: first.path)
        let sheet = NormalisedSheet(sheet: SheetDescription(index: 0, name: "学校"), layout: .table(headerRows: 1...1, dataStart: 2),
                                    decisions: [], records: [], skipped: [], rejects: [], titles: [], declaredUnits: [], titleYear: nil)
        let part = HandMadeLoads.Part(code: "3603210301", name: "青石镇新华学校", type: "小学", stage: .primary, values: ["students": 300])
        let source = SourceFile(path: "新华.csv", absolutePath: "/returns/新华.csv", sha256: "same-bytes", bytes: 1, format: .csv)
        let file = FileToLoad(source: source, sheets: [SheetToLoad(sheet: sheet, records: [HandMadeLoads.record(part, row: 2)], rejects: [])],
                              warnings: [])
        let run = try second.startRun(command: "second")

        // The first connection is in the middle of loading those bytes: its row is not committed yet.
        try first.connection.execute("BEGIN IMMEDIATE")
        try first.connection.prepare("""
            INSERT INTO source_files (path, absolute_path, sha256, bytes, format, loaded_at, status, load_settings)
            VALUES (?, ?, ?, 1, 'csv', '2024-11-01T00:00:00Z', 'loaded', ?)
            """).run([.text(source.path), .text(source.absolutePath), .text(source.sha256), .text(source.settings)])
        let load = SecondLoad(warehouse: second, file: file, run: run)
        load.start()
        Thread.sleep(forTimeInterval: 0.5)
        try first.connection.execute("COMMIT")
        #expect(load.done.wait(timeout: .now() + 30) == .success)

        let result = try #require(load.result).get()
        #expect(result.outcome == .unchanged)
        #expect(try HandMadeLoads.dump("SELECT status, count(*) FROM source_files GROUP BY status", in: first.connection) == [["tloaded", "i1"]])
        #expect(try HandMadeLoads.dump("SELECT count(*) FROM loaded_values", in: first.connection) == [["i0"]])
    }
}
