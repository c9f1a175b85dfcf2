import EduCore

/// Special sector numbers ([MS-CFB] 2.1): regular sectors are 0 ... 0xFFFFFFFA.
enum SectorID {
    static let maxRegular: UInt32 = 0xFFFF_FFFA
    static let difatSector: UInt32 = 0xFFFF_FFFC
    static let fatSector: UInt32 = 0xFFFF_FFFD
    static let endOfChain: UInt32 = 0xFFFF_FFFE
    static let free: UInt32 = 0xFFFF_FFFF
}

/// The compound file header ([MS-CFB] 2.2): the first 512 bytes of the file. In version 4 the
/// header sector is 4,096 bytes long, the rest zero; sector 0 always starts one sector in.
public struct CompoundFileHeader: Hashable, Sendable {
    public static let signature = FileLook.compoundFileSignature
    public static let size = 512
    /// The DIFAT entries held in the header itself.
    public static let headerDIFATCount = 109

    public let minorVersion: UInt16
    /// 3 (512-byte sectors) or 4 (4,096-byte sectors).
    public let majorVersion: UInt16
    public let sectorShift: UInt16
    public let miniSectorShift: UInt16
    public let fatSectorCount: UInt32
    public let firstDirectorySector: UInt32
    /// Streams smaller than this (always 4,096) live in the mini stream.
    public let miniStreamCutoff: UInt32
    public let firstMiniFATSector: UInt32
    public let miniFATSectorCount: UInt32
    public let firstDIFATSector: UInt32
    public let difatSectorCount: UInt32
    /// The first 109 FAT sector numbers.
    public let headerDIFAT: [UInt32]

    /// 512 or 4,096.
    public var sectorSize: Int { 1 << Int(sectorShift) }
    /// 64.
    public var miniSectorSize: Int { 1 << Int(miniSectorShift) }

    /// Parses and checks the header at the start of `reader`'s bytes.
    init(_ reader: LittleEndianReader, location: SourceLocation) throws(CompoundFileError) {
        guard let magic = reader.slice(at: 0, length: Self.signature.count), magic.elementsEqual(Self.signature) else {
            throw .notCompoundFile(location, size: reader.count)
        }
        guard reader.count >= Self.size,
              let minor = reader.u16(at: 0x18), let major = reader.u16(at: 0x1A), let byteOrder = reader.u16(at: 0x1C),
              let sectorShift = reader.u16(at: 0x1E), let miniSectorShift = reader.u16(at: 0x20),
              let fatCount = reader.u32(at: 0x2C), let firstDirectory = reader.u32(at: 0x30),
              let cutoff = reader.u32(at: 0x38), let firstMiniFAT = reader.u32(at: 0x3C),
              let miniFATCount = reader.u32(at: 0x40), let firstDIFAT = reader.u32(at: 0x44),
              let difatCount = reader.u32(at: 0x48),
              let difat = reader.u32Array(at: 0x4C, count: Self.headerDIFATCount)
        else {
            throw .truncatedHeader(location, size: reader.count)
        }
        guard major == 3 || major == 4 else { throw .unsupportedHeader(location, .majorVersion(major)) }
        guard byteOrder == 0xFFFE else { throw .unsupportedHeader(location, .byteOrder(byteOrder)) }
        guard sectorShift == (major == 3 ? 9 : 12) else {
            throw .unsupportedHeader(location, .sectorShift(sectorShift, majorVersion: major))
        }
        guard miniSectorShift == 6 else { throw .unsupportedHeader(location, .miniSectorShift(miniSectorShift)) }
        guard cutoff == 4096 else { throw .unsupportedHeader(location, .miniStreamCutoff(cutoff)) }
        minorVersion = minor
        majorVersion = major
        self.sectorShift = sectorShift
        self.miniSectorShift = miniSectorShift
        fatSectorCount = fatCount
        firstDirectorySector = firstDirectory
        miniStreamCutoff = cutoff
        firstMiniFATSector = firstMiniFAT
        miniFATSectorCount = miniFATCount
        firstDIFATSector = firstDIFAT
        difatSectorCount = difatCount
        headerDIFAT = difat
    }
}
