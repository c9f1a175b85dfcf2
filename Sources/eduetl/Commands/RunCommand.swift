import ArgumentParser
import EduPipelines
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Runs a pipeline file once: its inputs ingested, then its summaries exported.",
        discussion: "The inputs (folders, files, `*`/`?` globs in the last path component; a missing folder counts as empty) are "
            + "ingested with the pipeline's year, county, catalogue and standards, then each export is written (every year "
            + "the warehouse holds for the counties when the pipeline names no year). The run is recorded in the warehouse's "
            + "pipeline_runs. Exit status 1 when the run fails (recorded as failed, with the reason; what was ingested and "
            + "exported before stays), or the pipeline is already running.")

    @Argument(help: "The pipeline file (e.g. Pipelines/annual-returns.yml).")
    var pipeline: String

    @Option(help: "Files read and normalised at once (default: one per core).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() throws {
        let spec = try PipelineSpecLoader.load(path: pipeline)
        for note in spec.notes { StandardError.write("eduetl: note: \(note)\n") }
        let lock: RunLock
        do {
            lock = try RunLock.acquire(path: RunLock.path(warehouse: spec.warehouse, pipeline: spec.name))
        } catch {
            if case .held(let pid) = error {
                throw CommandFailure.rejected("pipeline \(spec.name) is already running (pid \(pid))")
            }
            throw error
        }
        defer { lock.release() }
        let runner = PipelineRunner(spec: spec, workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                    log: { line in print("eduetl run: \(line)") })
        let result = try runner.run(slot: nil)
        if result.failed {
            throw CommandFailure.rejected("pipeline \(spec.name) failed (run \(result.runID)): \(result.message ?? "")")
        }
        print("eduetl run: pipeline \(spec.name) finished (run \(result.runID)): \(result.message ?? "")")
    }
}
