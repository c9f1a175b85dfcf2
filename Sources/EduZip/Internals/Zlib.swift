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

extension Zlib {
    /// Deflate's return codes for the writer's fault injection.
    static let streamError = Z_STREAM_ERROR

    /// The writer's counterpart of `check`: Z_OK, Z_STREAM_END and Z_BUF_ERROR return (the
    /// caller's loop decides what no progress means); anything else is zlib's failure, since
    /// the writer's input cannot be wrong.
    static func checkDeflate(_ code: Int32, message: UnsafePointer<CChar>?,
                             at location: SourceLocation) throws(ZipWriteError) {
        switch code {
        case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
            return
        default:
            throw .zlibFailure(location, code: code, detail: describe(code, message))
        }
    }
}

/// A raw-deflate compressor (deflateInit2 with -MAX_WBITS, memLevel 8, the default strategy,
/// through the shim), for ZIP entries (APPNOTE 4.4.5, method 8). It owns its z_stream at a fixed
/// address; deinit calls deflateEnd. Pointers are set for each call and cleared after it.
final class RawDeflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let location: SourceLocation
    #if DEBUG
    private let hooks: ZipWriterTestHooks?
    #endif

    struct Step {
        var consumed: Int
        var produced: Int
        /// deflate returned Z_STREAM_END: every byte, and the final block, is out.
        var finished: Bool
    }

    /// `level`: 0 (none) to 9 (best); -1 is zlib's default (6).
    init(level: Int, location: SourceLocation) throws(ZipWriteError) {
        self.location = location
        #if DEBUG
        hooks = ZipWriterTestHooks.current
        stream = try Self.makeStream(level: level, location, forcedResult: hooks?.forcedDeflateInitResult)
        #else
        stream = try Self.makeStream(level: level, location, forcedResult: nil)
        #endif
    }

    private static func makeStream(level: Int, _ location: SourceLocation,
                                   forcedResult: Int32?) throws(ZipWriteError) -> UnsafeMutablePointer<z_stream> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let code = forcedResult ?? eduetl_deflate_init_raw(stream, Int32(clamping: min(max(level, -1), 9)))
        guard code == Z_OK else {
            let message = stream.pointee.msg.map { UnsafePointer($0) }
            defer {
                stream.deinitialize(count: 1)
                stream.deallocate()
            }
            try Zlib.checkDeflate(code, message: message, at: location)
            throw .zlibFailure(location, code: code, detail: "deflateInit2 returned an unexpected code")
        }
        return stream
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// One deflate() call, Z_NO_FLUSH or, once every input byte has been given, Z_FINISH
    /// (`finish`), from `input` into `output` (each capped at 4 GiB per call).
    func deflate(from input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                 finish: Bool) throws(ZipWriteError) -> Step {
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
        let code = callDeflate(finish ? Z_FINISH : Z_NO_FLUSH)
        try Zlib.checkDeflate(code, message: stream.pointee.msg.map { UnsafePointer($0) }, at: location)
        return Step(consumed: Int(inputCount - stream.pointee.avail_in),
                    produced: Int(outputCount - stream.pointee.avail_out),
                    finished: code == Z_STREAM_END)
    }

    private func callDeflate(_ flush: Int32) -> Int32 {
        #if DEBUG
        if let hooks {
            defer { hooks.deflateCalls += 1 }
            if let forced = hooks.forcedDeflateResult, hooks.deflateCalls >= forced.afterCalls { return forced.code }
        }
        #endif
        return CEduZlib.deflate(stream, flush)
    }
}
