import Foundation

/// Where a configuration file comes from when none is named: the environment variable, else the
/// file in Pipelines/ of the working directory, else the copy built into the binary (so eduetl
/// works wherever it is installed).
public enum DefaultConfig: Sendable, Equatable {
    case file(String)
    /// The built-in text, with a name that changes when the text does (it decides whether a file
    /// loads again, as a file's digest does).
    case builtIn(text: String, source: String)

    /// `named` is a path a flag or a pipeline gives; nil, or the default path itself (a pipeline
    /// that leaves it so), means the default, resolved as for a command with no flag.
    public static func resolve(named: String? = nil, environment variable: String, file: String, builtIn text: String,
                               what: String) -> DefaultConfig {
        if let named, named != file { return .file(named) }
        if let named = ProcessInfo.processInfo.environment[variable], !named.isEmpty { return .file(named) }
        if FileManager.default.fileExists(atPath: file) { return .file(file) }
        return .builtIn(text: text, source: "the built-in \(what) (\(fingerprint(text)))")
    }

    /// FNV-1a over the UTF-8 bytes, as 16 hex digits: stable across runs and builds.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }
}
