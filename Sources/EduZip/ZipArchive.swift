import EduCore

/// A ZIP archive on disk (APPNOTE 6.3.10), as an .xlsx is one ([ECMA-376] Part 2, Open
/// Packaging Conventions). Opening reads only the end records and the central directory and
/// checks `ZipLimits`, so a zip bomb is refused before anything is inflated. Entries are read
/// later, each through its own stream. Immutable after init and safe to share between threads:
/// the file is read only with pread(2).
public final class ZipArchive: Sendable {
    /// The path as the caller gave it; errors name the file by it.
    public let path: String
    /// The entries in central-directory order.
    public let entries: [ZipEntry]
    public let limits: ZipLimits

    private let file: FileReader
    /// Where the entries' data ends: the start of the central directory.
    private let dataLimit: UInt64
    private let exactIndex: [String: Int]
    private let foldedIndex: [String: Int]

    /// Opens the archive at `path`. Throws `ZipError`: not a ZIP (with what the file seems to be
    /// instead, e.g. a legacy .xls or a password-protected workbook), truncated, damaged, or
    /// over a limit.
    public init(path: String, limits: ZipLimits = .default) throws(ZipError) {
        let file = try FileReader(path: path)
        try CompoundFileSniffer.requireZip(file)
        let end = try EndOfCentralDirectory(reading: file)
        entries = try CentralDirectory.read(file, end, limits: limits)
        self.path = path
        self.limits = limits
        self.file = file
        dataLimit = end.directoryOffset
        exactIndex = Self.index(entries.map(\.name))
        foldedIndex = Self.index(entries.map { Self.fold($0.name) })
    }

    /// The entry called `name`: the exact name first, then ignoring ASCII case, a leading "/"
    /// and backslashes instead of slashes (as some writers store part names).
    public func entry(named name: String) -> ZipEntry? {
        if let index = exactIndex[name] ?? foldedIndex[Self.fold(name)] { return entries[index] }
        return nil
    }

    /// The whole uncompressed contents, for small parts like workbook.xml. Refuses an entry
    /// declaring more than `limit` bytes; the stream refuses output past the declared size.
    public func contents(of entry: ZipEntry, limit: Int? = nil) throws(ZipError) -> [UInt8] {
        if let limit, entry.uncompressedSize > UInt64(max(limit, 0)) {
            throw .limitExceeded(SourceLocation(file: path, entry: entry.name),
                                 .contentsTooLarge(size: entry.uncompressedSize, limit: limit))
        }
        let stream = try openStream(entry)
        var contents: [UInt8] = []
        contents.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(max(limit ?? .max, 0)), 16 << 20)))
        var chunk = [UInt8](repeating: 0, count: ZipEntryStream.chunkSize)
        while true {
            let count = try chunk.withMutableBytes { buffer throws(ZipError) in try stream.read(into: buffer) }
            if count == 0 { return contents }
            contents.append(contentsOf: chunk[0..<count])
        }
    }

    /// A pull stream inflating the entry chunk by chunk; it checks the CRC-32 and the size at
    /// the end. Throws here for an encrypted entry, an unsupported method, or a local header or
    /// data past the end of the file.
    public func openStream(_ entry: ZipEntry) throws(ZipError) -> ZipEntryStream {
        try ZipEntryStream(file: file, entry: entry, dataLimit: dataLimit)
    }

    /// ASCII case folded, backslashes as slashes, no leading slash.
    static func fold(_ name: String) -> String {
        var bytes = name.utf8.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte + 0x20
            case UInt8(ascii: "\\"): return UInt8(ascii: "/")
            default: return byte
            }
        }
        if let first = bytes.firstIndex(where: { $0 != UInt8(ascii: "/") }) {
            bytes.removeSubrange(..<first)
        } else {
            bytes.removeAll()
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Name → position of its first entry.
    private static func index(_ names: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        return index
    }
}
