import Foundation

/// Reads expected cell dumps (JSON Lines, the conformance format) and compares a workbook with
/// them, by the rules of ../shared/conformance/compare.py: same type and value per cell; numbers
/// within 1e-9 relative; any reading accepted where a duration is expected; no extra non-empty cells
/// but error cells.
public enum CellDumpComparison {
    public typealias Cells = [Key: [String: Any]]
    public typealias Key = String  // "Sheet!A1"

    public static func load(_ url: URL) throws -> [Key: [String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try load(lines: text.split(separator: "\n").map(String.init))
    }

    public static func load(lines: [String]) throws -> [Key: [String: Any]] {
        var cells: [Key: [String: Any]] = [:]
        for line in lines where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            cells["\(object["sheet"] as? String ?? "")!\(object["ref"] as? String ?? "")"] = object
        }
        return cells
    }

    /// The first difference, described, or nil when the dumps agree.
    /// `exactDurations`: compare durations as numbers of days (our fixtures) instead of accepting
    /// any reading (the calamine corpus, which prints Python's own text for them).
    public static func firstDifference(expected: [Key: [String: Any]], actual: [Key: [String: Any]],
                                exactDurations: Bool = false) -> String? {
        for key in expected.keys.sorted() {
            let want = expected[key]!
            guard let got = actual[key] else { return "\(key): missing, want \(want)" }
            if !same(want, got, exactDurations: exactDurations) { return "\(key): want \(want), got \(got)" }
        }
        for key in actual.keys.sorted() where expected[key] == nil {
            if let value = actual[key]?["value"] as? String, value.isEmpty { continue }
            // As compare.py: python-calamine drops error cells, so an extra cell typed error is accepted.
            if actual[key]?["type"] as? String == "error" { continue }
            return "\(key): unexpected \(actual[key]!)"
        }
        return nil
    }

    private static func same(_ want: [String: Any], _ got: [String: Any], exactDurations: Bool) -> Bool {
        let type = want["type"] as? String
        if type == "duration" && !exactDurations { return true }
        guard type == got["type"] as? String else { return false }
        switch type {
        case "number", "duration":
            guard let a = (want["value"] as? NSNumber)?.doubleValue, let b = (got["value"] as? NSNumber)?.doubleValue else { return false }
            return abs(a - b) <= max(1e-9 * max(abs(a), abs(b)), 1e-12)
        case "bool":
            return (want["value"] as? Bool) == (got["value"] as? Bool)
        default:
            return (want["value"] as? String) == (got["value"] as? String)
        }
    }
}
