#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EduCore

/// The archive file: owns its descriptor, closed in deinit, and reads it only with pread(2),
/// which keeps no file position, so one reader serves several streams and threads at once.
final class FileReader: Sendable {
    let path: String
    /// The size when opened; reads past it find end of file.
    let size: UInt64
    private let descriptor: Int32
    #if DEBUG
    private let hooks: ZipTestHooks?
    #endif

    init(path: String) throws(ZipError) {
        let location = SourceLocation(file: path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw .cannotOpen(location, errno: code, detail: Self.describe(code))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw .cannotOpen(location, errno: code, detail: Self.describe(code))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            let code = (info.st_mode & S_IFMT) == S_IFDIR ? EISDIR : EINVAL
            let detail = code == EISDIR ? Self.describe(code) : "not a regular file"
            throw .cannotOpen(location, errno: code, detail: detail)
        }
        self.path = path
        self.descriptor = descriptor
        self.size = UInt64(max(info.st_size, 0))
        #if DEBUG
        self.hooks = ZipTestHooks.current
        #endif
    }

    deinit {
        close(descriptor)
    }

    /// Fills `buffer` from `offset`, looping over short reads and EINTR; returns fewer than
    /// `buffer.count` bytes only at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(ZipError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let position = offset.addingReportingOverflow(UInt64(total))
            guard !position.overflow, position.partialValue < UInt64(Int64.max) else { break }
            var wanted = buffer.count - total
            #if DEBUG
            if let hooks {
                hooks.readCalls += 1
                if let most = hooks.maxBytesPerRead { wanted = min(wanted, max(most, 1)) }
            }
            #endif
            let received = pread(descriptor, base + total, wanted, off_t(position.partialValue))
            if received < 0 {
                let code = errno
                if code == EINTR { continue }
                throw .cannotRead(SourceLocation(file: path), errno: code, detail: Self.describe(code))
            }
            if received == 0 { break }
            total += received
        }
        return total
    }

    /// Up to `count` bytes from `offset` (fewer at end of file). `count` must be small and
    /// bounded by the format, never a count the file declares.
    func bytes(at offset: UInt64, count: Int) throws(ZipError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let received = try bytes.withMutableBytes { buffer throws(ZipError) in try read(into: buffer, at: offset) }
        bytes.removeSubrange(received...)
        return bytes
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
