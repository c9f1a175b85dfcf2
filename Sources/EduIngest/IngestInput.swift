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

extension FileDiscovery {
    /// The files the inputs stand for, each once, in the order first found. A file several inputs
    /// reach (a folder, and a file or subfolder in it named on its own) takes the settings of the
    /// most specific input: the one with the longest path.
    static func files(in inputs: [IngestInput]) throws -> [(path: String, input: IngestInput)] {
        var order: [String] = []
        var chosen: [String: IngestInput] = [:]
        for input in inputs {
            for path in try files(in: [input.path]) {
                if let earlier = chosen[path] {
                    if input.path.count > earlier.path.count { chosen[path] = input }
                } else {
                    order.append(path)
                    chosen[path] = input
                }
            }
        }
        return order.compactMap { path in chosen[path].map { (path, $0) } }
    }
}
