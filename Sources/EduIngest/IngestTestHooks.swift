#if DEBUG
import Foundation

/// Debug builds only: EDUETL_TEST_TRAP_READING=NAME makes the worker about to read the file named
/// NAME (its last path component) trap, as a bug in a reader would, once the file is recorded as
/// being read; a test then checks that the next run names it.
enum IngestTestHooks {
    static let trapReading: String? = ProcessInfo.processInfo.environment["EDUETL_TEST_TRAP_READING"]

    static func startsReading(_ path: String) {
        guard let trapReading, (path as NSString).lastPathComponent == trapReading else { return }
        FileHandle.standardError.write(Data("eduetl-test: trapping while reading \(path)\n".utf8))
        fatalError("EDUETL_TEST_TRAP_READING: \(path)")
    }
}
#endif
