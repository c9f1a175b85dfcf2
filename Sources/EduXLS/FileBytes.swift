#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EduCore

/// A whole file read into memory, refused before any allocation when it is larger than `limit`
/// or not a regular file. The compound file reader works on the bytes; a .xls is rarely more
/// than a few tens of megabytes.
enum FileBytes {
    static func load(path: String, limit: UInt64) throws(CompoundFileError) -> [UInt8] {
        let location = SourceLocation(file: path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(location, detail: describe(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .cannotOpen(location, detail: describe(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            let detail = (info.st_mode & S_IFMT) == S_IFDIR ? describe(EISDIR) : "not a regular file"
            throw .cannotOpen(location, detail: detail)
        }
        let declared = UInt64(clamping: info.st_size)
        guard declared <= limit else { throw .fileTooLarge(location, size: declared, limit: limit) }
        guard let size = Int(exactly: declared) else { throw .fileTooLarge(location, size: declared, limit: limit) }
        var failure: Int32 = 0
        // Read straight into the array's storage (no zero-filling first); only the bytes read count,
        // so a file that shrank while being read keeps what was there.
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initializedCount in
            var total = 0
            defer { initializedCount = total }
            guard let base = buffer.baseAddress else { return }
            while total < size {
                let received = read(descriptor, base + total, size - total)
                if received < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if received == 0 { return }
                total += received
            }
        }
        guard failure == 0 else { throw .cannotRead(location, detail: describe(failure)) }
        return bytes
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
