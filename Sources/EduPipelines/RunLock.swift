import EduIngest
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One pipeline run at a time: a lock file `<warehouse>.<name>.lock` holding the pid of the
/// process running it, created with O_CREAT|O_EXCL so two processes cannot both take it. A lock
/// whose pid is no longer alive (the run was killed) is stale and taken over.
public final class RunLock {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// A live process holds the lock.
        case held(pid: Int32)
        case cannotCreate(String, String)

        public var description: String {
            switch self {
            case .held(let pid): return "the lock is held by pid \(pid)"
            case .cannotCreate(let path, let reason): return "cannot create the lock file \(path): \(reason)"
            }
        }
    }

    public let path: String
    public let pid: Int32
    private var released = false

    /// The lock file of a pipeline: next to its warehouse.
    public static func path(warehouse: String, pipeline: String) -> String {
        "\(warehouse).\(pipeline).lock"
    }

    /// The pid a lock file holds, if it holds one.
    public static func holder(of path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private init(path: String, pid: Int32) {
        self.path = path
        self.pid = pid
    }

    /// Takes the lock for this process, or throws `.held` naming the live pid that has it.
    public static func acquire(path: String, pid: Int32 = getpid()) throws(Failure) -> RunLock {
        for _ in 0..<5 {
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            if fd >= 0 {
                let text = "\(pid)\n"
                _ = text.withCString { write(fd, $0, strlen($0)) }
                close(fd)
                return RunLock(path: path, pid: pid)
            }
            let code = errno
            guard code == EEXIST else {
                throw .cannotCreate(path, String(cString: strerror(code)))
            }
            if let holder = holder(of: path) {
                if ProcessLiveness.isAlive(Int64(holder)) { throw .held(pid: holder) }
            } else if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                      let modified = attributes[.modificationDate] as? Date, Date().timeIntervalSince(modified) < 5 {
                // Just created by another process that has not written its pid yet.
                usleep(100_000)
                continue
            }
            // Stale: its process is gone. Remove it and try again (another process may win the race).
            unlink(path)
        }
        if let holder = holder(of: path) { throw .held(pid: holder) }
        throw .cannotCreate(path, "it keeps reappearing")
    }

    /// Removes the lock file, when it is still this process's.
    public func release() {
        guard !released else { return }
        released = true
        if Self.holder(of: path) == pid { unlink(path) }
    }

    deinit { release() }
}
