import Foundation

/// Scripts/conformance's known-differences files: per workbook, the cells eduetl deliberately
/// reads otherwise than python-calamine ("cells", added or replacing calamine's) and the cells
/// calamine dumps that eduetl does not ("absent"), each with why. run.py applies the same files.
public struct KnownDifferences: Sendable {
    public var cells: [String]
    public var absent: [CellDumpComparison.Key]

    /// The entries of one file, by workbook name; empty when the file is missing or unreadable.
    public static func load(_ name: String) -> [String: KnownDifferences] {
        let url = RepositoryPaths.root.appendingPathComponent("Scripts/conformance/\(name)")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        var result: [String: KnownDifferences] = [:]
        for (book, entry) in object where !book.hasPrefix("_") {
            let fields = entry as? [String: Any] ?? [:]
            let cells = (fields["cells"] as? [[String: Any]] ?? []).compactMap { cell in
                (try? JSONSerialization.data(withJSONObject: cell)).map { String(decoding: $0, as: UTF8.self) }
            }
            let absent = (fields["absent"] as? [[String: Any]] ?? []).map { "\($0["sheet"] as? String ?? "")!\($0["ref"] as? String ?? "")" }
            result[book] = KnownDifferences(cells: cells, absent: absent)
        }
        return result
    }

    /// The expected cells with these differences applied.
    public func applied(to expected: CellDumpComparison.Cells) throws -> CellDumpComparison.Cells {
        var result = expected
        for key in absent { result[key] = nil }
        for (key, cell) in try CellDumpComparison.load(lines: cells) { result[key] = cell }
        return result
    }
}
