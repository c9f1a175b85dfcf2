#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether the process a run or a lock names is still there: a run left 'running' by a process
/// that is gone was interrupted, and a lock whose holder is gone is stale.
public enum ProcessLiveness {
    /// A process with this pid exists: kill(pid, 0) succeeds, or is refused for permission (EPERM:
    /// it exists, owned by someone else).
    public static func isAlive(_ pid: Int64?) -> Bool {
        guard let pid, pid > 0, let id = pid_t(exactly: pid) else { return false }
        if kill(id, 0) == 0 { return true }
        return errno == EPERM
    }

    /// The process that recorded a run is gone: not alive, or this very process (a pid reused
    /// from an earlier container or boot, since this one has not recorded a run yet).
    public static func recordedRunIsGone(_ pid: Int64?) -> Bool {
        guard let pid, let id = pid_t(exactly: pid), id != getpid() else { return true }
        return !isAlive(pid)
    }
}
