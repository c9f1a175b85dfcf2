import EduWarehouse
import Foundation

/// The scheduler's decisions, with the time passed in: which pipelines are due at `now` (from
/// their warehouses' `pipeline_runs`), and running each due one once, one at a time, under its lock.
public struct DueRuns {
    /// What happened to one pipeline in a `runDue` pass.
    public enum Outcome: Sendable {
        case notDue
        case ran(slot: Date, PipelineRunner.Result)
        /// Another live process is running it.
        case locked(slot: Date, pid: Int32)
        /// It could not be run or recorded at all.
        case error(slot: Date?, String)
    }

    public var timeZone: TimeZone
    public var workers: Int
    public var log: (String) -> Void

    /// China Standard Time (UTC+8, no daylight saving), fixed where the zone database lacks it.
    public static let defaultTimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current

    public init(timeZone: TimeZone = DueRuns.defaultTimeZone, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                log: @escaping (String) -> Void = { _ in }) {
        self.timeZone = timeZone
        self.workers = workers
        self.log = log
    }

    /// The scheduler's last run of a pipeline: the latest slot of a finished run (failed runs do
    /// not count, so the next pass retries). Nil when the warehouse is not there yet.
    public static func lastRun(of spec: PipelineSpec) throws -> Date? {
        try history(of: spec)?.slots().lastFinished
    }

    /// The latest run of a pipeline, whatever its status; nil when none or no warehouse yet.
    public static func latestRun(of spec: PipelineSpec) throws -> Warehouse.PipelineRun? {
        try history(of: spec)?.latest()
    }

    /// The pipeline's runs in its warehouse; nil when the warehouse is not there yet (looking
    /// must not create it).
    static func history(of spec: PipelineSpec) throws -> PipelineHistory? {
        guard FileManager.default.fileExists(atPath: spec.warehouse) else { return nil }
        return PipelineHistory(warehouse: try Warehouse(path: spec.warehouse), pipeline: spec.name)
    }

    /// The slot the pipeline is due for at `now`, or nil (no schedule, or no slot since its last run).
    public func dueSlot(_ spec: PipelineSpec, now: Date) throws -> Date? {
        guard let schedule = spec.schedule else { return nil }
        let slots = try Self.history(of: spec)?.slots()
        if let last = slots?.lastFinished {
            return schedule.isDue(lastRun: last, now: now, timeZone: timeZone)
        }
        // Never finished, but tried: the failed first run is retried from its slot on, as a failed
        // later run is, not left until the next slot (a year, for an annual pipeline).
        if let attempted = slots?.firstAttempted {
            return schedule.isDue(lastRun: attempted.addingTimeInterval(-1), now: now, timeZone: timeZone)
        }
        return schedule.isDue(lastRun: nil, now: now, timeZone: timeZone)
    }

    /// The next slot strictly after `now`.
    public func nextSlot(_ spec: PipelineSpec, after now: Date) -> Date? {
        spec.schedule?.next(after: now, in: timeZone)
    }

    /// Runs every pipeline due at `now`, once each (for its latest missed slot), one at a time.
    public func runDue(_ specs: [PipelineSpec], now: Date) -> [(spec: PipelineSpec, outcome: Outcome)] {
        var outcomes: [(PipelineSpec, Outcome)] = []
        for spec in specs {
            outcomes.append((spec, runIfDue(spec, now: now)))
        }
        return outcomes
    }

    public func runIfDue(_ spec: PipelineSpec, now: Date) -> Outcome {
        let slot: Date
        do {
            guard let due = try dueSlot(spec, now: now) else { return .notDue }
            slot = due
        } catch {
            return .error(slot: nil, "\(spec.name): cannot read its last run from \(spec.warehouse): \(error)")
        }
        let lock: RunLock
        do {
            lock = try RunLock.acquire(path: RunLock.path(warehouse: spec.warehouse, pipeline: spec.name))
        } catch {
            if case .held(let pid) = error { return .locked(slot: slot, pid: pid) }
            return .error(slot: slot, "\(spec.name): \(error)")
        }
        defer { lock.release() }
        // Another process may have run it between the check and the lock.
        do {
            guard try dueSlot(spec, now: now) != nil else { return .notDue }
        } catch {
            return .error(slot: slot, "\(spec.name): cannot read its last run from \(spec.warehouse): \(error)")
        }
        do {
            let result = try PipelineRunner(spec: spec, workers: workers, log: log).run(slot: slot)
            return .ran(slot: slot, result)
        } catch {
            return .error(slot: slot, "\(error)")
        }
    }
}
