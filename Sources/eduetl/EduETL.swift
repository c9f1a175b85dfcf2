import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

@main
struct EduETL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eduetl",
        abstract: "Reads Chinese school statistical returns (XLSX, CSV) into a SQLite warehouse.",
        discussion: "Exit status: 0 everything loaded (or unchanged) or written; 1 some files or folders could not be read (the "
            + "rest loaded), or a catalogue, standards or pipeline file is broken, or `eduetl audit` found an error; 2 usage errors (nothing is created); 3 "
            + "the warehouse failed.",
        version: EduETL.version,
        subcommands: [InspectCommand.self, HeadersCommand.self, IngestCommand.self, ReportCommand.self, AuditCommand.self,
                      RunCommand.self, ScheduleCommand.self, InitCommand.self, ServeCommand.self])

    /// Printed by `eduetl --version`.
    static let version = "eduetl 0.10.0"

    /// Every error becomes its sentence on stderr and its exit status here (ExitStatus decides).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            Glibc.exit(end(error).rawValue)
        }
    }

    /// Writes what the error says and gives the status it ends with.
    static func end(_ error: Error) -> ExitStatus {
        switch error {
        case let code as ExitCode:
            return code == .success ? .success : .rejected
        case let failure as CommandFailure:
            if let message = failure.message { StandardError.write("eduetl: \(message)\n") }
            return ExitStatus.of(failure)
        default:
            break
        }
        switch exitCode(for: error) {
        case .success:
            exit(withError: error)  // --help, --version: ArgumentParser prints them
        case .validationFailure:
            StandardError.write(fullMessage(for: error) + "\n")
            return .usage
        default:
            break
        }
        StandardError.write("eduetl: \(error)\n")
        return ExitStatus.of(error)
    }
}
