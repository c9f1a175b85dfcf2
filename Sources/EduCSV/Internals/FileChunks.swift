#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif
import EduCore

/// A file read front to back in chunks with read(2); owns its descriptor, closed in deinit.
final class FileChunks {
    let path: String
    private let descriptor: Int32
    private(set) var atEnd = false

    init(path: String) throws(CSVError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CSVError(.cannotOpen(Self.describe(errno)), at: SourceLocation(file: path))
        }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw CSVError(.cannotOpen(Self.describe(EISDIR)), at: SourceLocation(file: path))
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Fills `buffer` as far as the file allows, looping over short reads and EINTR; returns the
    /// bytes read, fewer than `buffer.count` only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int {
        guard let start = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let received = systemRead(descriptor, start + total, buffer.count - total)
            if received < 0 {
                let code = errno
                if code == EINTR { continue }
                throw CSVError(.cannotRead(Self.describe(code)), at: SourceLocation(file: path))
            }
            if received == 0 {
                atEnd = true
                break
            }
            total += received
        }
        return total
    }

    /// The next `count` bytes, fewer at the end of the file.
    func read(upTo count: Int) throws(CSVError) -> [UInt8] {
        let buffer = ByteBuffer(capacity: count)
        try buffer.append(upTo: count) { destination throws(CSVError) in
            try read(into: UnsafeMutableRawBufferPointer(start: destination, count: count))
        }
        return buffer.withBytes { Array($0) }
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
