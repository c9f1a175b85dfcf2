extension Schema {
    /// Migration 005: each file of a run recorded as it starts being read, when it has been read,
    /// as it starts loading and when it is done, so a run that never finished (its process killed
    /// or crashed) names the files it was in the middle of; `ingest_runs.message` says so.
    static let runFilesMigration = """
        ALTER TABLE ingest_runs ADD COLUMN message TEXT;
        CREATE TABLE run_files (
            run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
            position INTEGER NOT NULL,
            path TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('reading', 'read', 'loading', 'done')),
            started_at TEXT NOT NULL,
            PRIMARY KEY (run_id, position)
        );
        """
}
