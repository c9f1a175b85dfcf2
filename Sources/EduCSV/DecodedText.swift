import EduCore

/// A CSV file's text as UTF-8, decoded chunk by chunk into a window the parser scans: bytes
/// before `start` have been parsed and are dropped at the next refill, so memory stays flat
/// however long the file is.
final class DecodedText {
    static let defaultChunkSize = 256 * 1024

    let location: SourceLocation
    /// Bytes read from the file at a time (tests make it tiny, to cut everything in two).
    let chunkSize: Int
    /// The decoded bytes not yet dropped; the parser reads from `start`.
    let window: ByteBuffer
    var start = 0
    /// Every byte of the file has been decoded into `window`.
    private(set) var atEnd = false
    /// Where in the whole decoded text the first replaced byte went, once one has been.
    private(set) var firstReplacementOffset: Int?
    var replacedBytes: Int { decoder.replacements.bytes }

    private let file: FileChunks
    private var decoder: any TextDecoder
    private let raw: ByteBuffer
    private var byteOrderMarkLeft: Int
    /// The offset in the whole decoded text of `window`'s first byte.
    private(set) var windowOffset = 0

    init(path: String, encoding: EncodingChoice, location: SourceLocation,
         chunkSize: Int = DecodedText.defaultChunkSize) throws(CSVError) {
        self.location = location
        self.chunkSize = chunkSize
        window = ByteBuffer(capacity: 2 * chunkSize)
        raw = ByteBuffer(capacity: chunkSize)
        file = try FileChunks(path: path)
        byteOrderMarkLeft = encoding.byteOrderMarkLength
        if encoding.encoding == .utf8 {
            decoder = UTF8Decoder()
        } else if let iconv = IconvDecoder(encoding: encoding.encoding, location: location) {
            decoder = iconv
        } else {
            throw CSVError(.unknownEncoding(encoding.encoding.iconvName), at: location)
        }
    }

    /// Drops what was parsed and decodes at least one more chunk, or as much as is already
    /// pending when a record has grown past a chunk, so one long record is not rescanned
    /// once per chunk.
    func refill() throws(CSVError) {
        window.removeFirst(start)
        windowOffset += start
        start = 0
        let wanted = max(chunkSize, window.count)
        let before = raw.count
        try raw.append(upTo: wanted) { destination throws(CSVError) in
            try file.read(into: UnsafeMutableRawBufferPointer(start: destination, count: wanted))
        }
        let final = file.atEnd || raw.count - before < wanted
        if byteOrderMarkLeft > 0 {
            let skipped = min(byteOrderMarkLeft, raw.count)
            raw.removeFirst(skipped)
            byteOrderMarkLeft -= skipped
        }
        let consumed = try raw.withBytes { bytes throws(CSVError) in
            try decoder.decode(bytes, final: final, into: window)
        }
        raw.removeFirst(consumed)
        if let index = decoder.replacements.firstIndex {
            firstReplacementOffset = windowOffset + index
            decoder.replacements.firstIndex = nil
        }
        atEnd = final && raw.count == 0
    }

    /// The first replaced byte's index in `window`, or Int.max when none is in it or ahead of it.
    var firstReplacementInWindow: Int {
        guard let offset = firstReplacementOffset, offset >= windowOffset else { return Int.max }
        return offset - windowOffset
    }
}
