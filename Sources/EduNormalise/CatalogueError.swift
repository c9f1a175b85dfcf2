/// A catalogue file that cannot be used, with the line it broke on.
public struct CatalogueError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var problem: String

    public init(file: String, line: Int?, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        let at = line.map { " line \($0)" } ?? ""
        return "\(file)\(at): \(problem); fix the catalogue and run again."
    }
}
