/// Little-endian fields read from a byte buffer with every bound checked: a read that would run
/// past the end (or start before it) gives nil, never a trap. [MS-CFB] 2.1: all integers are
/// little-endian.
struct LittleEndianReader: Sendable {
    let bytes: [UInt8]

    var count: Int { bytes.count }

    /// The range `offset ..< offset + length` when it lies inside the buffer.
    func range(at offset: Int, length: Int) -> Range<Int>? {
        guard offset >= 0, length >= 0 else { return nil }
        let end = offset.addingReportingOverflow(length)
        guard !end.overflow, end.partialValue <= bytes.count else { return nil }
        return offset..<end.partialValue
    }

    func slice(at offset: Int, length: Int) -> ArraySlice<UInt8>? {
        guard let range = range(at: offset, length: length) else { return nil }
        return bytes[range]
    }

    func u8(at offset: Int) -> UInt8? {
        guard let range = range(at: offset, length: 1) else { return nil }
        return bytes[range.lowerBound]
    }

    func u16(at offset: Int) -> UInt16? {
        guard let range = range(at: offset, length: 2) else { return nil }
        let start = range.lowerBound
        return UInt16(bytes[start]) | UInt16(bytes[start + 1]) << 8
    }

    func u32(at offset: Int) -> UInt32? {
        guard let range = range(at: offset, length: 4) else { return nil }
        let start = range.lowerBound
        return UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8
            | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24
    }

    func u64(at offset: Int) -> UInt64? {
        guard let low = u32(at: offset), let high = u32(at: offset + 4) else { return nil }
        return UInt64(low) | UInt64(high) << 32
    }

    /// `count` consecutive 32-bit fields from `offset` (a FAT, mini FAT or DIFAT sector), or nil
    /// when they do not all lie inside the buffer.
    func u32Array(at offset: Int, count: Int) -> [UInt32]? {
        let length = count.multipliedReportingOverflow(by: 4)
        guard !length.overflow, let range = range(at: offset, length: length.partialValue) else { return nil }
        var values: [UInt32] = []
        values.reserveCapacity(count)
        var position = range.lowerBound
        while position < range.upperBound {
            values.append(UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8
                | UInt32(bytes[position + 2]) << 16 | UInt32(bytes[position + 3]) << 24)
            position += 4
        }
        return values
    }
}
