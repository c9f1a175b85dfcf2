import ArgumentParser
import EduIngest
import EduPipelines
import EduWarehouse

/// How every subcommand ends, decided here and nowhere else:
/// 0 everything loaded, was unchanged or was written; 1 some input could not be read (a file or
/// folder rejected, a path missing among others, a broken catalogue, standards or pipeline file,
/// nothing to report; `eduetl audit` found an error in a return); 2 the command line is wrong (nothing is created); 3 the warehouse failed
/// (cannot be opened, is not a warehouse, SQLite failed while loading).
enum ExitStatus: Int32 {
    case success = 0
    case rejected = 1
    case usage = 2
    case warehouseFailed = 3

    /// The status an error ends the command with.
    static func of(_ error: Error) -> ExitStatus {
        switch error {
        case let failure as CommandFailure: return failure.status
        case is WarehouseError: return .warehouseFailed
        case IngestError.warehouseFailed: return .warehouseFailed
        case is PipelineRunner.Failure: return .warehouseFailed
        default: return .rejected
        }
    }
}

/// A command ending otherwise than with success: the sentence to print (nil when the command has
/// said what went wrong already, as ingest's summary lists the rejected files) and the status.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String?
    var status: ExitStatus

    var description: String { message ?? "" }

    /// The command line asks for something that cannot be: exit status 2, nothing created.
    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, status: .usage) }

    /// Some input could not be read, already reported: exit status 1.
    static let someRejected = CommandFailure(message: nil, status: .rejected)

    /// Some input could not be read, or there is nothing to do with it: exit status 1, with the sentence.
    static func rejected(_ message: String) -> CommandFailure { CommandFailure(message: message, status: .rejected) }

    /// The server could not listen (the port taken, the address not this machine's): exit status 3.
    static func cannotServe(_ message: String) -> CommandFailure { CommandFailure(message: message, status: .warehouseFailed) }

    /// `eduetl audit` found figures that cannot be right (its summary lists them): exit status 1,
    /// so a pipeline stops before exporting.
    static func auditErrors(_ count: Int) -> CommandFailure {
        CommandFailure(message: "the checks found \(count) error\(count == 1 ? "" : "s") in the returns; correct them and ingest again "
                           + "before exporting.", status: .rejected)
    }
}
