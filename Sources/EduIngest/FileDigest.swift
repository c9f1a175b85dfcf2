import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// A file's SHA-256 and size, read in chunks: the same bytes are recognised whatever the file is called.
enum FileDigest {
    static func sha256(path: String) throws(IngestError) -> (hex: String, bytes: Int) {
        // O_NONBLOCK: a FIFO that slipped past the check does not make open wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotRead(path, OSReason.text(errno)) }
        defer { close(descriptor) }
        var hasher = SHA256()
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path, OSReason.text(errno))
            }
            if count == 0 { break }
            hasher.update(data: buffer[0..<count])
            total += count
        }
        let hex = hasher.finalize().map { byte in (byte < 0x10 ? "0" : "") + String(byte, radix: 16) }.joined()
        return (hex, total)
    }
}
