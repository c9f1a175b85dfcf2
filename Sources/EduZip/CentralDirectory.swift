import EduCore

/// The central directory (APPNOTE 4.3.12): one record per entry, read through a window of at
/// most 64 KiB plus one record, never whole, with `ZipLimits` checked as each entry is read.
enum CentralDirectory {
    static let recordSize = 46
    static let windowSize = 64 * 1024

    static func read(_ file: FileReader, _ end: EndOfCentralDirectory,
                     limits: ZipLimits) throws(ZipError) -> [ZipEntry] {
        let location = SourceLocation(file: file.path)
        try limits.checkEntryCount(end.entryCount, file: file.path)
        let (directoryEnd, overflow) = end.directoryOffset.addingReportingOverflow(end.directorySize)
        guard !overflow, directoryEnd <= file.size else { throw .truncated(location, .centralDirectoryPastEnd) }
        guard directoryEnd <= end.directoryLimit else {
            throw .damaged(location, .badCentralDirectory("it overlaps the end-of-central-directory record"))
        }
        guard end.entryCount <= end.directorySize / UInt64(recordSize) else {
            throw .damaged(location, .badCentralDirectory(
                "it lists \(end.entryCount) entries but has room for \(end.directorySize / UInt64(recordSize))"))
        }
        var cursor = Cursor(file: file, position: end.directoryOffset, end: directoryEnd)
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(min(end.entryCount, 4096)))
        var total: UInt64 = 0
        for index in 0..<end.entryCount {
            let entry = try readRecord(&cursor, number: index + 1, location: location)
            try limits.check(entry, file: file.path)
            try limits.addToTotal(&total, entry, file: file.path)
            entries.append(entry)
        }
        return entries
    }

    private static func readRecord(_ cursor: inout Cursor, number: UInt64,
                                   location: SourceLocation) throws(ZipError) -> ZipEntry {
        let fixed = try cursor.take(recordSize, entry: number, location: location)
        guard fixed.le32(0) == Signature.centralHeader else {
            throw .damaged(location, .badCentralDirectory("entry \(number) has a wrong signature"))
        }
        let flags = fixed.le16(8)
        let method = fixed.le16(10)
        let nameBytes = try cursor.take(Int(fixed.le16(28)), entry: number, location: location)
        let extra = try cursor.take(Int(fixed.le16(30)), entry: number, location: location)
        _ = try cursor.take(Int(fixed.le16(32)), entry: number, location: location)  // the entry's comment
        let name = decodeName(nameBytes, isUTF8: flags & 0x0800 != 0)

        var uncompressedSize = UInt64(fixed.le32(24))
        var compressedSize = UInt64(fixed.le32(20))
        var localHeaderOffset = UInt64(fixed.le32(42))
        if let zip64 = field(0x0001, in: extra) {
            var reader = Zip64Fields(bytes: zip64)
            let entryLocation = SourceLocation(file: location.file, entry: name)
            if uncompressedSize == 0xFFFF_FFFF { uncompressedSize = try reader.next(entryLocation) }
            if compressedSize == 0xFFFF_FFFF { compressedSize = try reader.next(entryLocation) }
            if localHeaderOffset == 0xFFFF_FFFF { localHeaderOffset = try reader.next(entryLocation) }
        }
        return ZipEntry(name: name, method: ZipCompressionMethod(code: method), compressedSize: compressedSize,
                        uncompressedSize: uncompressedSize, crc32: fixed.le32(16), localHeaderOffset: localHeaderOffset,
                        isEncrypted: flags & 0x0041 != 0 || method == 99, usesDataDescriptor: flags & 0x0008 != 0)
    }

    /// The data of the first extra field with `id` (APPNOTE 4.5); nil when absent or malformed.
    static func field(_ id: UInt16, in extra: [UInt8]) -> [UInt8]? {
        var offset = 0
        while offset + 4 <= extra.count {
            let size = Int(extra.le16(offset + 2))
            guard offset + 4 + size <= extra.count else { return nil }
            if extra.le16(offset) == id { return Array(extra[(offset + 4)..<(offset + 4 + size)]) }
            offset += 4 + size
        }
        return nil
    }

    /// UTF-8 when flagged (bit 11) or valid; otherwise each byte as Latin-1 (CP437 is close
    /// enough for the ASCII names of OOXML parts).
    static func decodeName(_ bytes: [UInt8], isUTF8: Bool) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if isUTF8 { return String(decoding: bytes, as: UTF8.self) }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// The 8-byte values of a ZIP64 extended-information field (APPNOTE 4.5.3), in order.
    private struct Zip64Fields {
        let bytes: [UInt8]
        var offset = 0

        mutating func next(_ location: SourceLocation) throws(ZipError) -> UInt64 {
            guard offset + 8 <= bytes.count else {
                throw .damaged(location, .badCentralDirectory("the entry's ZIP64 extra field is too short"))
            }
            defer { offset += 8 }
            return bytes.le64(offset)
        }
    }

    /// Sequential reads of the directory's bytes through a refilled window.
    private struct Cursor {
        let file: FileReader
        var position: UInt64
        let end: UInt64
        private var window: [UInt8] = []
        private var windowStart: UInt64 = 0

        init(file: FileReader, position: UInt64, end: UInt64) {
            self.file = file
            self.position = position
            self.end = end
        }

        mutating func take(_ count: Int, entry: UInt64, location: SourceLocation) throws(ZipError) -> [UInt8] {
            guard UInt64(count) <= end - position else {
                throw .damaged(location, .badCentralDirectory("it ends inside entry \(entry)"))
            }
            if position < windowStart || position + UInt64(count) > windowStart + UInt64(window.count) {
                let length = Int(min(UInt64(max(count, CentralDirectory.windowSize)), end - position))
                window = try file.bytes(at: position, count: length)
                windowStart = position
                guard window.count >= count else { throw .truncated(location, .centralDirectoryPastEnd) }
            }
            let start = Int(position - windowStart)
            position += UInt64(count)
            return Array(window[start..<(start + count)])
        }
    }
}
