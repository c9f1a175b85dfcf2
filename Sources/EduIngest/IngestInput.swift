/// A folder, file or glob-expanded path to ingest, with the year and county its returns take
/// where they name none (as --year and --county). A pipeline may give each input its own: one
/// bureau's folder of township returns for 360321, another county's workbook for 360392.
public struct IngestInput: Sendable, Hashable, ExpressibleByStringLiteral {
    public var path: String
    public var year: Int?
    public var county: String?

    public init(path: String, year: Int? = nil, county: String? = nil) {
        self.path = path
        self.year = year
        self.county = county
    }

    public init(stringLiteral path: String) {
        self.init(path: path)
    }
}

/// A file an ingest will read, or a path it cannot (missing, a folder it cannot list), with the
/// input that reached it.
public struct FoundFile: Sendable {
    public var path: String
    public var input: IngestInput
    /// Why it cannot be read; nil for a file to read.
    public var problem: IngestError?

    /// Nothing is at the path the user named.
    public var isMissing: Bool {
        if case .missing = problem { return true }
        return false
    }
}

extension FileDiscovery {
    /// The files the inputs stand for, each once, in the order first found. A file several inputs
    /// reach (a folder, and a file or subfolder in it named on its own) takes the settings of the
    /// most specific input: the one with the longest path; of two with the same path (a glob's
    /// match and the same folder named with a county), the one that gives more settings.
    static func files(in inputs: [IngestInput]) -> [FoundFile] {
        var order: [String] = []
        var chosen: [String: (input: IngestInput, problem: IngestError?)] = [:]
        for input in inputs {
            for found in files(in: [input.path]) {
                if let earlier = chosen[found.path] {
                    if Self.specificity(input) > Self.specificity(earlier.input) { chosen[found.path] = (input, found.problem) }
                } else {
                    order.append(found.path)
                    chosen[found.path] = (input, found.problem)
                }
            }
        }
        return order.compactMap { path in chosen[path].map { FoundFile(path: path, input: $0.input, problem: $0.problem) } }
    }

    private static func specificity(_ input: IngestInput) -> (Int, Int) {
        (input.path.count, (input.year == nil ? 0 : 1) + (input.county == nil ? 0 : 1))
    }
}
