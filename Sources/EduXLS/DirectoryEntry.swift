/// One 128-byte directory entry ([MS-CFB] 2.6): a storage, a stream or the root storage,
/// linked into its parent's red-black tree by `left`/`right`, and to its own children by `child`.
public struct DirectoryEntry: Hashable, Sendable {
    public static let size = 128
    /// No sibling or child.
    public static let noStream: UInt32 = 0xFFFF_FFFF

    public enum Kind: Hashable, Sendable {
        case unallocated
        case storage
        case stream
        case root
        case other(UInt8)

        init(_ byte: UInt8) {
            switch byte {
            case 0: self = .unallocated
            case 1: self = .storage
            case 2: self = .stream
            case 5: self = .root
            default: self = .other(byte)
            }
        }
    }

    public let name: String
    public let kind: Kind
    public let rawType: UInt8
    public let left: UInt32
    public let right: UInt32
    public let child: UInt32
    public let startSector: UInt32
    /// The stream's size; in a version 3 file only the low 32 bits count ([MS-CFB] 2.6.3).
    public let size: UInt64

    /// Parses the entry at `offset`, or nil when the 128 bytes are not all there.
    init?(_ reader: LittleEndianReader, at offset: Int, majorVersion: UInt16) {
        guard let nameBytes = reader.slice(at: offset, length: 64), let nameLength = reader.u16(at: offset + 64),
              let type = reader.u8(at: offset + 66), let left = reader.u32(at: offset + 68),
              let right = reader.u32(at: offset + 72), let child = reader.u32(at: offset + 76),
              let start = reader.u32(at: offset + 116), let size = reader.u64(at: offset + 120)
        else { return nil }
        // The name is UTF-16LE with a terminating NUL counted in its length; a bad length is only
        // an upper bound, and the name ends at the first NUL anyway.
        let units = min(Int(nameLength) / 2, 32)
        var name: [UInt16] = []
        var index = nameBytes.startIndex
        while name.count < units, index + 1 < nameBytes.endIndex {
            let unit = UInt16(nameBytes[index]) | UInt16(nameBytes[index + 1]) << 8
            if unit == 0 { break }
            name.append(unit)
            index += 2
        }
        self.name = String(decoding: name, as: UTF16.self)
        self.kind = Kind(type)
        self.rawType = type
        self.left = left
        self.right = right
        self.child = child
        self.startSector = start
        self.size = majorVersion == 3 ? size & 0xFFFF_FFFF : size
    }
}
