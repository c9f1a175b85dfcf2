/// The records a `ZipWriter` writes (APPNOTE 6.3.10), little-endian: local file header (4.3.7),
/// central directory header (4.3.12) and end of central directory record (4.3.16). No ZIP64,
/// no data descriptors: the local header's CRC and sizes are patched in once the entry ends.
struct WrittenEntry {
    var name: String
    var nameBytes: [UInt8]
    var method: ZipCompressionMethod
    var flags: UInt16
    var dosTime: UInt16
    var dosDate: UInt16
    var crc32: UInt32 = 0
    var compressedSize: UInt64 = 0
    var uncompressedSize: UInt64 = 0
    var localHeaderOffset: UInt64

    /// Version 2.0: deflate, folders (APPNOTE 4.4.3.2). "Made by" MS-DOS, so no Unix modes.
    static let versionNeeded: UInt16 = 20
    /// General-purpose bit 11: the name is UTF-8 (APPNOTE 4.4.4, appendix D).
    static let utf8NameFlag: UInt16 = 0x0800
    /// Offset of the CRC-32 in a local header; the sizes follow it.
    static let localCRCOffset: UInt64 = 14

    func localHeader() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(30 + nameBytes.count)
        bytes.appendLE32(Signature.localHeader)
        bytes.appendLE16(Self.versionNeeded)
        bytes.appendLE16(flags)
        bytes.appendLE16(method.code)
        bytes.appendLE16(dosTime)
        bytes.appendLE16(dosDate)
        bytes.append(contentsOf: sizesAndCRC())
        bytes.appendLE16(UInt16(nameBytes.count))
        bytes.appendLE16(0)  // extra field length
        bytes.append(contentsOf: nameBytes)
        return bytes
    }

    /// CRC-32, compressed size, uncompressed size: 12 bytes, as in both headers.
    func sizesAndCRC() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendLE32(crc32)
        bytes.appendLE32(UInt32(compressedSize))
        bytes.appendLE32(UInt32(uncompressedSize))
        return bytes
    }

    func centralHeader() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(46 + nameBytes.count)
        bytes.appendLE32(Signature.centralHeader)
        bytes.appendLE16(Self.versionNeeded)  // made by: MS-DOS (0), version 2.0
        bytes.appendLE16(Self.versionNeeded)
        bytes.appendLE16(flags)
        bytes.appendLE16(method.code)
        bytes.appendLE16(dosTime)
        bytes.appendLE16(dosDate)
        bytes.append(contentsOf: sizesAndCRC())
        bytes.appendLE16(UInt16(nameBytes.count))
        bytes.appendLE16(0)  // extra field length
        bytes.appendLE16(0)  // comment length
        bytes.appendLE16(0)  // disk number start
        bytes.appendLE16(0)  // internal attributes
        bytes.appendLE32(name.hasSuffix("/") ? 0x10 : 0)  // external: MS-DOS directory attribute
        bytes.appendLE32(UInt32(localHeaderOffset))
        bytes.append(contentsOf: nameBytes)
        return bytes
    }

    static func endRecord(entryCount: Int, directorySize: UInt64, directoryOffset: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendLE32(Signature.endOfCentralDirectory)
        bytes.appendLE16(0)  // this disk
        bytes.appendLE16(0)  // disk with the central directory
        bytes.appendLE16(UInt16(entryCount))
        bytes.appendLE16(UInt16(entryCount))
        bytes.appendLE32(UInt32(directorySize))
        bytes.appendLE32(UInt32(directoryOffset))
        bytes.appendLE16(0)  // comment length
        return bytes
    }
}

extension Array where Element == UInt8 {
    mutating func appendLE16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func appendLE32(_ value: UInt32) {
        appendLE16(UInt16(truncatingIfNeeded: value))
        appendLE16(UInt16(truncatingIfNeeded: value >> 16))
    }
}
