#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EduCore

/// The file a `ZipWriter` writes: a temporary file created beside the destination (same folder,
/// so same file system) with O_EXCL and mode 0666 less the umask, renamed over the destination
/// by `commit()` after fsync(2). Until then the destination is untouched; `discard()` or deinit
/// removes the temporary file. Owns its descriptor.
final class AtomicFile {
    /// The destination as the caller named it; errors name it.
    let destination: String
    let temporaryPath: String
    /// Bytes written so far: where the next `append` goes.
    private(set) var size: UInt64 = 0
    private var descriptor: Int32
    #if DEBUG
    private let hooks: ZipWriterTestHooks?
    #endif

    init(destination: String) throws(ZipWriteError) {
        let location = SourceLocation(file: destination)
        var info = stat()
        if stat(destination, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw .cannotCreate(location, errno: EISDIR, detail: Self.describe(EISDIR))
        }
        let (folder, base) = Self.split(destination)
        var attempt = 0
        while true {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let candidate = folder + "." + base + "." + suffix + ".tmp"
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 {
                self.destination = destination
                self.temporaryPath = candidate
                self.descriptor = descriptor
                break
            }
            let code = errno
            attempt += 1
            guard code == EEXIST || code == EINTR, attempt < 100 else {
                throw .cannotCreate(location, errno: code, detail: Self.describe(code))
            }
        }
        #if DEBUG
        hooks = ZipWriterTestHooks.current
        #endif
    }

    deinit {
        discard()
    }

    /// Appends every byte, looping over short writes and EINTR.
    func append(_ bytes: UnsafeRawBufferPointer) throws(ZipWriteError) {
        guard let base = bytes.baseAddress, descriptor >= 0 else { return }
        var written = 0
        while written < bytes.count {
            var wanted = bytes.count - written
            #if DEBUG
            if let hooks {
                hooks.writeCalls += 1
                if let most = hooks.maxBytesPerWrite { wanted = min(wanted, max(most, 1)) }
                if let failure = hooks.failWritesPast, size + UInt64(wanted) > failure.bytes {
                    throw failed(failure.errno)
                }
            }
            #endif
            let result = write(descriptor, base + written, wanted)
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                throw failed(code)
            }
            written += result
            size += UInt64(result)
        }
    }

    func append(_ bytes: [UInt8]) throws(ZipWriteError) {
        var result: Result<Void, ZipWriteError> = .success(())
        bytes.withUnsafeBytes { buffer in result = Result { () throws(ZipWriteError) in try append(buffer) } }
        try result.get()
    }

    /// Overwrites bytes already written (a local header's CRC and sizes), with pwrite(2).
    func overwrite(_ bytes: [UInt8], at offset: UInt64) throws(ZipWriteError) {
        guard descriptor >= 0 else { return }
        var written = 0
        while written < bytes.count {
            #if DEBUG
            hooks?.writeCalls += 1
            #endif
            let outcome = bytes.withUnsafeBytes { buffer -> Int? in
                buffer.baseAddress.map { pwrite(descriptor, $0 + written, buffer.count - written, off_t(offset) + off_t(written)) }
            }
            // written < count, so the buffer has an address; without one there is nothing to write.
            guard let result = outcome else { return }
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                throw failed(code)
            }
            written += result
        }
    }

    /// fsync(2), close(2), then rename(2) over the destination and a best-effort fsync of the
    /// folder so the new name survives a power cut. On failure the temporary file is removed.
    func commit() throws(ZipWriteError) {
        let location = SourceLocation(file: destination)
        guard descriptor >= 0 else { throw .invalidState(location, .closed) }
        if fsync(descriptor) != 0 {
            let code = errno
            if code != EINVAL && code != EROFS { throw failed(code) }  // fsync unsupported: nothing to flush
        }
        let closing = close(descriptor)
        let closeError = errno
        descriptor = -1
        guard closing == 0 else {
            unlink(temporaryPath)
            throw .cannotWrite(location, errno: closeError, detail: Self.describe(closeError))
        }
        guard rename(temporaryPath, destination) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw .cannotReplace(location, errno: code, detail: Self.describe(code))
        }
        let folder = open(Self.split(destination).folder.isEmpty ? "." : Self.split(destination).folder,
                          O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Closes and removes the temporary file (nothing when already committed or discarded).
    func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }

    private func failed(_ code: Int32) -> ZipWriteError {
        .cannotWrite(SourceLocation(file: destination), errno: code, detail: Self.describe(code))
    }

    /// ("reports/", "county.xlsx") for "reports/county.xlsx"; ("", "county.xlsx") without a folder.
    static func split(_ path: String) -> (folder: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
