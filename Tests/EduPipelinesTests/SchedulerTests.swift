import EduIngest
@testable import EduPipelines
import EduWarehouse
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The scheduler with the time passed in, over a real warehouse's pipeline_runs: missed slots run
/// once, a failed run is retried on the next call; the per-pipeline lock; the inputs' globs.
@Suite struct SchedulerTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalogue = root.appendingPathComponent("Pipelines/catalogue.yml").path
    static let standards = root.appendingPathComponent("Pipelines/standards.yml").path

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-pipelines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// An hourly pipeline over an input folder that does not exist (nothing to ingest) and no exports.
    static func hourly(in folder: URL, catalogue: String = SchedulerTests.catalogue) throws -> PipelineSpec {
        PipelineSpec(name: "hourly", inputs: [IngestInput(path: folder.appendingPathComponent("drop").path)],
                     warehouse: folder.appendingPathComponent("w.sqlite").path, catalogue: catalogue, standards: standards,
                     schedule: try CronSchedule("0 * * * *"), source: folder.appendingPathComponent("hourly.yml").path)
    }

    /// Records a finished run for `slot`, as an earlier scheduler pass would have.
    static func seedFinished(_ spec: PipelineSpec, slot: Date) throws {
        let warehouse = try Warehouse(path: spec.warehouse)
        let id = try PipelineHistory(warehouse: warehouse, pipeline: spec.name).start(file: spec.source, slot: slot)
        try warehouse.finishPipelineRun(id, Warehouse.PipelineRunOutcome())
    }

    @Test func missedSlotsRunOnceForTheLatest() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.hourly(in: folder)
        let t0 = at("2024-09-01 00:00", shanghai)
        try Self.seedFinished(spec, slot: t0)
        let now = at("2024-09-01 05:30", shanghai)
        #expect(spec.schedule!.slots(after: t0, through: now, in: shanghai).count == 5)

        let scheduler = DueRuns(timeZone: shanghai, workers: 1)
        #expect(try scheduler.dueSlot(spec, now: now) == at("2024-09-01 05:00", shanghai))
        guard case .ran(let slot, let result) = scheduler.runIfDue(spec, now: now) else {
            Issue.record("expected a run")
            return
        }
        #expect(slot == at("2024-09-01 05:00", shanghai))
        #expect(!result.failed, "\(result.message ?? "")")
        guard case .notDue = scheduler.runIfDue(spec, now: now) else {
            Issue.record("the second call at the same time ran again")
            return
        }
        let runs = try Warehouse(path: spec.warehouse).pipelineRuns(pipeline: spec.name)
        #expect(runs.count == 2)
        #expect(runs.last?.status == .finished)
        #expect(PipelineHistory.slotDate(runs.last?.slot) == at("2024-09-01 05:00", shanghai))
        #expect(runs.last?.ingestRunID == nil, "a missing input folder is empty: nothing ingested")
        #expect(try DueRuns.lastRun(of: spec) == at("2024-09-01 05:00", shanghai))
    }

    @Test func aFailedRunIsRetriedOnTheNextCall() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = try Self.hourly(in: folder, catalogue: folder.appendingPathComponent("missing-catalogue.yml").path)
        let t0 = at("2024-09-01 00:00", shanghai)
        try Self.seedFinished(broken, slot: t0)
        let now = at("2024-09-01 01:10", shanghai)
        let scheduler = DueRuns(timeZone: shanghai, workers: 1)

        guard case .ran(_, let failed) = scheduler.runIfDue(broken, now: now) else {
            Issue.record("expected a (failed) run")
            return
        }
        #expect(failed.failed)
        #expect(failed.message?.isEmpty == false)
        #expect(try DueRuns.lastRun(of: broken) == t0, "a failed run does not count")

        let fixed = try Self.hourly(in: folder)
        guard case .ran(let slot, let retried) = scheduler.runIfDue(fixed, now: now) else {
            Issue.record("the failed slot was not retried")
            return
        }
        #expect(slot == at("2024-09-01 01:00", shanghai))
        #expect(!retried.failed, "\(retried.message ?? "")")
        guard case .notDue = scheduler.runIfDue(fixed, now: now) else {
            Issue.record("ran a third time")
            return
        }
        let statuses = try Warehouse(path: fixed.warehouse).pipelineRuns(pipeline: fixed.name).map(\.status)
        #expect(statuses == [.finished, .failed, .finished])
    }

    @Test func aNeverRunPipelineWaitsForItsSlot() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.hourly(in: folder)
        let scheduler = DueRuns(timeZone: shanghai, workers: 1)
        #expect(try scheduler.dueSlot(spec, now: at("2024-09-01 05:30", shanghai)) == nil)
        #expect(try scheduler.dueSlot(spec, now: at("2024-09-01 05:00", shanghai)) == at("2024-09-01 05:00", shanghai))
        #expect(!FileManager.default.fileExists(atPath: spec.warehouse), "checking creates no warehouse")
    }

    /// Issue 11: a failed first-ever run is retried by the next call, not left until the next slot.
    @Test func aFailedFirstRunIsRetriedOnTheNextCall() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = try Self.hourly(in: folder, catalogue: folder.appendingPathComponent("missing-catalogue.yml").path)
        let scheduler = DueRuns(timeZone: shanghai, workers: 1)
        guard case .ran(let slot, let failed) = scheduler.runIfDue(broken, now: at("2024-09-01 05:00", shanghai)) else {
            Issue.record("expected a (failed) first run at its slot")
            return
        }
        #expect(slot == at("2024-09-01 05:00", shanghai) && failed.failed)
        // Ten minutes later the slot is still owed: the next call retries it.
        let fixed = try Self.hourly(in: folder)
        let later = at("2024-09-01 05:10", shanghai)
        #expect(try scheduler.dueSlot(fixed, now: later) == at("2024-09-01 05:00", shanghai))
        guard case .ran(_, let retried) = scheduler.runIfDue(fixed, now: later) else {
            Issue.record("the failed first run was not retried")
            return
        }
        #expect(!retried.failed, "\(retried.message ?? "")")
        guard case .notDue = scheduler.runIfDue(fixed, now: later) else {
            Issue.record("ran a third time")
            return
        }
    }

    // MARK: the lock

    @Test func aLockHeldByALiveProcessIsRefused() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.sqlite.hourly.lock").path
        #expect(RunLock.path(warehouse: folder.appendingPathComponent("w.sqlite").path, pipeline: "hourly") == path)
        try "\(getpid())\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RunLock.Failure.held(pid: getpid())) { _ = try RunLock.acquire(path: path) }
        #expect(RunLock.holder(of: path) == getpid(), "a refused lock is left alone")

        // The scheduler passes over a due pipeline whose lock is held.
        let spec = try Self.hourly(in: folder)
        guard case .locked(_, let pid) = DueRuns(timeZone: shanghai).runIfDue(spec, now: at("2024-09-01 05:00", shanghai)) else {
            Issue.record("expected the pipeline to be passed over as locked")
            return
        }
        #expect(pid == getpid())
    }

    @Test func aLockHeldByADeadProcessIsTakenOver() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let dead = process.processIdentifier
        #expect(!ProcessLiveness.isAlive(Int64(dead)))
        let path = folder.appendingPathComponent("w.sqlite.hourly.lock").path
        try "\(dead)\n".write(toFile: path, atomically: true, encoding: .utf8)

        let lock = try RunLock.acquire(path: path)
        #expect(RunLock.holder(of: path) == getpid())
        #expect(throws: RunLock.Failure.held(pid: getpid())) { _ = try RunLock.acquire(path: path) }
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    // MARK: globs

    @Test func inputGlobsExpandInTheLastComponent() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["县A_2024.xlsx", "县B_2024.xlsx", "c.csv", ".hidden.xlsx", "~$县A_2024.xlsx", "notes.txt"] {
            try Data("x".utf8).write(to: folder.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let base = folder.path
        #expect(InputGlob.expand("\(base)/*.xlsx") == ["\(base)/县A_2024.xlsx", "\(base)/县B_2024.xlsx"])
        #expect(InputGlob.expand("\(base)/县?_2024.*") == ["\(base)/县A_2024.xlsx", "\(base)/县B_2024.xlsx"])
        #expect(InputGlob.expand("\(base)/?.csv") == ["\(base)/c.csv"])
        #expect(InputGlob.expand("\(base)/s*") == ["\(base)/sub"])
        #expect(InputGlob.expand("\(base)/*.xls") == [])
        #expect(InputGlob.expand("\(base)/missing/*.xlsx") == [], "a missing folder is empty")
        #expect(InputGlob.expand("\(base)/missing") == [], "a missing folder is empty")
        #expect(InputGlob.expand(base) == [base])
        let inputs = ["\(base)/c.csv", "\(base)/*.csv", "\(base)/missing"].map { IngestInput(path: $0) }
        #expect(Ingest.discover(InputGlob.expand(inputs)).map(\.path) == ["\(base)/c.csv"])
    }
}

/// A folder a glob reaches and the same folder named with its own county: its files take the county.
struct GlobAndNamedInputTests {
    @Test func theInputThatNamesACountyWinsOverTheGlobThatReachesTheSameFolder() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-glob-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: "\(base)/东湖区", withIntermediateDirectories: true)
        try Data("a\n".utf8).write(to: URL(fileURLWithPath: "\(base)/东湖区/a.csv"))
        let inputs = [IngestInput(path: "\(base)/*"), IngestInput(path: "\(base)/东湖区", county: "360392")]
        let found = Ingest.discover(InputGlob.expand(inputs))
        #expect(found.map(\.path) == ["\(base)/东湖区/a.csv"])
        #expect(found.first?.input.county == "360392")
    }
}
