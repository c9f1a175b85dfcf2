/// A workbook stream's bytes with little-endian field reads that cannot trap: a read that does
/// not lie wholly inside the bytes gives 0. Decoders check a record's length before reading its
/// fields, so 0 is never taken for data; this only keeps a mistake from becoming a crash.
struct StreamBytes: Sendable {
    let bytes: [UInt8]

    var count: Int { bytes.count }

    @inline(__always)
    func u8(_ offset: Int) -> UInt8 {
        guard offset >= 0, offset < bytes.count else { return 0 }
        return bytes[offset]
    }

    @inline(__always)
    func u16(_ offset: Int) -> UInt16 {
        guard offset >= 0, offset <= bytes.count - 2 else { return 0 }
        return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt16.self) }.littleEndian
    }

    @inline(__always)
    func u32(_ offset: Int) -> UInt32 {
        guard offset >= 0, offset <= bytes.count - 4 else { return 0 }
        return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }.littleEndian
    }

    @inline(__always)
    func f64(_ offset: Int) -> Double {
        guard offset >= 0, offset <= bytes.count - 8 else { return 0 }
        let bits = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }.littleEndian
        return Double(bitPattern: bits)
    }

    /// The bytes in `range` clamped to the stream.
    func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        return bytes[lower..<upper]
    }
}
