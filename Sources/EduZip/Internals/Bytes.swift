/// Little-endian fields of ZIP records (APPNOTE 4.4: "all values are stored in little-endian").
/// Callers check the bounds: every record is read whole before its fields are.
extension Array where Element == UInt8 {
    func le16(_ offset: Int) -> UInt16 {
        UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    func le32(_ offset: Int) -> UInt32 {
        UInt32(le16(offset)) | UInt32(le16(offset + 2)) << 16
    }

    func le64(_ offset: Int) -> UInt64 {
        UInt64(le32(offset)) | UInt64(le32(offset + 4)) << 32
    }

    /// `withUnsafeMutableBytes` for a body with typed throws (the standard library's is `rethrows`).
    mutating func withMutableBytes<R>(
        _ body: (UnsafeMutableRawBufferPointer) throws(ZipError) -> R
    ) throws(ZipError) -> R {
        let result = withUnsafeMutableBytes { bytes in Result { () throws(ZipError) -> R in try body(bytes) } }
        return try result.get()
    }

    /// `withUnsafeBytes` for a body with typed throws.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ZipError) -> R) throws(ZipError) -> R {
        let result = withUnsafeBytes { bytes in Result { () throws(ZipError) -> R in try body(bytes) } }
        return try result.get()
    }
}

/// ZIP record signatures (APPNOTE 4.3.7, 4.3.12, 4.3.14–4.3.16).
enum Signature {
    static let localHeader: UInt32 = 0x0403_4B50
    static let centralHeader: UInt32 = 0x0201_4B50
    static let endOfCentralDirectory: UInt32 = 0x0605_4B50
    static let zip64EndOfCentralDirectory: UInt32 = 0x0606_4B50
    static let zip64Locator: UInt32 = 0x0706_4B50
}
