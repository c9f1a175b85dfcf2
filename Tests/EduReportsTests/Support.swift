import Foundation
import Testing

/// A scratch folder removed when the value is dropped.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Names in the folder (hidden temporary files included), sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}

/// An external program run to completion, its output captured; `timeout` seconds at most
/// (coreutils timeout kills the program's whole process group, so soffice's children too).
struct ExternalRun {
    var status: Int32
    var stdout: String
    var stderr: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ arguments: [String], timeout: Int? = nil, environment: [String: String]? = nil) throws -> ExternalRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = arguments
        if let timeout { arguments = ["timeout", "-k", "5", String(timeout)] + arguments }
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        // stderr goes to a file, so a chatty program never blocks on a full pipe while stdout is read.
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer { try? errorHandle.close() }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderrData = (try? Data(contentsOf: errorURL)) ?? Data()
        return ExternalRun(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                           stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Whether `command` exits 0 (for deciding which cross-checks can run).
    static func succeeds(_ arguments: [String]) -> Bool {
        (try? run(arguments, timeout: 30).status) == 0
    }
}

/// Which outside readers this machine has; their cross-checks are skipped otherwise.
enum Tools {
    static let openpyxl = ExternalRun.succeeds(["python3", "-c", "import openpyxl"])
    static let calamine = ExternalRun.succeeds(["python3", "-c", "import python_calamine"])
    static let soffice = ExternalRun.succeeds(["sh", "-c", "command -v soffice"])

    /// Runs a Python script on `arguments` and decodes its stdout as JSON.
    static func pythonJSON(_ script: String, _ arguments: [String]) throws -> Any {
        let result = try ExternalRun.run(["python3", "-c", script] + arguments, timeout: 120)
        guard result.status == 0 else {
            throw ExternalRun.Failure(description: "python3 failed (\(result.status)): \(result.stderr)")
        }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }
}
