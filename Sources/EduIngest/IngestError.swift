import EduWarehouse

/// Why ingest could not start, could not read a path, or stopped: each names the path and says
/// what to do, and prints as one sentence.
public enum IngestError: Error, CustomStringConvertible, Sendable {
    /// Nothing stands at the path.
    case missing(String)
    /// The path is there but the system refuses it, with the OS's reason ("Permission denied").
    case cannotRead(String, String)
    /// A folder whose entries cannot be listed, with the OS's reason: its files were not read.
    case cannotList(String, String)
    /// A FIFO, socket, device or folder where a file was named: only regular files are read.
    case notAFile(String, kind: String)
    /// A file of 0 bytes.
    case empty(String)
    case noFiles([String])
    /// The warehouse failed while this file was being loaded: the batch stops.
    case warehouseFailed(file: String, WarehouseError)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such file or folder; check the path."
        case .cannotRead(let path, let reason):
            return "\(path): cannot read it (\(reason)); check its permissions."
        case .cannotList(let path, let reason):
            return "\(path): cannot list the folder (\(reason)), so its files were not read; check its permissions."
        case .notAFile(let path, let kind):
            return "\(path) is \(kind), not a file: only regular files are read."
        case .empty(let path):
            return "\(path) is empty (0 bytes): there is nothing to read; save the return again."
        case .noFiles(let paths):
            return "no .xlsx or .csv files in \(paths.joined(separator: ", ")); name files or folders that hold returns."
        case .warehouseFailed(let file, let error):
            return "the warehouse failed while loading \(file), so the batch stopped: \(error)"
        }
    }
}
