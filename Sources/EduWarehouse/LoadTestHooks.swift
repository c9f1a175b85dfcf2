#if DEBUG
import Foundation

/// Debug builds only: EDUETL_TEST_STALL_AFTER_VALUES=N makes a load stop inside its transaction
/// after N values of a file, say so on stderr and wait, so a test can kill the process at a known
/// point (a real SIGKILL of a real child, mid-transaction).
enum LoadTestHooks {
    static let stallAfter: Int? = ProcessInfo.processInfo.environment["EDUETL_TEST_STALL_AFTER_VALUES"].flatMap(Int.init)

    static func afterValue(_ count: Int) {
        guard let stallAfter, count == stallAfter else { return }
        FileHandle.standardError.write(Data("eduetl-test: stalled inside a load after \(count) values\n".utf8))
        while true { sleep(60) }
    }
}
#endif
