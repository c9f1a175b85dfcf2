/// The strings a single record holds: BIFF8's XLUnicodeString (a 16- or 8-bit character count,
/// a flags byte, then 8-bit or UTF-16 characters) and BIFF5's byte strings in the code page.
enum RecordText {
    /// A BIFF8 string starting `offset` bytes into the record's body; `continues` carry the rest of
    /// a long one (a formula's STRING). `shortCount`: the count is one byte (sheet names).
    static func unicode(in record: Record, at offset: Int, shortCount: Bool = false, continues: [Range<Int>] = [],
                        stream: StreamBytes) throws(XLSError.Reason) -> String {
        let start = min(record.body.lowerBound + offset, record.body.upperBound)
        var reader = SegmentedReader(stream: stream, record: record, segments: [start..<record.body.upperBound] + continues)
        let count = shortCount ? Int(try reader.u8()) : Int(try reader.u16())
        let flags = try reader.u8()
        let runs = flags & 0x08 != 0 ? Int(try reader.u16()) : 0
        let extensionBytes = flags & 0x04 != 0 ? Int(try reader.u32()) : 0
        var units: [UInt16] = []
        units.reserveCapacity(count)
        try reader.characters(count, wide: flags & 0x01 != 0, into: &units)
        _ = (runs, extensionBytes)  // formatting after the characters is not text
        return BIFFText.string(units)
    }

    /// The bytes of a BIFF5 string starting `offset` bytes into the body, after its character
    /// count (one or two bytes); a count that runs past the record is an error.
    static func bytes(in record: Record, at offset: Int, shortCount: Bool, stream: StreamBytes) throws(XLSError.Reason) -> ArraySlice<UInt8> {
        let countBytes = shortCount ? 1 : 2
        guard record.length >= offset + countBytes else {
            throw .recordTooShort(type: record.type, offset: record.offset, length: record.length, needed: offset + countBytes)
        }
        let countAt = record.body.lowerBound + offset
        let count = shortCount ? Int(stream.u8(countAt)) : Int(stream.u16(countAt))
        let start = countAt + countBytes
        guard count <= record.body.upperBound - start else { throw .textPastEnd(type: record.type, offset: record.offset) }
        return stream.slice(start..<(start + count))
    }
}
