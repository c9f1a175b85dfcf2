import Foundation

/// Recorded runs (`ingest_runs`) and the files each is in the middle of (`run_files`): a run whose
/// process died (killed, or a trap) is marked 'interrupted' by the next run, naming those files.
extension Warehouse {
    /// A run found 'running' whose process is gone, now marked 'interrupted'.
    public struct InterruptedRun: Sendable, Equatable {
        public var id: Int64
        public var startedAt: String
        /// The files it was loading, then those it was reading, when it stopped.
        public var loading: [String]
        public var reading: [String]
        /// What `ingest_runs.message` says.
        public var message: String
    }

    /// The state of a run's file, recorded as the run goes (`run_files.state`).
    public enum RunFileState: String, Sendable {
        case reading, read, loading, done
    }

    /// Starts a recorded run for process `pid`, and in the same transaction marks the runs left
    /// 'running' whose process `isGone` says is gone 'interrupted', each with a message naming the
    /// files it was loading or reading; returns them too. (Whether a process is gone is the
    /// caller's to say: the warehouse stores, it does not look at processes.)
    public func startRun(command: String, pid: Int64,
                         isGone: (_ pid: Int64?) -> Bool) throws -> (id: Int64, interrupted: [InterruptedRun]) {
        try connection.transaction {
            var interrupted: [InterruptedRun] = []
            let running = try connection.prepare("SELECT id, pid, started_at FROM ingest_runs WHERE status = ?")
                .rows([.text(IngestRunStatus.running.rawValue)])
            for row in running {
                let id = try row.requiredInt("id", database: path)
                guard isGone(row.int("pid")) else { continue }
                let run = try interruptedRun(id, startedAt: row.text("started_at") ?? "?")
                try connection.prepare("UPDATE ingest_runs SET status = ?, message = ? WHERE id = ?")
                    .run([.text(IngestRunStatus.interrupted.rawValue), .text(run.message), .int(id)])
                interrupted.append(run)
            }
            try connection.prepare("INSERT INTO ingest_runs (started_at, status, pid, command) VALUES (?, ?, ?, ?)")
                .run([.text(Self.now()), .text(IngestRunStatus.running.rawValue), .int(pid), .text(command)])
            return (connection.lastInsertID, interrupted)
        }
    }

    private func interruptedRun(_ id: Int64, startedAt: String) throws -> InterruptedRun {
        let rows = try connection.prepare("SELECT path, state FROM run_files WHERE run_id = ? AND state IN (?, ?) ORDER BY position")
            .rows([.int(id), .text(RunFileState.reading.rawValue), .text(RunFileState.loading.rawValue)])
        let loading = rows.filter { $0.text("state") == RunFileState.loading.rawValue }.compactMap { $0.text("path") }
        let reading = rows.filter { $0.text("state") == RunFileState.reading.rawValue }.compactMap { $0.text("path") }
        var parts = loading.map { "loading \($0)" }
        if !reading.isEmpty { parts.append("reading " + reading.joined(separator: ", ")) }
        let place = parts.isEmpty ? "between files" : "while " + parts.joined(separator: "; ")
        let message = "interrupted: the process ended \(place); nothing of a file it had not finished is stored. "
            + "Run the same ingest again to finish the batch; if it stops at the same file again, "
            + "`eduetl inspect FILE` shows where reading it fails."
        return InterruptedRun(id: id, startedAt: startedAt, loading: loading, reading: reading, message: message)
    }

    /// Records the files' new states in one transaction (a file not yet recorded is recorded).
    public func recordRunFiles(_ run: Int64, _ changes: [(position: Int, path: String, state: RunFileState)]) throws {
        guard !changes.isEmpty else { return }
        try connection.transaction {
            let upsert = try connection.prepare("""
                INSERT INTO run_files (run_id, position, path, state, started_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(run_id, position) DO UPDATE SET state = excluded.state
                """)
            let now = Self.now()
            for change in changes {
                try upsert.run([.int(run), .int(Int64(change.position)), .text(change.path), .text(change.state.rawValue), .text(now)])
            }
        }
    }

    public struct RunCounts: Sendable, Equatable {
        public var filesLoaded = 0, filesUnchanged = 0, filesRejected = 0, values = 0, rejects = 0, conflicts = 0
        public init() {}
    }

    public func finishRun(_ id: Int64, counts: RunCounts, failed: Bool = false) throws {
        try connection.prepare("""
            UPDATE ingest_runs SET finished_at = ?, status = ?, files_loaded = ?, files_unchanged = ?, files_rejected = ?,
                values_loaded = ?, rejects = ?, conflicts = ? WHERE id = ?
            """).run([.text(Self.now()), .text((failed ? IngestRunStatus.failed : .finished).rawValue), .int(Int64(counts.filesLoaded)),
                      .int(Int64(counts.filesUnchanged)), .int(Int64(counts.filesRejected)), .int(Int64(counts.values)),
                      .int(Int64(counts.rejects)), .int(Int64(counts.conflicts)), .int(id)])
    }
}
