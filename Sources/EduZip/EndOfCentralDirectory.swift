import EduCore

/// Where the central directory lies, from the end-of-central-directory record (APPNOTE 4.3.16),
/// found by scanning back from the end of the file past a comment of up to 65 535 bytes, and
/// from the ZIP64 end record (4.3.14) when a ZIP64 locator (4.3.15) precedes it.
struct EndOfCentralDirectory {
    var entryCount: UInt64
    var directoryOffset: UInt64
    var directorySize: UInt64
    /// Where the end records start: the central directory must end at or before it.
    var directoryLimit: UInt64
    var isZip64: Bool

    static let recordSize = 22
    static let maxCommentLength = 65_535
    static let locatorSize = 20
    static let zip64RecordSize = 56

    init(reading file: FileReader) throws(ZipError) {
        let location = SourceLocation(file: file.path)
        let tailLength = Int(min(file.size, UInt64(Self.recordSize + Self.maxCommentLength)))
        let tailStart = file.size - UInt64(tailLength)
        let tail = try file.bytes(at: tailStart, count: tailLength)
        guard let position = Self.findRecord(in: tail) else { throw .truncated(location, .missingEndRecord) }
        let recordOffset = tailStart + UInt64(position)

        entryCount = UInt64(tail.le16(position + 10))
        directorySize = UInt64(tail.le32(position + 12))
        directoryOffset = UInt64(tail.le32(position + 16))
        directoryLimit = recordOffset
        isZip64 = false
        try readZip64(file, endRecordOffset: recordOffset, location: location)
    }

    /// The offset in `tail` of the end record: the last signature whose comment reaches exactly
    /// to the end of the file, else the last whose comment fits (bytes appended after it).
    static func findRecord(in tail: [UInt8]) -> Int? {
        guard tail.count >= recordSize else { return nil }
        var fallback: Int?
        var position = tail.count - recordSize
        while position >= 0 {
            if tail[position] == 0x50, tail.le32(position) == Signature.endOfCentralDirectory {
                let end = position + recordSize + Int(tail.le16(position + 20))
                if end == tail.count { return position }
                if end < tail.count, fallback == nil { fallback = position }
            }
            position -= 1
        }
        return fallback
    }

    /// Replaces the 16- and 32-bit fields by the ZIP64 end record's when a locator is present.
    private mutating func readZip64(_ file: FileReader, endRecordOffset: UInt64,
                                    location: SourceLocation) throws(ZipError) {
        guard endRecordOffset >= UInt64(Self.locatorSize) else { return }
        let locatorOffset = endRecordOffset - UInt64(Self.locatorSize)
        let locator = try file.bytes(at: locatorOffset, count: Self.locatorSize)
        guard locator.count == Self.locatorSize, locator.le32(0) == Signature.zip64Locator else { return }
        let recordOffset = locator.le64(8)
        guard recordOffset < file.size else { throw .truncated(location, .centralDirectoryPastEnd) }
        guard recordOffset <= locatorOffset, locatorOffset - recordOffset >= UInt64(Self.zip64RecordSize) else {
            throw .damaged(location, .badCentralDirectory("its ZIP64 end record overlaps the locator"))
        }
        let record = try file.bytes(at: recordOffset, count: Self.zip64RecordSize)
        guard record.count == Self.zip64RecordSize, record.le32(0) == Signature.zip64EndOfCentralDirectory else {
            throw .damaged(location, .badCentralDirectory("the ZIP64 end record's signature is wrong"))
        }
        entryCount = record.le64(32)
        directorySize = record.le64(40)
        directoryOffset = record.le64(48)
        directoryLimit = recordOffset
        isZip64 = true
    }
}
