/// Why ingest could not start, or could not read a file.
public enum IngestError: Error, CustomStringConvertible, Sendable {
    case cannotRead(String, String)
    case noFiles([String])

    public var description: String {
        switch self {
        case .cannotRead(let path, let detail): return "\(path): \(detail)."
        case .noFiles(let paths): return "no .xlsx or .csv files in \(paths.joined(separator: ", ")); name files or folders that hold returns."
        }
    }
}
