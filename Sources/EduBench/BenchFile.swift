#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read with pread(2) at explicit offsets; the descriptor is closed with the value.
final class BenchFile {
    let path: String
    let descriptor: Int32
    let size: Int

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BenchError("\(path): cannot open (errno \(errno))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw BenchError("\(path): cannot stat (errno \(errno))")
        }
        size = Int(status.st_size)
    }

    /// An unlinked temporary file in TMPDIR (or /tmp): gone when the process ends.
    init(temporaryIn directory: String = BenchFile.temporaryDirectory) throws {
        var template = Array((directory + "/eduetl-bench-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw BenchError("\(directory): cannot create a temporary file") }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        unlink(path)
        size = 0
    }

    deinit { close(descriptor) }

    static var temporaryDirectory: String {
        if let value = getenv("TMPDIR"), value.pointee != 0 { return String(cString: value) }
        return "/tmp"
    }

    /// Reads up to buffer.count bytes at offset; fewer only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if got < 0 {
                if errno == EINTR { continue }
                throw BenchError("\(path): read failed at \(offset + done) (errno \(errno))")
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Exactly count bytes at offset, or an error.
    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        let got = try result.withUnsafeMutableBytes { try read(into: $0, at: offset) }
        guard got == count else { throw BenchError("\(path): \(count) bytes at \(offset) run past the end") }
        return result
    }

    /// Appends all of a buffer to the file.
    func write(_ buffer: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < buffer.count {
            let wrote = systemWrite(descriptor, buffer.baseAddress! + done, buffer.count - done)
            if wrote < 0 {
                if errno == EINTR { continue }
                throw BenchError("\(path): write failed (errno \(errno))")
            }
            done += wrote
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif
