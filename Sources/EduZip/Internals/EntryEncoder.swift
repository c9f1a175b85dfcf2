import EduCore

/// Caps a `ZipWriter` keeps to; tests lower them to reach the refusals without writing 4 GiB.
struct ZipWriteLimits {
    /// Largest uncompressed size of one entry: 0xFFFFFFFF would mean "see ZIP64" (APPNOTE 4.4.8).
    var entrySize: UInt64 = 0xFFFF_FFFE
    /// Largest offset the archive may reach, central directory and end record included.
    var archiveSize: UInt64 = 0xFFFF_FFFE
    /// The end record's 16-bit entry count.
    var entryCount = 0xFFFF
}

/// One entry's bytes on their way into the file, the adapter between the writer and zlib: the
/// CRC-32 (zlib's crc32) and the uncompressed size are counted, the bytes deflated through
/// `RawDeflater` (or stored) into a 64 KiB buffer, appended to the file whenever it fills.
/// Every deflate pass must consume input or produce output; one that does neither is zlib's
/// failure, never a spin.
final class EntryEncoder {
    static let bufferSize = 64 * 1024

    private(set) var crc: UInt32 = 0
    private(set) var uncompressedSize: UInt64 = 0
    private(set) var compressedSize: UInt64 = 0

    private let location: SourceLocation
    private let limits: ZipWriteLimits
    private let deflater: RawDeflater?
    private let buffer: UnsafeMutableRawBufferPointer
    private var filled = 0

    init(compress: Bool, level: Int, limits: ZipWriteLimits, location: SourceLocation) throws(ZipWriteError) {
        self.location = location
        self.limits = limits
        deflater = compress ? try RawDeflater(level: level, location: location) : nil
        buffer = .allocate(byteCount: Self.bufferSize, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    func write(_ input: UnsafeRawBufferPointer, to file: AtomicFile) throws(ZipWriteError) {
        guard !input.isEmpty else { return }
        let (total, overflow) = uncompressedSize.addingReportingOverflow(UInt64(input.count))
        guard !overflow, total <= limits.entrySize else {
            throw .tooLarge(location, .entry(limit: limits.entrySize))
        }
        crc = Zlib.crc32(crc, input)
        uncompressedSize = total
        if let deflater {
            try deflate(input, with: deflater, finish: false, to: file)
        } else {
            try store(input, to: file)
        }
    }

    /// The deflate stream's end (Z_FINISH until Z_STREAM_END), then what is buffered.
    func finish(to file: AtomicFile) throws(ZipWriteError) {
        if let deflater { try deflate(UnsafeRawBufferPointer(start: nil, count: 0), with: deflater, finish: true, to: file) }
        try flush(to: file)
    }

    private func store(_ input: UnsafeRawBufferPointer, to file: AtomicFile) throws(ZipWriteError) {
        var offset = 0
        while offset < input.count {
            if filled == buffer.count { try flush(to: file) }
            let count = min(buffer.count - filled, input.count - offset)
            UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + count)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: input[offset..<(offset + count)]))
            filled += count
            offset += count
        }
    }

    private func deflate(_ input: UnsafeRawBufferPointer, with deflater: RawDeflater, finish: Bool,
                         to file: AtomicFile) throws(ZipWriteError) {
        var offset = 0
        while true {
            if filled == buffer.count { try flush(to: file) }
            let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
            let step = try deflater.deflate(from: rest, into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]),
                                            finish: finish)
            offset += step.consumed
            filled += step.produced
            if finish ? step.finished : offset == input.count { return }
            if step.consumed == 0, step.produced == 0 {
                throw .zlibFailure(location, code: Zlib.bufferError, detail: "deflate made no progress")
            }
        }
    }

    private func flush(to file: AtomicFile) throws(ZipWriteError) {
        guard filled > 0 else { return }
        let (end, overflow) = file.size.addingReportingOverflow(UInt64(filled))
        guard !overflow, end <= limits.archiveSize else { throw .tooLarge(location, .archive(limit: limits.archiveSize)) }
        try file.append(UnsafeRawBufferPointer(rebasing: buffer[..<filled]))
        compressedSize += UInt64(filled)
        filled = 0
    }
}
