import Foundation

/// Paths of the repository and of ../shared beside it.
public enum RepositoryPaths {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let conformance = root.deletingLastPathComponent().appendingPathComponent("shared/conformance")
    public static var hasConformance: Bool {
        FileManager.default.fileExists(atPath: conformance.appendingPathComponent("calamine-expected").path)
    }
    /// ../shared/conformance-xls: the .xls corpus.
    public static let conformanceXLS = root.deletingLastPathComponent().appendingPathComponent("shared/conformance-xls")
    public static var hasConformanceXLS: Bool {
        FileManager.default.fileExists(atPath: conformanceXLS.appendingPathComponent("calamine-expected").path)
    }
}
