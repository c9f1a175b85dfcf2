import CEduZlib

/// zlib raw inflate (inflateInit2 with -MAX_WBITS, through the CEduZlib shim) of one ZIP entry,
/// read and inflated in 64 KiB chunks into one reused output buffer. No CRC: this is the floor.
enum RawInflater {
    static let chunkSize = 64 * 1024

    /// Inflates the entry's compressed bytes, handing each filled piece of the output buffer to
    /// `sink` (valid only during the call). Returns the number of bytes produced.
    static func inflate(_ file: BenchFile, dataOffset: Int, compressedSize: Int,
                        sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { input.deallocate() }
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { output.deallocate() }
        let inputBytes = input.bindMemory(to: Bytef.self)
        let outputBytes = output.bindMemory(to: Bytef.self)

        var stream = z_stream()
        guard eduetl_inflate_init_raw(&stream) == Z_OK else { throw BenchError("inflateInit2 failed") }
        defer { inflateEnd(&stream) }

        var consumed = 0
        var produced = 0
        var finished = false
        while !finished {
            if stream.avail_in == 0 {
                let want = min(chunkSize, compressedSize - consumed)
                guard want > 0 else { throw BenchError("\(file.path): deflate data ends early") }
                let got = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: input[0..<want]),
                                        at: dataOffset + consumed)
                guard got == want else { throw BenchError("\(file.path): file truncated") }
                consumed += got
                stream.next_in = inputBytes.baseAddress
                stream.avail_in = uInt(got)
            }
            stream.next_out = outputBytes.baseAddress
            stream.avail_out = uInt(chunkSize)
            let availableBefore = stream.avail_in
            let status = CEduZlib.inflate(&stream, Z_NO_FLUSH)
            let count = chunkSize - Int(stream.avail_out)
            switch status {
            case Z_STREAM_END: finished = true
            case Z_OK: break
            case Z_BUF_ERROR where count > 0 || stream.avail_in != availableBefore: break
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw BenchError("\(file.path): inflate failed: \(message)")
            }
            if count > 0 {
                produced += count
                try sink(UnsafeRawBufferPointer(rebasing: output[0..<count]))
            }
        }
        return produced
    }
}
