import EduCore

/// One entry's uncompressed bytes, pulled in chunks. Compressed bytes are read with pread in
/// chunks of at most 64 KiB straight into zlib's raw inflate; neither the archive nor the entry
/// is ever held whole. At the end the CRC-32 and the declared size are checked; output past the
/// declared size is refused as it appears (declared sizes can lie). After an error every later
/// read throws the same error. Not for use from several threads at once.
public final class ZipEntryStream {
    public let entry: ZipEntry
    /// Uncompressed bytes handed out so far.
    public private(set) var bytesRead: UInt64 = 0
    /// True once the end was reached and checked.
    public private(set) var isAtEnd = false

    static let chunkSize = 64 * 1024
    static let localHeaderSize = 30

    private let file: FileReader
    private let location: SourceLocation
    /// Offset of the entry's first compressed byte, after its local header.
    private let dataStart: UInt64
    private let inflater: RawInflater?
    private var compressedRead: UInt64 = 0
    private var input: [UInt8] = []
    private var inputStart = 0
    private var crc: UInt32 = 0
    private var failure: ZipError?

    /// Reads the local header (APPNOTE 4.3.7): its own name and extra lengths say where the data
    /// starts. Its sizes and CRC are ignored: the central directory's are authoritative (and the
    /// only ones when a data descriptor follows the data).
    init(file: FileReader, entry: ZipEntry, dataLimit: UInt64) throws(ZipError) {
        let location = SourceLocation(file: file.path, entry: entry.name)
        guard !entry.isEncrypted else { throw .passwordProtected(location) }
        switch entry.method {
        case .stored:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw .damaged(location, .storedSizesDiffer(compressed: entry.compressedSize,
                                                            uncompressed: entry.uncompressedSize))
            }
        case .deflated:
            break
        case .other(let code):
            throw .unsupportedCompression(location, method: code)
        }
        let headerSize = UInt64(Self.localHeaderSize)
        guard entry.localHeaderOffset <= dataLimit, dataLimit - entry.localHeaderOffset >= headerSize else {
            throw .truncated(location, .localHeaderPastEnd)
        }
        let header = try file.bytes(at: entry.localHeaderOffset, count: Self.localHeaderSize)
        guard header.count == Self.localHeaderSize else { throw .truncated(location, .localHeaderPastEnd) }
        guard header.le32(0) == Signature.localHeader else { throw .damaged(location, .badLocalHeader) }
        let start = entry.localHeaderOffset + headerSize + UInt64(header.le16(26)) + UInt64(header.le16(28))
        guard start <= dataLimit, dataLimit - start >= entry.compressedSize else {
            let available = start < dataLimit ? dataLimit - start : 0
            throw .truncated(location, .dataShorterThanDeclared(declared: entry.compressedSize, available: available))
        }
        self.file = file
        self.entry = entry
        self.location = location
        dataStart = start
        inflater = entry.method == .deflated ? try RawInflater(location: location) : nil
    }

    /// Fills `buffer` with up to `buffer.count` uncompressed bytes and returns how many; 0 only
    /// at the end, once the CRC-32 and the declared size have been verified (or when `buffer`
    /// is empty). Throws `ZipError` on corruption or truncation.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ZipError) -> Int {
        if let failure { throw failure }
        guard !isAtEnd, !buffer.isEmpty else { return 0 }
        do throws(ZipError) {
            if let inflater { return try readDeflated(into: buffer, with: inflater) }
            return try readStored(into: buffer)
        } catch {
            failure = error
            throw error
        }
    }

    private func readStored(into buffer: UnsafeMutableRawBufferPointer) throws(ZipError) -> Int {
        let remaining = entry.uncompressedSize - bytesRead
        guard remaining > 0 else {
            try finish()
            return 0
        }
        let target = UnsafeMutableRawBufferPointer(rebasing: buffer[..<Int(min(UInt64(buffer.count), remaining))])
        let received = try file.read(into: target, at: dataStart + bytesRead)
        guard received == target.count else {
            throw .truncated(location, .dataShorterThanDeclared(declared: entry.compressedSize,
                                                                available: bytesRead + UInt64(received)))
        }
        account(UnsafeRawBufferPointer(target))
        if bytesRead == entry.uncompressedSize { try finish() }
        return received
    }

    /// Inflates until some output is produced or the stream ends. Each pass must consume input
    /// or produce output; one that does neither is a truncated or corrupt stream, never a spin.
    private func readDeflated(into buffer: UnsafeMutableRawBufferPointer,
                              with inflater: RawInflater) throws(ZipError) -> Int {
        let declaredRemaining = entry.uncompressedSize - bytesRead
        // One byte of room past the declared size, so a lying size is caught as soon as it lies.
        let room = declaredRemaining == .max ? buffer.count : Int(min(UInt64(buffer.count), declaredRemaining + 1))
        let output = UnsafeMutableRawBufferPointer(rebasing: buffer[..<room])
        while true {
            if inputStart == input.count, compressedRead < entry.compressedSize { try refill() }
            let start = inputStart
            let step = try input.withBytes { bytes throws(ZipError) in
                try inflater.inflate(from: UnsafeRawBufferPointer(rebasing: bytes[start...]), into: output)
            }
            inputStart += step.consumed
            if step.produced > 0 {
                guard UInt64(step.produced) <= declaredRemaining else {
                    throw .damaged(location, .moreDataThanDeclared(declared: entry.uncompressedSize))
                }
                account(UnsafeRawBufferPointer(rebasing: output[..<step.produced]))
            }
            if step.finished {
                try finish()
                return step.produced
            }
            if step.produced > 0 { return step.produced }
            if step.consumed == 0 {
                if inputStart == input.count, compressedRead == entry.compressedSize {
                    throw .truncated(location, .deflateStreamUnfinished)
                }
                throw .damaged(location, .noProgress)
            }
        }
    }

    /// The next chunk of compressed bytes; the input length is what pread actually returned.
    private func refill() throws(ZipError) {
        let wanted = Int(min(UInt64(Self.chunkSize), entry.compressedSize - compressedRead))
        if input.count != wanted { input = [UInt8](repeating: 0, count: wanted) }
        let offset = dataStart + compressedRead
        let received = try input.withMutableBytes { bytes throws(ZipError) in try file.read(into: bytes, at: offset) }
        guard received == wanted else {
            throw .truncated(location, .dataShorterThanDeclared(declared: entry.compressedSize,
                                                                available: compressedRead + UInt64(received)))
        }
        compressedRead += UInt64(received)
        inputStart = 0
    }

    private func account(_ bytes: UnsafeRawBufferPointer) {
        crc = Zlib.crc32(crc, bytes)
        bytesRead += UInt64(bytes.count)
    }

    private func finish() throws(ZipError) {
        guard bytesRead == entry.uncompressedSize else {
            throw .damaged(location, .sizeMismatch(declared: entry.uncompressedSize, actual: bytesRead))
        }
        guard crc == entry.crc32 else {
            throw .damaged(location, .crcMismatch(expected: entry.crc32, actual: crc))
        }
        isAtEnd = true
    }
}
