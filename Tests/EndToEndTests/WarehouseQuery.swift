import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a warehouse from the outside, as a statistician's tool would: through Python's sqlite3
/// module (python3 is on every machine that builds eduetl; the sqlite3 shell is only installed
/// by `make bench-deps`). Each query is its own short-lived process and connection, so it sees
/// what is committed at that moment and nothing else.
enum WarehouseQuery {
    /// One SQLite value as Python's json module writes it.
    enum Value: Decodable, Equatable, CustomStringConvertible {
        case int(Int64)
        case double(Double)
        case text(String)
        case null

        /// The script tags each value with its SQLite storage class ({"i": 3}, {"f": 3.0}, {"t": "x"},
        /// null), so 3.0 stays a REAL however JSON spells it.
        private enum Tag: String, CodingKey { case i, f, t, b }

        init(from decoder: Decoder) throws {
            if try decoder.singleValueContainer().decodeNil() {
                self = .null
                return
            }
            let container = try decoder.container(keyedBy: Tag.self)
            if let number = try container.decodeIfPresent(Int64.self, forKey: .i) { self = .int(number) }
            else if let number = try container.decodeIfPresent(Double.self, forKey: .f) { self = .double(number) }
            else if let text = try container.decodeIfPresent(String.self, forKey: .t) { self = .text(text) }
            else { self = .text(try container.decode(String.self, forKey: .b)) }
        }

        var int: Int64? {
            switch self {
            case .int(let number): return number
            case .double(let number) where number == number.rounded(): return Int64(number)
            default: return nil
            }
        }
        var double: Double? {
            switch self {
            case .int(let number): return Double(number)
            case .double(let number): return number
            default: return nil
            }
        }
        var text: String? { if case .text(let text) = self { return text } else { return nil } }
        var isNull: Bool { self == .null }

        var description: String {
            switch self {
            case .int(let number): return "\(number)"
            case .double(let number): return "\(number)"
            case .text(let text): return text
            case .null: return "NULL"
            }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let script = """
        import json, pathlib, sqlite3, sys
        path, sql, mode = sys.argv[1], sys.argv[2], sys.argv[3]
        uri = pathlib.Path(path).resolve().as_uri() + ("?mode=ro" if mode == "ro" else "")
        connection = sqlite3.connect(uri, uri=True, timeout=5)
        try:
            rows = connection.execute(sql).fetchall()
        finally:
            connection.close()
        def tagged(value):
            if value is None: return None
            if isinstance(value, int): return {"i": value}
            if isinstance(value, float): return {"f": value}
            if isinstance(value, bytes): return {"b": value.hex()}
            return {"t": value}
        print(json.dumps([[tagged(value) for value in row] for row in rows], ensure_ascii=False))
        """

    /// Every row of `sql`. `readOnly` opens the file with mode=ro, as a reader beside a running load would.
    static func rows(_ database: URL, _ sql: String, readOnly: Bool = false) throws -> [[Value]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, database.path, sql, readOnly ? "ro" : "rw"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 sqlite3 query failed (\(process.terminationStatus)) on \(database.path): \(sql)\n"
                + String(decoding: stderr, as: UTF8.self))
        }
        return try JSONDecoder().decode([[Value]].self, from: stdout)
    }

    /// The first column of the first row.
    static func scalar(_ database: URL, _ sql: String, readOnly: Bool = false) throws -> Value {
        guard let value = try rows(database, sql, readOnly: readOnly).first?.first else {
            throw Failure(description: "no row for: \(sql)")
        }
        return value
    }

    static func int(_ database: URL, _ sql: String, readOnly: Bool = false) throws -> Int64 {
        let value = try scalar(database, sql, readOnly: readOnly)
        guard let number = value.int else { throw Failure(description: "not an integer (\(value)) for: \(sql)") }
        return number
    }

    static func count(_ database: URL, _ table: String, where condition: String = "1", readOnly: Bool = false) throws -> Int64 {
        try int(database, "SELECT count(*) FROM \(table) WHERE \(condition)", readOnly: readOnly)
    }

    /// Rows as text, one string per row with columns joined by " | ": easy to compare and to print.
    static func lines(_ database: URL, _ sql: String, readOnly: Bool = false) throws -> [String] {
        try rows(database, sql, readOnly: readOnly).map { $0.map(\.description).joined(separator: " | ") }
    }
}

extension String {
    /// SQL text literal.
    var sqlQuoted: String { "'" + replacingOccurrences(of: "'", with: "''") + "'" }
}

/// An `eduetl` child whose stderr is read as it arrives, so a test can wait for a line, then
/// kill the real process (not a shell around it) with SIGKILL. Every wait is capped.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var errBytes = Data()
    private var errClosed = false

    init(arguments: [String], environment extra: [String: String]) throws {
        process.executableURL = BinaryRunner.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "EDUETL_TEST_STALL_AFTER_VALUES")
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        process.standardError = err
        try process.run()
        let reading = err.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = reading.availableData
                lock.lock()
                if chunk.isEmpty { errClosed = true } else { errBytes.append(chunk) }
                lock.unlock()
                if chunk.isEmpty { break }
            }
        }
    }

    var pid: pid_t { process.processIdentifier }

    var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: errBytes, as: UTF8.self)
    }

    /// True once stderr holds `text`; false when the child exits first or `timeout` passes.
    func waitForStderr(containing text: String, timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stderr.contains(text) { return true }
            if !process.isRunning {
                // Give the reader a moment to drain what the child wrote before exiting.
                Thread.sleep(forTimeInterval: 0.1)
                return stderr.contains(text)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// Waits for the child to end, at most `timeout` seconds; false if it is still running.
    @discardableResult
    func waitForExit(timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return !process.isRunning
    }

    /// SIGKILL to the child itself, then waits (capped) for it to be reaped.
    @discardableResult
    func killHard() -> Bool {
        if process.isRunning { kill(pid, SIGKILL) }
        return waitForExit()
    }
}

enum BuildConfiguration {
    /// The test hooks (EDUETL_TEST_STALL_AFTER_VALUES) exist in debug builds only; the tests are
    /// built in the same configuration as the binary they run.
    static var isDebug: Bool {
        #if DEBUG
        return true
        #else
        return false
        #endif
    }
}
