import EduCore
import EduIngest

/// `eduetl ingest`'s summary, as text or JSON.
enum IngestReport {
    static func text(_ summary: Ingest.Summary, database: String) -> String {
        let c = summary.counts
        var out = "eduetl ingest: \(summary.files.count) files: \(c.filesLoaded) loaded, \(c.filesUnchanged) unchanged, "
            + "\(c.filesRejected) rejected; \(c.values) values, \(c.rejects) rejects, \(c.conflicts) conflicts → \(database) (run \(summary.run))\n"
        for run in summary.interrupted {
            out += "  run \(run.id) (started \(run.startedAt)) was \(run.message)\n"
        }
        for file in summary.files {
            switch file.outcome {
            case .loaded(let values, let rejects, let conflicts, let superseded):
                var line = "  loaded     \(file.path): \(values) values"
                if rejects > 0 { line += ", \(rejects) rejects" }
                if conflicts > 0 { line += ", \(conflicts) conflicts (the later file wins)" }
                if !superseded.isEmpty { line += "; supersedes the earlier version" }
                out += line + "\n"
            case .unchanged:
                out += "  unchanged  \(file.path): these bytes are loaded already\n"
            case .rejected(let reason):
                // Most reasons name the file already (the readers' errors start with it): once is enough.
                out += "  rejected   \(reason.hasPrefix(file.path) ? reason : "\(file.path): \(reason)")\n"
            }
            for warning in file.warnings { out += "    warning: \(warning)\n" }
        }
        return out
    }

    static func json(_ summary: Ingest.Summary, database: String) -> String {
        let c = summary.counts
        let files = summary.files.map { file -> String in
            var fields = ["\"path\": \(CellDump.quoted(file.path))"]
            switch file.outcome {
            case .loaded(let values, let rejects, let conflicts, let superseded):
                fields += ["\"outcome\": \"loaded\"", "\"values\": \(values)", "\"rejects\": \(rejects)", "\"conflicts\": \(conflicts)",
                           "\"superseded\": [\(superseded.map(CellDump.quoted).joined(separator: ", "))]"]
            case .unchanged:
                fields.append("\"outcome\": \"unchanged\"")
            case .rejected(let reason):
                fields += ["\"outcome\": \"rejected\"", "\"reason\": \(CellDump.quoted(reason))"]
            }
            fields.append("\"warnings\": [\(file.warnings.map(CellDump.quoted).joined(separator: ", "))]")
            return "{" + fields.joined(separator: ", ") + "}"
        }
        let interrupted = summary.interrupted.map { run in
            "{\"run\": \(run.id), \"loading\": [\(run.loading.map(CellDump.quoted).joined(separator: ", "))], "
                + "\"reading\": [\(run.reading.map(CellDump.quoted).joined(separator: ", "))], \"message\": \(CellDump.quoted(run.message))}"
        }
        return """
        {"database": \(CellDump.quoted(database)), "run": \(summary.run), "interrupted_runs": [\(interrupted.joined(separator: ", "))], \
        "files_loaded": \(c.filesLoaded), \
        "files_unchanged": \(c.filesUnchanged), "files_rejected": \(c.filesRejected), "values": \(c.values), \
        "rejects": \(c.rejects), "conflicts": \(c.conflicts),
         "files": [\(files.joined(separator: ",\n  "))]}

        """
    }
}
