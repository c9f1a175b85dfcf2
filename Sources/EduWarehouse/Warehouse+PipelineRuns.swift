import Foundation

/// The runs of scheduled pipelines, stored in `pipeline_runs` (migration 003-pipeline-runs). What
/// a run's slot means, and which runs the scheduler counts, is EduPipelines' to say.
extension Warehouse {
    /// One row of `pipeline_runs`.
    public struct PipelineRun: Sendable, Equatable {
        public var id: Int64
        public var pipeline: String
        public var file: String
        /// The cron slot the run was for, as stored (ISO 8601, UTC); nil for a run by hand.
        public var slot: String?
        public var startedAt: String
        public var finishedAt: String?
        public var status: PipelineRunStatus
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

        var status: PipelineRunStatus { failed ? .failed : .finished }
    }

    /// Records a pipeline run as running, in one transaction with marking the pipeline's runs
    /// still 'running' failed with `staleMessage` (the caller holds the pipeline's lock, so those
    /// were killed); returns the new run's id.
    public func startPipelineRun(pipeline: String, file: String, slot: String?, staleMessage: String) throws -> Int64 {
        try connection.transaction {
            try connection.prepare("UPDATE pipeline_runs SET status = ?, finished_at = ?, message = ? WHERE pipeline = ? AND status = ?")
                .run([.text(PipelineRunStatus.failed.rawValue), .text(Self.now()), .text(staleMessage), .text(pipeline),
                      .text(PipelineRunStatus.running.rawValue)])
            try connection.prepare("INSERT INTO pipeline_runs (pipeline, file, slot, started_at, status) VALUES (?, ?, ?, ?, ?)")
                .run([.text(pipeline), .text(file), .optional(slot), .text(Self.now()), .text(PipelineRunStatus.running.rawValue)])
            return connection.lastInsertID
        }
    }

    /// Records how the run ended: finished, or failed with the message.
    public func finishPipelineRun(_ id: Int64, _ outcome: PipelineRunOutcome) throws {
        try connection.prepare("""
            UPDATE pipeline_runs SET finished_at = ?, status = ?, ingest_run_id = ?, files_loaded = ?, files_unchanged = ?,
                files_rejected = ?, exports = ?, message = ? WHERE id = ?
            """).run([.text(Self.now()), .text(outcome.status.rawValue),
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
            let statusText = try row.requiredText("status", database: path)
            guard let status = PipelineRunStatus(rawValue: statusText) else {
                throw WarehouseError(.unexpectedValue(column: "status", value: statusText), database: path)
            }
            let exports = row.text("exports") ?? ""
            return PipelineRun(id: try row.requiredInt("id", database: path), pipeline: try row.requiredText("pipeline", database: path),
                               file: try row.requiredText("file", database: path), slot: row.text("slot"),
                               startedAt: try row.requiredText("started_at", database: path), finishedAt: row.text("finished_at"),
                               status: status, ingestRunID: row.int("ingest_run_id"), filesLoaded: row.count("files_loaded"),
                               filesUnchanged: row.count("files_unchanged"), filesRejected: row.count("files_rejected"),
                               exports: exports.isEmpty ? [] : exports.components(separatedBy: "\n"), message: row.text("message"))
        }
    }
}
