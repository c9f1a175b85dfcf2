/// Just enough of the ZIP format (APPNOTE 6.3.x, sections 4.3.7, 4.3.12, 4.3.16, 4.5.3) to find
/// a stored entry's compressed bytes, for the floors. Not the project's reader: it has to stay
/// independent of EduZip so that the floor is zlib alone.
struct ZipEntryInfo {
    var name: String
    /// 8 = deflate, 0 = stored.
    var method: Int
    var compressedSize: Int
    var uncompressedSize: Int
    var localHeaderOffset: Int
}

enum ZipLookup {
    private static let endOfCentralDirectory = 0x0605_4b50
    private static let zip64EndLocator = 0x0706_4b50
    private static let zip64End = 0x0606_4b50
    private static let centralHeader = 0x0201_4b50
    private static let localHeader = 0x0403_4b50

    /// Every entry the central directory lists.
    static func entries(of file: BenchFile) throws -> [ZipEntryInfo] {
        let tailCount = min(file.size, 22 + 0xFFFF)
        let tailStart = file.size - tailCount
        let tail = try file.bytes(at: tailStart, count: tailCount)
        guard tailCount >= 22,
              let eocd = stride(from: tailCount - 22, through: 0, by: -1).first(where: {
                  tail.le32($0) == endOfCentralDirectory
              }) else { throw BenchError("\(file.path): not a ZIP archive (no end of central directory)") }
        var count = tail.le16(eocd + 10)
        var directorySize = tail.le32(eocd + 12)
        var directoryOffset = tail.le32(eocd + 16)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            let locatorAt = tailStart + eocd - 20
            let locator = try file.bytes(at: locatorAt, count: 20)
            guard locator.le32(0) == zip64EndLocator else { throw BenchError("\(file.path): ZIP64 locator missing") }
            let record = try file.bytes(at: Int(locator.le64(8)), count: 56)
            guard record.le32(0) == zip64End else { throw BenchError("\(file.path): ZIP64 end record missing") }
            count = Int(record.le64(32))
            directorySize = Int(record.le64(40))
            directoryOffset = Int(record.le64(48))
        }
        guard directoryOffset + directorySize <= file.size, directorySize <= 64 << 20 else {
            throw BenchError("\(file.path): central directory out of bounds")
        }
        let directory = try file.bytes(at: directoryOffset, count: directorySize)
        var result: [ZipEntryInfo] = []
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, directory.le32(at) == centralHeader else {
                throw BenchError("\(file.path): bad central directory header at \(directoryOffset + at)")
            }
            let nameLength = directory.le16(at + 28), extraLength = directory.le16(at + 30)
            let commentLength = directory.le16(at + 32)
            guard at + 46 + nameLength + extraLength + commentLength <= directory.count else {
                throw BenchError("\(file.path): central directory entry runs past its end")
            }
            var entry = ZipEntryInfo(
                name: String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self),
                method: directory.le16(at + 10), compressedSize: directory.le32(at + 20),
                uncompressedSize: directory.le32(at + 24), localHeaderOffset: directory.le32(at + 42))
            applyZip64Extra(&entry, directory, from: at + 46 + nameLength, count: extraLength)
            result.append(entry)
            at += 46 + nameLength + extraLength + commentLength
        }
        return result
    }

    /// The ZIP64 extended information field (0x0001) holds the 8-byte values whose 4-byte
    /// fields are 0xFFFFFFFF, in the order uncompressed, compressed, offset.
    private static func applyZip64Extra(_ entry: inout ZipEntryInfo, _ bytes: [UInt8], from start: Int, count: Int) {
        var at = start
        while at + 4 <= start + count {
            let id = bytes.le16(at), size = bytes.le16(at + 2)
            if id == 1 {
                var field = at + 4
                for keyPath in [\ZipEntryInfo.uncompressedSize, \.compressedSize, \.localHeaderOffset]
                where entry[keyPath: keyPath] == 0xFFFF_FFFF && field + 8 <= at + 4 + size {
                    entry[keyPath: keyPath] = Int(bytes.le64(field))
                    field += 8
                }
            }
            at += 4 + size
        }
    }

    /// The named entry and the file offset where its compressed data begins.
    static func locate(_ name: String, in file: BenchFile) throws -> (ZipEntryInfo, dataOffset: Int) {
        guard let entry = try entries(of: file).first(where: { $0.name == name }) else {
            throw BenchError("\(file.path): no entry \(name)")
        }
        let header = try file.bytes(at: entry.localHeaderOffset, count: 30)
        guard header.le32(0) == localHeader else { throw BenchError("\(file.path) › \(name): bad local header") }
        let dataOffset = entry.localHeaderOffset + 30 + header.le16(26) + header.le16(28)
        guard dataOffset + entry.compressedSize <= file.size else {
            throw BenchError("\(file.path) › \(name): data runs past the end of the file")
        }
        return (entry, dataOffset)
    }

    /// Uncompressed bytes of the worksheet parts (xl/worksheets/*.xml): the "MB of sheet XML".
    static func sheetXMLBytes(of file: BenchFile) throws -> Int {
        try entries(of: file).filter { $0.name.hasPrefix("xl/worksheets/") && $0.name.hasSuffix(".xml") }
            .reduce(0) { $0 + $1.uncompressedSize }
    }
}

private extension Array where Element == UInt8 {
    func le16(_ at: Int) -> Int { Int(self[at]) | Int(self[at + 1]) << 8 }
    func le32(_ at: Int) -> Int { le16(at) | le16(at + 2) << 16 }
    func le64(_ at: Int) -> UInt64 { UInt64(le32(at)) | UInt64(le32(at + 4)) << 32 }
}
