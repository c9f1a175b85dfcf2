import Foundation

/// The runs of scheduled pipelines, in the table `pipeline_runs` (migration 003-pipeline-runs).
extension Warehouse {
    /// One row of `pipeline_runs`.
    public struct PipelineRun: Sendable, Equatable {
        public var id: Int64
        public var pipeline: String
        public var file: String
        /// The cron slot the run was for; nil for a run asked for by hand (`eduetl run`).
        public var slot: Date?
        public var startedAt: String
        public var finishedAt: String?
        /// 'running', 'finished' or 'failed'.
        public var status: String
        public var ingestRunID: Int64?
        public var filesLoaded: Int
        public var filesUnchanged: Int
        public var filesRejected: Int
        /// The paths exported, in order.
        public var exports: [String]
        public var message: String?
    }

    /// How a pipeline run ended, as `finishPipelineRun` records it.
    public struct PipelineRunOutcome: Sendable, Equatable {
        public var failed: Bool
        public var ingestRunID: Int64?
        public var filesLoaded: Int
        public var filesUnchanged: Int
        public var filesRejected: Int
        public var exports: [String]
        public var message: String?

        public init(failed: Bool = false, ingestRunID: Int64? = nil, filesLoaded: Int = 0, filesUnchanged: Int = 0,
                    filesRejected: Int = 0, exports: [String] = [], message: String? = nil) {
            self.failed = failed
            self.ingestRunID = ingestRunID
            self.filesLoaded = filesLoaded
            self.filesUnchanged = filesUnchanged
            self.filesRejected = filesRejected
            self.exports = exports
            self.message = message
        }
    }

    /// Slots are stored as ISO 8601 in UTC (`2024-08-31T22:00:00Z`).
    public static func slotText(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func slotDate(_ text: String?) -> Date? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// Records a pipeline run as 'running'; returns its id. The caller holds the pipeline's lock,
    /// so a run of it still 'running' was killed: it is marked failed, and says so.
    public func startPipelineRun(pipeline: String, file: String, slot: Date?) throws -> Int64 {
        try connection.prepare(
            "UPDATE pipeline_runs SET status = 'failed', finished_at = ?, message = 'interrupted: the process ended before the run did' WHERE pipeline = ? AND status = 'running'"
        ).run([.text(Self.now()), .text(pipeline)])
        try connection.prepare("INSERT INTO pipeline_runs (pipeline, file, slot, started_at, status) VALUES (?, ?, ?, ?, 'running')")
            .run([.text(pipeline), .text(file), .optional(slot.map(Self.slotText)), .text(Self.now())])
        return connection.lastInsertID
    }

    /// Records how the run ended: 'finished', or 'failed' with the message.
    public func finishPipelineRun(_ id: Int64, _ outcome: PipelineRunOutcome) throws {
        try connection.prepare("""
            UPDATE pipeline_runs SET finished_at = ?, status = ?, ingest_run_id = ?, files_loaded = ?, files_unchanged = ?,
                files_rejected = ?, exports = ?, message = ? WHERE id = ?
            """).run([.text(Self.now()), .text(outcome.failed ? "failed" : "finished"),
                      outcome.ingestRunID.map { .int($0) } ?? .null, .int(Int64(outcome.filesLoaded)),
                      .int(Int64(outcome.filesUnchanged)), .int(Int64(outcome.filesRejected)),
                      .text(outcome.exports.joined(separator: "\n")), .optional(outcome.message), .int(id)])
    }

    /// The runs of a pipeline, oldest first.
    public func pipelineRuns(pipeline: String) throws -> [PipelineRun] {
        try connection.prepare("""
            SELECT id, pipeline, file, slot, started_at, finished_at, status, ingest_run_id, files_loaded, files_unchanged,
                   files_rejected, exports, message
            FROM pipeline_runs WHERE pipeline = ? ORDER BY id
            """).rows([.text(pipeline)]).map { row in
            let exports = row[11].text ?? ""
            return PipelineRun(id: row[0].int ?? 0, pipeline: row[1].text ?? "", file: row[2].text ?? "",
                               slot: Self.slotDate(row[3].text), startedAt: row[4].text ?? "", finishedAt: row[5].text,
                               status: row[6].text ?? "", ingestRunID: row[7].int, filesLoaded: Int(row[8].int ?? 0),
                               filesUnchanged: Int(row[9].int ?? 0), filesRejected: Int(row[10].int ?? 0),
                               exports: exports.isEmpty ? [] : exports.components(separatedBy: "\n"), message: row[12].text)
        }
    }

    /// The latest run of a pipeline, whatever its status.
    public func latestPipelineRun(pipeline: String) throws -> PipelineRun? {
        try pipelineRuns(pipeline: pipeline).last
    }

    /// The latest slot a finished run of the pipeline ran for: the scheduler's last run. Failed
    /// runs and runs by hand (no slot) do not count.
    public func lastFinishedSlot(pipeline: String) throws -> Date? {
        try connection.prepare("SELECT slot FROM pipeline_runs WHERE pipeline = ? AND status = 'finished' AND slot IS NOT NULL")
            .rows([.text(pipeline)]).compactMap { Self.slotDate($0.first?.text) }.max()
    }
}
