import EduWarehouse
import Foundation

/// The scheduler's state, kept in a warehouse's `pipeline_runs`: the slot each run was for, which
/// runs count as the scheduler's last, and the failed first run it retries.
public struct PipelineHistory {
    public let warehouse: Warehouse
    public let pipeline: String

    public init(warehouse: Warehouse, pipeline: String) {
        self.warehouse = warehouse
        self.pipeline = pipeline
    }

    /// Why a run found still 'running' when its pipeline's lock is taken again ended.
    static let staleMessage = "interrupted: the process ended before the run did"

    /// Records a run for `slot` (nil: by hand); a run of the pipeline still 'running' was killed
    /// (the caller holds the lock) and is marked failed, saying so.
    public func start(file: String, slot: Date?) throws -> Int64 {
        try warehouse.startPipelineRun(pipeline: pipeline, file: file, slot: slot.map(Self.slotText), staleMessage: Self.staleMessage)
    }

    public func runs() throws -> [Warehouse.PipelineRun] {
        try warehouse.pipelineRuns(pipeline: pipeline)
    }

    /// The latest run, whatever its status.
    public func latest() throws -> Warehouse.PipelineRun? {
        try runs().last
    }

    /// What the scheduler reads of the runs, from one query.
    public struct Slots: Sendable, Equatable {
        /// The latest slot a finished run was for: the scheduler's last run. Failed runs and runs
        /// by hand (no slot) do not count.
        public var lastFinished: Date?
        /// The earliest slot any run was for, whatever its status: a first run that failed leaves
        /// one, so the scheduler retries from it as it retries later runs.
        public var firstAttempted: Date?
    }

    public func slots() throws -> Slots {
        let runs = try runs()
        return Slots(lastFinished: runs.filter { $0.status == .finished }.compactMap { Self.slotDate($0.slot) }.max(),
                     firstAttempted: runs.compactMap { Self.slotDate($0.slot) }.min())
    }

    /// Slots are stored as ISO 8601 in UTC (`2024-08-31T22:00:00Z`).
    static let slotFormat = Date.ISO8601FormatStyle(timeZone: .gmt)

    public static func slotText(_ date: Date) -> String {
        date.formatted(slotFormat)
    }

    public static func slotDate(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? slotFormat.parse(text)
    }
}
