import Foundation

/// Runs the binary as its own process and measures it: wall time, and peak resident memory from
/// the child's own rusage (wait4). The binary is started by a small python3 process, not by the
/// test process: Linux carries a parent's memory high-water mark into a child it spawns, and the
/// test process is large, while python3 is a few MB.
struct MeasuredRun: Decodable {
    var status: Int32
    var signal: Int32
    var seconds: Double
    var peakMB: Double
    var stdout: String
    var stderr: String

    var signalled: Bool { signal != 0 }

    static let script = """
        import json, os, sys, time
        out, err = sys.argv[1], sys.argv[2]
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
            os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
            try:
                os.execv(sys.argv[3], sys.argv[3:])
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        seconds = time.monotonic() - start
        print(json.dumps({"status": os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1,
                          "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0,
                          "seconds": seconds, "peakMB": usage.ru_maxrss / 1024,
                          "stdout": open(out, encoding="utf-8", errors="replace").read(),
                          "stderr": open(err, encoding="utf-8", errors="replace").read()}))
        """

    static func run(_ arguments: [String]) throws -> MeasuredRun {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.appendingPathComponent("out").path,
                             folder.appendingPathComponent("err").path, BinaryRunner.binary.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(MeasuredRun.self, from: data)
    }
}
