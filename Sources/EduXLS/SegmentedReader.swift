/// Reads a value that BIFF8 lets run on from one record into CONTINUE records (the shared string
/// table, a formula's STRING): the bytes of several record bodies read as one sequence, except
/// that characters which cross into a new record are preceded there by one byte giving their
/// width again ([MS-XLS] 2.5.293 XLUnicodeRichExtendedString). Reading past the last body is an
/// error, never a read outside the stream.
struct SegmentedReader {
    let stream: StreamBytes
    /// The record of the first segment, named in errors.
    let record: Record
    private let segments: [Range<Int>]
    private var segment = 0
    private var position: Int
    /// Bytes left in this and the following segments.
    private(set) var remaining: Int

    init(stream: StreamBytes, record: Record, segments: [Range<Int>]) {
        self.stream = stream
        self.record = record
        self.segments = segments
        position = segments.first?.lowerBound ?? 0
        remaining = segments.reduce(0) { $0 + $1.count }
    }

    private var pastEnd: XLSError.Reason { .textPastEnd(type: record.type, offset: record.offset) }

    /// Moves to the next segment when the current one is used up.
    private mutating func settle() {
        while segment < segments.count, position >= segments[segment].upperBound {
            segment += 1
            if segment < segments.count { position = segments[segment].lowerBound }
        }
    }

    /// Whether the reader stands at the start of a segment after the first (where a flag byte is).
    private var atContinuationStart: Bool {
        segment > 0 && segment < segments.count && position == segments[segment].lowerBound
    }

    mutating func u8() throws(XLSError.Reason) -> UInt8 {
        settle()
        guard segment < segments.count else { throw pastEnd }
        let value = stream.u8(position)
        position += 1
        remaining -= 1
        return value
    }

    mutating func u16() throws(XLSError.Reason) -> UInt16 {
        let low = try u8()
        return UInt16(low) | UInt16(try u8()) << 8
    }

    mutating func u32() throws(XLSError.Reason) -> UInt32 {
        let low = try u16()
        return UInt32(low) | UInt32(try u16()) << 16
    }

    /// Skips `count` bytes of runs or extension data (no flag bytes at record boundaries).
    mutating func skip(_ count: Int) throws(XLSError.Reason) {
        guard count >= 0, count <= remaining else { throw pastEnd }
        var left = count
        while left > 0 {
            settle()
            guard segment < segments.count else { throw pastEnd }
            let step = min(left, segments[segment].upperBound - position)
            position += step
            remaining -= step
            left -= step
        }
    }

    /// Appends `count` characters, 8-bit (compressed: each byte a code point below 256) or UTF-16,
    /// to `units`. A record boundary inside them starts with a byte giving the width from there on.
    mutating func characters(_ count: Int, wide startWide: Bool, into units: inout [UInt16]) throws(XLSError.Reason) {
        var wide = startWide
        var left = count
        while left > 0 {
            settle()
            guard segment < segments.count else { throw pastEnd }
            if atContinuationStart {
                // A record holding only the flag byte: the next record starts with a flag byte again.
                wide = try u8() & 0x01 != 0
                continue
            }
            let available = segments[segment].upperBound - position
            if wide {
                let take = min(left, available / 2)
                guard take > 0 else { throw pastEnd }
                for index in 0..<take { units.append(stream.u16(position + 2 * index)) }
                position += 2 * take
                remaining -= 2 * take
                left -= take
            } else {
                let take = min(left, available)
                for byte in stream.slice(position..<(position + take)) { units.append(UInt16(byte)) }
                position += take
                remaining -= take
                left -= take
            }
        }
    }
}
