/// A file's warnings in the order first said, each once: the resolver may say the same thing for
/// every row, and a file may hold thousands of rows, so repeats are found by hash, not by scanning.
struct FileWarnings {
    private(set) var list: [String] = []
    private var seen: Set<String> = []

    mutating func add(_ warning: String) {
        if seen.insert(warning).inserted { list.append(warning) }
    }

    mutating func add(contentsOf warnings: [String]) {
        for warning in warnings { add(warning) }
    }
}
