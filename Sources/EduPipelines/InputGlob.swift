import EduIngest
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A pipeline's inputs made into paths for the ingest: a folder or file is kept when it exists;
/// `*` and `?` in the last path component (`returns/*.xlsx`, `returns/县?_2024.csv`) are expanded
/// against that folder, sorted, hidden files and Office lock files (`~$…`) passed over. A folder
/// or file that is missing, and a pattern whose folder is missing, count as empty, not as errors:
/// a pipeline's drop folder may not have been made yet.
public enum InputGlob {
    public static func hasWildcard(_ text: String) -> Bool {
        text.contains("*") || text.contains("?")
    }

    /// The paths one input stands for.
    public static func expand(_ input: String) -> [String] {
        let manager = FileManager.default
        let last = (input as NSString).lastPathComponent
        guard hasWildcard(last) else {
            return manager.fileExists(atPath: input) ? [input] : []
        }
        var folder = (input as NSString).deletingLastPathComponent
        let shown = folder
        if folder.isEmpty { folder = "." }
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { name in
            !name.hasPrefix(".") && !name.hasPrefix("~$") && fnmatch(last, name, 0) == 0
        }.sorted().map { shown.isEmpty ? $0 : (shown as NSString).appendingPathComponent($0) }
    }

    /// Every input expanded with its year and county, in order. A path two inputs reach stays
    /// twice: the ingest's discovery keeps each file once, with the most specific input's settings.
    public static func expand(_ inputs: [IngestInput]) -> [IngestInput] {
        inputs.flatMap { input in expand(input.path).map { IngestInput(path: $0, year: input.year, county: input.county) } }
    }
}
