import CEduZlib
import EduCore

/// Every zlib call of EduZip goes through this file; `check` is the one place that turns
/// zlib's return codes into `ZipError`s. No C type leaves it.
enum Zlib {
    /// Return codes for the tests' fault injection (they do not import the shim).
    static let dataError = Z_DATA_ERROR
    static let memoryError = Z_MEM_ERROR
    static let bufferError = Z_BUF_ERROR

    /// zlib's crc32(), continuing from `crc` (0 to start), over any number of bytes.
    static func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard var base = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self) else { return crc }
        var remaining = bytes.count
        var value = uLong(crc)
        while remaining > 0 {
            let length = min(remaining, Int(UInt32.max))
            value = CEduZlib.crc32(value, base, uInt(length))
            base += length
            remaining -= length
        }
        return UInt32(truncatingIfNeeded: value)
    }

    /// Returns for Z_OK, Z_STREAM_END and Z_BUF_ERROR (no progress possible, which zlib documents
    /// as not fatal: the caller decides). Anything else throws: Z_DATA_ERROR and Z_NEED_DICT are
    /// the file's fault, the rest (memory, stream state, version) zlib's.
    static func check(_ code: Int32, message: UnsafePointer<CChar>?, at location: SourceLocation) throws(ZipError) {
        switch code {
        case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
            return
        case Z_DATA_ERROR, Z_NEED_DICT:
            let detail = message.map { String(cString: $0) } ?? "zlib code \(code)"
            throw .damaged(location, .invalidDeflateData(detail))
        default:
            throw .zlibFailure(location, code: code, detail: describe(code, message))
        }
    }

    private static func describe(_ code: Int32, _ message: UnsafePointer<CChar>?) -> String {
        if let message { return String(cString: message) }
        switch code {
        case Z_MEM_ERROR: return "out of memory"
        case Z_STREAM_ERROR: return "inconsistent stream state"
        case Z_VERSION_ERROR: return "incompatible zlib version"
        default: return "unexpected return code"
        }
    }
}

/// A raw-deflate inflater (inflateInit2 with -MAX_WBITS, through the shim). It owns its
/// z_stream, at a fixed address as zlib requires; deinit calls inflateEnd. Input and output
/// pointers are set for each call and cleared after it, so none outlives its buffer.
final class RawInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let location: SourceLocation
    #if DEBUG
    private let hooks: ZipTestHooks?
    #endif

    struct Step {
        var consumed: Int
        var produced: Int
        var finished: Bool
    }

    init(location: SourceLocation) throws(ZipError) {
        self.location = location
        #if DEBUG
        hooks = ZipTestHooks.current
        stream = try Self.makeStream(location, forcedResult: hooks?.forcedInitResult)
        #else
        stream = try Self.makeStream(location, forcedResult: nil)
        #endif
    }

    /// An initialised z_stream, or nothing left allocated. (Assigned to `stream` only on success:
    /// a throw after every property is set would run deinit, and inflateEnd, on it.)
    private static func makeStream(_ location: SourceLocation,
                                   forcedResult: Int32?) throws(ZipError) -> UnsafeMutablePointer<z_stream> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let code = forcedResult ?? eduetl_inflate_init_raw(stream)
        guard code == Z_OK else {
            let message = stream.pointee.msg.map { UnsafePointer($0) }
            defer {
                stream.deinitialize(count: 1)
                stream.deallocate()
            }
            try Zlib.check(code, message: message, at: location)
            throw .zlibFailure(location, code: code, detail: "inflateInit2 returned an unexpected code")
        }
        return stream
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// One inflate(Z_NO_FLUSH) call from `input` into `output` (each capped at 4 GiB per call).
    func inflate(from input: UnsafeRawBufferPointer,
                 into output: UnsafeMutableRawBufferPointer) throws(ZipError) -> Step {
        let inputCount = uInt(min(input.count, Int(UInt32.max)))
        let outputCount = uInt(min(output.count, Int(UInt32.max)))
        stream.pointee.next_in = input.baseAddress.map {
            UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self))
        }
        stream.pointee.avail_in = inputCount
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = outputCount
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
            stream.pointee.next_out = nil
            stream.pointee.avail_out = 0
        }
        let code = callInflate()
        try Zlib.check(code, message: stream.pointee.msg.map { UnsafePointer($0) }, at: location)
        return Step(consumed: Int(inputCount - stream.pointee.avail_in),
                    produced: Int(outputCount - stream.pointee.avail_out),
                    finished: code == Z_STREAM_END)
    }

    private func callInflate() -> Int32 {
        #if DEBUG
        if let hooks {
            defer { hooks.inflateCalls += 1 }
            if let forced = hooks.forcedInflateResult, hooks.inflateCalls >= forced.afterCalls { return forced.code }
        }
        #endif
        return CEduZlib.inflate(stream, Z_NO_FLUSH)
    }
}
