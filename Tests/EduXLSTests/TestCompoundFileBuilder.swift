@testable import EduXLS

/// Writes small compound files for the tests, laid out as
/// header | FAT (sector 0) | directory (sector 1) | mini FAT (sector 2) | mini stream | large streams,
/// so a test can patch one field (a FAT link, a size, a tree link) and see it refused.
/// Streams under 4,096 bytes go to the mini stream; at most 3 streams (one directory sector of
/// a version 3 file); the whole file within one FAT sector.
struct TestCompoundFileBuilder {
    var version: UInt16 = 3
    var streams: [(name: String, bytes: [UInt8])] = []

    var sectorSize: Int { version == 3 ? 512 : 4096 }

    /// Where things went, for patching.
    struct Layout {
        var sectorSize: Int
        /// Start sector of each stream (regular or mini), by name.
        var startSector: [String: UInt32] = [:]
        var miniStreamStart: UInt32 = 0xFFFF_FFFE
        /// File offset of FAT entry `n`.
        func fatEntryOffset(_ n: Int) -> Int { sectorSize + 4 * n }
        /// File offset of directory entry `n`.
        func directoryEntryOffset(_ n: Int) -> Int { 2 * sectorSize + 128 * n }
        /// File offset of mini FAT entry `n`.
        func miniFATEntryOffset(_ n: Int) -> Int { 3 * sectorSize + 4 * n }
    }

    func build() -> (bytes: [UInt8], layout: Layout) {
        let size = sectorSize
        var layout = Layout(sectorSize: size)
        let endOfChain: UInt32 = 0xFFFF_FFFE
        var fat = [UInt32](repeating: 0xFFFF_FFFF, count: size / 4)
        fat[0] = 0xFFFF_FFFD  // the FAT sector itself
        fat[1] = endOfChain   // directory
        fat[2] = endOfChain   // mini FAT
        var sectors: [[UInt8]] = [[], [], []]

        // The mini stream: small streams packed in 64-byte mini sectors.
        var miniFAT = [UInt32](repeating: 0xFFFF_FFFF, count: size / 4)
        var miniStream: [UInt8] = []
        for stream in streams where stream.bytes.count < 4096 && !stream.bytes.isEmpty {
            let first = miniStream.count / 64
            let count = (stream.bytes.count + 63) / 64
            layout.startSector[stream.name] = UInt32(first)
            for index in 0..<count { miniFAT[first + index] = index == count - 1 ? endOfChain : UInt32(first + index + 1) }
            miniStream += stream.bytes + [UInt8](repeating: 0, count: count * 64 - stream.bytes.count)
        }
        sectors[2] = miniFAT.flatMap(Self.le32)
        func addChain(_ bytes: [UInt8]) -> UInt32 {
            let first = sectors.count
            let count = (bytes.count + size - 1) / size
            for index in 0..<count {
                let part = Array(bytes[(index * size)..<min(bytes.count, (index + 1) * size)])
                sectors.append(part + [UInt8](repeating: 0, count: size - part.count))
                fat[first + index] = index == count - 1 ? endOfChain : UInt32(first + index + 1)
            }
            return UInt32(first)
        }
        if !miniStream.isEmpty { layout.miniStreamStart = addChain(miniStream) }
        for stream in streams where stream.bytes.count >= 4096 {
            layout.startSector[stream.name] = addChain(stream.bytes)
        }
        sectors[0] = fat.flatMap(Self.le32)

        // The directory: the root, then the streams as a chain of right siblings.
        var directory: [UInt8] = Self.entry(name: "Root Entry", type: 5, right: 0xFFFF_FFFF,
                                            child: streams.isEmpty ? 0xFFFF_FFFF : 1,
                                            start: layout.miniStreamStart, size: UInt64(miniStream.count))
        for (index, stream) in streams.enumerated() {
            let right: UInt32 = index + 1 < streams.count ? UInt32(index + 2) : 0xFFFF_FFFF
            let start = stream.bytes.isEmpty ? endOfChain : (layout.startSector[stream.name] ?? endOfChain)
            directory += Self.entry(name: stream.name, type: 2, right: right, child: 0xFFFF_FFFF,
                                    start: start, size: UInt64(stream.bytes.count))
        }
        directory += [UInt8](repeating: 0, count: size - directory.count)
        sectors[1] = directory

        var header: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 16)
        header += Self.le16(0x3E) + Self.le16(version) + Self.le16(0xFFFE) + Self.le16(version == 3 ? 9 : 12) + Self.le16(6)
        header += [UInt8](repeating: 0, count: 6)
        header += Self.le32(0)  // directory sectors (0 in version 3)
        header += Self.le32(1)  // FAT sectors
        header += Self.le32(1)  // first directory sector
        header += Self.le32(0)  // transaction signature
        header += Self.le32(4096)
        header += Self.le32(2) + Self.le32(1)  // mini FAT: first sector, count
        header += Self.le32(endOfChain) + Self.le32(0)  // DIFAT: none beyond the header
        header += Self.le32(0) + [UInt8](repeating: 0xFF, count: 108 * 4)
        header += [UInt8](repeating: 0, count: size - header.count)
        return (header + sectors.joined(), layout)
    }

    static func entry(name: String, type: UInt8, right: UInt32, child: UInt32, start: UInt32, size: UInt64) -> [UInt8] {
        var units = Array(name.utf16.prefix(31)).flatMap { le16($0) }
        let nameLength = UInt16(units.count + 2)
        units += [UInt8](repeating: 0, count: 64 - units.count)
        var entry = units + le16(nameLength) + [type, 1] + le32(0xFFFF_FFFF) + le32(right) + le32(child)
        entry += [UInt8](repeating: 0, count: 116 - entry.count)
        entry += le32(start) + le32(UInt32(truncatingIfNeeded: size)) + le32(UInt32(truncatingIfNeeded: size >> 32))
        return entry
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}

extension Array where Element == UInt8 {
    /// Overwrites 4 bytes at `offset` with `value`, little-endian.
    mutating func patch32(_ offset: Int, _ value: UInt32) {
        replaceSubrange(offset..<(offset + 4), with: TestCompoundFileBuilder.le32(value))
    }
}
