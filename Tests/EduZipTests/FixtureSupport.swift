import Foundation
import Testing
@testable import EduZip

/// The fixtures written by Scripts/fixtures/make_zip_fixtures.py, and what they hold.
enum Fixture {
    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    static func open(_ name: String, limits: ZipLimits = .default) throws -> ZipArchive {
        try ZipArchive(path: path(name), limits: limits)
    }

    static let hello = Array("Hello, eduetl!\n".utf8)
    static let numbers = Array((0..<2000).map { "\($0),\($0 * $0)\n" }.joined().utf8)
    static let roster = Array("学校名单\n第一小学\n".utf8)

    /// The shared folder beside the repository (../shared), nil when absent.
    static let sharedDirectory: URL? = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }()
}

/// Reads a stream to its end through a buffer of `chunk` bytes.
func readAll(_ stream: ZipEntryStream, chunk: Int) throws -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
        let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
        if count == 0 { return result }
        #expect(count <= chunk)
        result.append(contentsOf: buffer[..<count])
    }
}

/// Runs `body` with fresh debug hooks bound to this test's task.
func withHooks<R>(_ configure: (ZipTestHooks) -> Void = { _ in },
                  _ body: (ZipTestHooks) throws -> R) rethrows -> R {
    let hooks = ZipTestHooks()
    configure(hooks)
    return try ZipTestHooks.$current.withValue(hooks) { try body(hooks) }
}
