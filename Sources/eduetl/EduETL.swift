import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

@main
struct EduETL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eduetl",
        abstract: "Reads Chinese school statistical returns (XLSX, CSV) into a SQLite warehouse.",
        version: EduETL.version,
        subcommands: [InspectCommand.self, HeadersCommand.self, IngestCommand.self, ReportCommand.self,
                      RunCommand.self, ScheduleCommand.self, InitCommand.self])

    /// Printed by `eduetl --version`.
    static let version = "eduetl 0.10.0"

    /// Usage errors exit with status 2, as scripts expect of a command line tool.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardError.write(fullMessage(for: error) + "\n")
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
