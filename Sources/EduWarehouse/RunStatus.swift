/// How a recorded ingest run stands (`ingest_runs.status`).
public enum IngestRunStatus: String, Sendable, CaseIterable {
    case running
    case finished
    /// Its process died before it finished (killed, or a trap); the next run marks it so.
    case interrupted
    case failed
}

/// How a pipeline run stands (`pipeline_runs.status`).
public enum PipelineRunStatus: String, Sendable, CaseIterable {
    case running
    case finished
    case failed
}
