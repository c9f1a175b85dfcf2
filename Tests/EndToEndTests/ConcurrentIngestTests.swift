import Foundation
import Testing

/// Two `eduetl ingest` processes started together: on a new warehouse both create it and load
/// (migrations and the switch to WAL under the lock, retried), and two loading the same file load
/// it once (the same-bytes check under the write lock).
struct ConcurrentIngestTests {
    /// A running `eduetl` whose output goes to files (a pipe nobody reads could stall it).
    struct Started {
        let process: Process
        let stdout: URL
        let stderr: URL

        init(_ arguments: [String], in folder: URL, label: String, environment extra: [String: String] = [:]) throws {
            process = Process()
            process.executableURL = BinaryRunner.binary
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment.merge(extra) { _, new in new }
            process.environment = environment
            stdout = folder.appendingPathComponent("\(label).out")
            stderr = folder.appendingPathComponent("\(label).err")
            FileManager.default.createFile(atPath: stdout.path, contents: nil)
            FileManager.default.createFile(atPath: stderr.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: stdout)
            process.standardError = try FileHandle(forWritingTo: stderr)
            try process.run()
        }

        /// Waits (at most 60 s) and returns the result, as `BinaryRunner.run` would.
        func finish() throws -> BinaryRunner.Result {
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            return BinaryRunner.Result(status: process.terminationStatus,
                                       stdout: try String(contentsOf: stdout, encoding: .utf8),
                                       stderr: try String(contentsOf: stderr, encoding: .utf8),
                                       crashed: process.terminationReason == .uncaughtSignal)
        }
    }

    static func sample(_ name: String) -> String { IngestCommandTests.samples.appendingPathComponent(name).path }

    static func ingest(_ path: String, db: URL, json: Bool = false) -> [String] {
        ["ingest", path, "--db", db.path, "--catalogue", IngestCommandTests.catalogue, "--county", "360321", "--jobs", "1"]
            + (json ? ["--json"] : [])
    }

    @Test(.timeLimit(.minutes(5)))
    func twoIngestsOnANewWarehouseBothSucceed() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [Self.sample("龙潭镇中心小学2024年报.xlsx"), Self.sample("龙潭镇枫林小学2024年报表.xls")]
        var failures: [String] = []
        for trial in 1...20 {
            let db = folder.appendingPathComponent("w\(trial).sqlite")
            let started = try files.enumerated().map { index, path in
                try Started(Self.ingest(path, db: db), in: folder, label: "t\(trial)-\(index)")
            }
            for (index, result) in try started.map({ try $0.finish() }).enumerated() where result.status != 0 {
                failures.append("trial \(trial), process \(index + 1): exit \(result.status): \(result.stderr)")
            }
            #expect(try WarehouseQuery.lines(db, "SELECT status, count(*) FROM source_files GROUP BY status") == ["loaded | 2"], "trial \(trial)")
            #expect(try WarehouseQuery.lines(db, "SELECT status, count(*) FROM ingest_runs GROUP BY status") == ["finished | 2"], "trial \(trial)")
            #expect(try WarehouseQuery.lines(db, "PRAGMA journal_mode") == ["wal"], "trial \(trial)")
        }
        #expect(failures.isEmpty, "\(failures.count) of 40 ingests failed:\n\(failures.prefix(5).joined(separator: "\n"))")
    }

    /// The first process holds its load open for 1.5 s after its first value (debug hook), so the
    /// second reaches the same file while the first is loading it: it must find it loaded.
    @Test(.enabled(if: BuildConfiguration.isDebug, "the pause hook exists in debug builds only"), .timeLimit(.minutes(2)))
    func twoIngestsOfTheSameFileLoadItOnce() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let file = Self.sample("龙潭镇中心小学2024年报.xlsx")
        // The warehouse exists first, so both processes race on the load alone.
        let first = try BinaryRunner.run(Self.ingest(Self.sample("龙潭镇枫林小学2024年报表.xls"), db: db))
        #expect(first.status == 0, "\(first.stderr)")

        let pause = ["EDUETL_TEST_PAUSE_AFTER_VALUES": "1:1500"]
        let started = try (1...2).map { index in
            try Started(Self.ingest(file, db: db, json: true), in: folder, label: "p\(index)", environment: pause)
        }
        let results = try started.map { try $0.finish() }
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        let outcomes = try results.map { result in
            try IngestCommandTests.files(IngestCommandTests.summary(result)).compactMap { $0["outcome"] as? String }
        }
        #expect(outcomes.flatMap { $0 }.sorted() == ["loaded", "unchanged"])
        #expect(try WarehouseQuery.lines(db, "SELECT status, count(*) FROM source_files WHERE path = \(file.sqlQuoted) GROUP BY status")
                == ["loaded | 1"])
        #expect(try WarehouseQuery.count(db, "source_files", where: "status = 'superseded'") == 0)
    }
}
