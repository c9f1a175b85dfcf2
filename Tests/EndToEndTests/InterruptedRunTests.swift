import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A run that dies (a trap in a reader, SIGKILL mid-load) loses nothing silently: each file is
/// recorded as it starts being read and loaded, and the next run marks the dead run
/// 'interrupted', naming the file in its output and in `ingest_runs.message`.
struct InterruptedRunTests {
    static let paths = ["龙潭镇中心小学2024年报.xlsx", "龙潭镇枫林小学2024年报表.xls", "龙潭镇龙潭学校2024年报.xlsx", "桃源乡2024年学校基本数据.csv"]
        .map { IngestCommandTests.samples.appendingPathComponent($0).path }

    static func arguments(db: URL, json: Bool = false) -> [String] {
        ["ingest"] + paths + ["--db", db.path, "--catalogue", IngestCommandTests.catalogue, "--county", "360321", "--jobs", "1"]
            + (json ? ["--json"] : [])
    }

    /// The rerun: it finishes the batch and names the dead run's file in its text and its JSON.
    static func rerunNames(_ file: String, as state: String, db: URL, deadPID: Int32) throws {
        #expect(try WarehouseQuery.lines(db, "SELECT status, pid FROM ingest_runs") == ["running | \(deadPID)"])
        let text = try BinaryRunner.run(arguments(db: db))
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("run 1 ") && text.stdout.contains("was interrupted") && text.stdout.contains("\(state) \(file)"),
                "\(text.stdout)")
        let message = try WarehouseQuery.lines(db, "SELECT message FROM ingest_runs WHERE id = 1").first ?? ""
        #expect(message.hasPrefix("interrupted: the process ended while ") && message.contains("\(state) \(file)"), "\(message)")
        #expect(try WarehouseQuery.lines(db, "SELECT id, status FROM ingest_runs ORDER BY id") == ["1 | interrupted", "2 | finished"])
        #expect(try WarehouseQuery.count(db, "source_files", where: "status = 'loaded'") == Int64(paths.count))
        #expect(try WarehouseQuery.count(db, "run_files", where: "run_id = 2 AND state <> 'done'") == 0)
        // Marked once: a third run reports no interrupted run.
        let third = try BinaryRunner.run(arguments(db: db, json: true))
        #expect(third.status == 0, "\(third.stderr)")
        #expect(try IngestCommandTests.summary(third)["interrupted_runs"] as? [Any] != nil)
        #expect((try IngestCommandTests.summary(third)["interrupted_runs"] as? [Any])?.isEmpty == true)
    }

    @Test(.enabled(if: BuildConfiguration.isDebug, "the trap hook exists in debug builds only"), .timeLimit(.minutes(2)))
    func aTrapWhileReadingIsNamedByTheNextRun() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let trapped = Self.paths[2]
        let child = try ChildProcess(arguments: Self.arguments(db: db),
                                     environment: ["EDUETL_TEST_TRAP_READING": (trapped as NSString).lastPathComponent])
        defer { child.killHard() }
        #expect(child.waitForExit(), "the child did not trap within 30 s: \(child.stderr)")
        #expect(child.process.terminationReason == .uncaughtSignal, "\(child.stderr)")
        #expect(child.stderr.contains("trapping while reading \(trapped)"))
        #expect(try WarehouseQuery.lines(db, "SELECT path, state FROM run_files WHERE run_id = 1 AND state = 'reading'")
                == ["\(trapped) | reading"])
        try Self.rerunNames(trapped, as: "reading", db: db, deadPID: child.pid)
    }

    @Test(.enabled(if: BuildConfiguration.isDebug, "the stall hook exists in debug builds only"), .timeLimit(.minutes(2)))
    func aLoadKilledWithSIGKILLIsNamedByTheNextRun() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        // The first three files have fewer than 40 values: the fourth stalls mid-transaction.
        let stalled = Self.paths[3]
        let child = try ChildProcess(arguments: Self.arguments(db: db), environment: ["EDUETL_TEST_STALL_AFTER_VALUES": "40"])
        defer { child.killHard() }
        guard child.waitForStderr(containing: IngestCommandTests.stallMarker) else {
            Issue.record("the child did not stall within 30 s: \(child.stderr)")
            return
        }
        #expect(try WarehouseQuery.lines(db, "SELECT path, state FROM run_files WHERE run_id = 1 AND state <> 'done'", readOnly: true)
                == ["\(stalled) | loading"])
        let pid = child.pid
        #expect(child.killHard(), "the child did not die within 30 s of SIGKILL")
        #expect(child.process.terminationStatus == SIGKILL)
        try Self.rerunNames(stalled, as: "loading", db: db, deadPID: pid)
    }
}
