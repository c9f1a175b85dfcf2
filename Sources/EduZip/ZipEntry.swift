/// How an entry's bytes are compressed (APPNOTE 4.4.5).
public enum ZipCompressionMethod: Hashable, Sendable {
    case stored
    case deflated
    case other(UInt16)

    init(code: UInt16) {
        switch code {
        case 0: self = .stored
        case 8: self = .deflated
        default: self = .other(code)
        }
    }

    public var code: UInt16 {
        switch self {
        case .stored: return 0
        case .deflated: return 8
        case .other(let code): return code
        }
    }
}

/// One file of an archive as its central directory describes it (APPNOTE 4.3.12), ZIP64
/// fields already applied.
public struct ZipEntry: Hashable, Sendable {
    /// The name as stored: UTF-8 when flagged or valid, otherwise each byte as Latin-1.
    public let name: String
    public let method: ZipCompressionMethod
    public let compressedSize: UInt64
    public let uncompressedSize: UInt64
    public let crc32: UInt32
    public let localHeaderOffset: UInt64
    /// General-purpose flag bit 0 (or 6), or method 99 (WinZip AES).
    public let isEncrypted: Bool
    /// General-purpose flag bit 3: the local header's sizes and CRC are zero, the central
    /// directory's are authoritative.
    public let usesDataDescriptor: Bool

    public init(name: String, method: ZipCompressionMethod, compressedSize: UInt64, uncompressedSize: UInt64,
                crc32: UInt32, localHeaderOffset: UInt64, isEncrypted: Bool = false,
                usesDataDescriptor: Bool = false) {
        self.name = name
        self.method = method
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.crc32 = crc32
        self.localHeaderOffset = localHeaderOffset
        self.isEncrypted = isEncrypted
        self.usesDataDescriptor = usesDataDescriptor
    }

    /// A folder entry ("xl/media/"): its name ends in a slash.
    public var isDirectory: Bool { name.hasSuffix("/") || name.hasSuffix("\\") }
}
