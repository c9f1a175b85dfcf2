import Crypto
import Foundation

/// A file's SHA-256 and size, read in chunks: the same bytes are recognised whatever the file is called.
enum FileDigest {
    static func sha256(path: String) throws -> (hex: String, bytes: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError.cannotRead(path, "cannot open the file")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var total = 0
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            total += chunk.count
        }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (hex, total)
    }
}
