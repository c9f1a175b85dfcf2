/// The BIFF8 shared string table (SST, [MS-XLS] 2.4.265) that LABELSST cells point into, read
/// from the SST record and the CONTINUE records after it.
enum SharedStringTable {
    /// The least a string can take: its character count and its flags.
    static let minimumStringBytes = 3

    /// Reads the table; `continues` are the bodies of the CONTINUE records that follow the SST.
    /// A count the records cannot hold is refused before anything is allocated for it. Some
    /// writers store a wrong unique count: strings are read while the records hold them, up to
    /// the count, and a count that is too small does not hide the strings after it.
    static func read(_ record: Record, continues: [Range<Int>], stream: StreamBytes) throws(XLSError.Reason) -> [String] {
        guard record.length >= 8 else {
            throw .recordTooShort(type: record.type, offset: record.offset, length: record.length, needed: 8)
        }
        let unique = UInt64(stream.u32(record.body.lowerBound + 4))
        let first = (record.body.lowerBound + 8)..<record.body.upperBound
        var reader = SegmentedReader(stream: stream, record: record, segments: [first] + continues)
        let capacity = reader.remaining / minimumStringBytes
        guard unique <= UInt64(capacity) else {
            throw .tableTooLarge(what: "shared string table", claimed: unique, limit: reader.remaining)
        }
        var strings: [String] = []
        strings.reserveCapacity(Int(unique))
        var units: [UInt16] = []
        while reader.remaining >= minimumStringBytes {
            do {
                strings.append(try readString(&reader, units: &units))
            } catch {
                // Past the declared count, what follows may be padding rather than strings.
                if strings.count >= unique { break }
                throw error
            }
        }
        return strings
    }

    /// One XLUnicodeRichExtendedString: characters kept, formatting runs and phonetic data skipped.
    static func readString(_ reader: inout SegmentedReader, units: inout [UInt16]) throws(XLSError.Reason) -> String {
        let count = Int(try reader.u16())
        let flags = try reader.u8()
        let runs = flags & 0x08 != 0 ? Int(try reader.u16()) : 0
        let extensionBytes = flags & 0x04 != 0 ? Int(try reader.u32()) : 0
        units.removeAll(keepingCapacity: true)
        try reader.characters(count, wide: flags & 0x01 != 0, into: &units)
        try reader.skip(runs * 4)
        try reader.skip(extensionBytes)
        return BIFFText.string(units)
    }
}

/// Text made from the code units the records hold.
enum BIFFText {
    /// UTF-16 code units as a String (8-bit characters were widened; a lone surrogate becomes U+FFFD).
    static func string(_ units: [UInt16]) -> String {
        if units.allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: units.count) { buffer in
                for (index, unit) in units.enumerated() { buffer[index] = UInt8(truncatingIfNeeded: unit) }
                return units.count
            }
        }
        // Transcoded here to UTF-8, which String takes on its fast path: String(decoding:as: UTF16.self)
        // goes scalar by scalar through its generic slow path, most of the time of reading a large
        // shared string table of Chinese text. Same result: each unpaired surrogate is one U+FFFD.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(units.count * 3)
        var index = 0
        while index < units.count {
            let unit = units[index]
            index += 1
            var scalar = UInt32(unit)
            if unit & 0xF800 == 0xD800 {
                if unit < 0xDC00, index < units.count, units[index] & 0xFC00 == 0xDC00 {
                    scalar = 0x10000 + (UInt32(unit & 0x03FF) << 10 | UInt32(units[index] & 0x03FF))
                    index += 1
                } else {
                    scalar = 0xFFFD
                }
            }
            appendUTF8(scalar, to: &utf8)
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    @inline(__always)
    private static func appendUTF8(_ scalar: UInt32, to utf8: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            utf8.append(UInt8(truncatingIfNeeded: scalar))
        case ..<0x800:
            utf8.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
            utf8.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        case ..<0x10000:
            utf8.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
            utf8.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            utf8.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        default:
            utf8.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
            utf8.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
            utf8.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            utf8.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        }
    }
}
