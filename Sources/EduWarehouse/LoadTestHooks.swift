#if DEBUG
import Foundation

/// Debug builds only, so tests can act at a known point of a load (a real SIGKILL of a real
/// child, mid-transaction; a second process racing the first):
/// - EDUETL_TEST_STALL_AFTER_VALUES=N makes a load stop inside its transaction after N values of
///   a file, say so on stderr and wait forever;
/// - EDUETL_TEST_PAUSE_AFTER_VALUES=N:MS makes it wait MS milliseconds there, then go on.
enum LoadTestHooks {
    static let stallAfter: Int? = ProcessInfo.processInfo.environment["EDUETL_TEST_STALL_AFTER_VALUES"].flatMap(Int.init)

    static let pause: (after: Int, milliseconds: UInt32)? = {
        guard let text = ProcessInfo.processInfo.environment["EDUETL_TEST_PAUSE_AFTER_VALUES"] else { return nil }
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] >= 0 else { return nil }
        return (parts[0], UInt32(min(parts[1], 60_000)))
    }()

    static func afterValue(_ count: Int) {
        if let pause, count == pause.after {
            FileHandle.standardError.write(Data("eduetl-test: pausing inside a load after \(count) values\n".utf8))
            usleep(pause.milliseconds * 1000)
        }
        guard let stallAfter, count == stallAfter else { return }
        FileHandle.standardError.write(Data("eduetl-test: stalled inside a load after \(count) values\n".utf8))
        while true { sleep(60) }
    }
}
#endif
