import ArgumentParser
import EduPipelines

/// `eduetl init [DIR]`: editable copies of the built-in catalogue and standards and a sample
/// pipeline, so eduetl runs in a folder of its own wherever it is installed.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Writes Pipelines/catalogue.yml, standards.yml and a sample pipeline into DIR (default: here), and returns/.")

    @Argument(help: "The folder to set up (created when missing).")
    var folder = "."

    func run() throws {
        // A folder that cannot be written ends with status 1 through EduETL's one error path.
        for path in try ProjectFolder.initialise(at: folder) { print("wrote \(path)") }
        print("next: drop the returns into returns/, then `eduetl run Pipelines/annual-returns.yml` (or `eduetl ingest returns`)")
    }
}
