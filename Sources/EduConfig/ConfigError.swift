/// An editable file (catalogue, standards, pipeline) that cannot be used: the file, the line it
/// broke on where known, and what is wrong, printed as one sentence that says what to fix.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var problem: String
    /// What the file is, for the advice at the end ("the catalogue"); nil for none.
    public var what: String?

    public init(file: String, line: Int?, problem: String, what: String? = nil) {
        self.file = file
        self.line = line
        self.problem = problem
        self.what = what
    }

    public var description: String {
        let at = line.map { " line \($0)" } ?? ""
        return "\(file)\(at): \(problem)" + (what.map { "; fix \($0) and run again." } ?? "")
    }
}
