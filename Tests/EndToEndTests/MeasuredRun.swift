import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the binary as its own process and measures it: wall time, and peak resident memory from
/// the child's own rusage (wait4), so another test's processes never count. Output goes to files.
struct MeasuredRun {
    var status: Int32
    var signalled: Bool
    var seconds: Double
    var peakMB: Double
    var stdout: String
    var stderr: String

    static func run(_ arguments: [String]) throws -> MeasuredRun {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outPath = folder.appendingPathComponent("out").path, errPath = folder.appendingPathComponent("err").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([BinaryRunner.binary.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, BinaryRunner.binary.path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(start)
        let signalled = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
        return MeasuredRun(status: (status >> 8) & 0xFF, signalled: signalled, seconds: seconds,
                           peakMB: Double(usage.ru_maxrss) / 1024,
                           stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                           stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
