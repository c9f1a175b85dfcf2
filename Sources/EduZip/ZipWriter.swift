import EduCore

/// Writes a ZIP archive (APPNOTE 6.3.10), as an .xlsx is one ([ECMA-376] Part 2): entries
/// deflated with zlib's raw deflate (method 8) or stored (method 0), each with zlib's CRC-32,
/// local headers, a central directory and the end record. Names are UTF-8 (general-purpose
/// bit 11 set when a name is not ASCII); times are MS-DOS times. No ZIP64: an entry or an
/// archive that would need it (4 GiB, 65 535 entries) is refused with `ZipWriteError.tooLarge`.
///
/// The archive is written to a temporary file in the destination's folder and renamed over the
/// destination by `finish()`, so a reader sees the old file or the whole new one, never part;
/// after `cancel()`, any error, or the writer's end without `finish()`, the temporary file is
/// removed and the destination is as it was. The first error ends the writer: later calls
/// throw it again.
///
/// ```swift
/// let writer = try ZipWriter(path: "县A_2024.xlsx")
/// try writer.add(name: "[Content_Types].xml", data: bytes)
/// try writer.beginEntry(name: "xl/worksheets/sheet1.xml")   // or stream an entry in pieces
/// try writer.write(chunk)
/// try writer.endEntry()
/// try writer.finish()
/// ```
/// Not for use from several threads at once.
public final class ZipWriter {
    /// The destination as the caller named it; errors name the file by it.
    public let path: String
    /// The entries' time unless `beginEntry` gives another.
    public let modified: ZipTimestamp
    /// zlib's level for deflated entries: 0 to 9, -1 for zlib's default (6).
    public let compressionLevel: Int

    private var file: AtomicFile?
    private var entries: [WrittenEntry] = []
    private var foldedNames: [String: String] = [:]
    private var open: (entry: WrittenEntry, encoder: EntryEncoder)?
    private var failure: ZipWriteError?
    private let limits: ZipWriteLimits

    /// Creates the temporary file beside `path`; nothing is written to `path` until `finish()`.
    public convenience init(path: String, modified: ZipTimestamp = .now(), compressionLevel: Int = 6) throws(ZipWriteError) {
        try self.init(path: path, modified: modified, compressionLevel: compressionLevel, limits: ZipWriteLimits())
    }

    init(path: String, modified: ZipTimestamp, compressionLevel: Int, limits: ZipWriteLimits) throws(ZipWriteError) {
        self.path = path
        self.modified = modified
        self.compressionLevel = compressionLevel
        self.limits = limits
        file = try AtomicFile(destination: path)
    }

    /// The path of the temporary file being written, nil once finished or cancelled.
    public var temporaryPath: String? { file?.temporaryPath }

    /// Writes one whole entry: deflated when `compress` (the default), else stored.
    public func add(name: String, data: [UInt8], compress: Bool = true,
                    modified: ZipTimestamp? = nil) throws(ZipWriteError) {
        try beginEntry(name: name, compress: compress, modified: modified)
        try write(data)
        try endEntry()
    }

    /// Starts an entry whose bytes follow through `write` until `endEntry()`. Writes its local
    /// header, with the CRC-32 and sizes patched in by `endEntry()`.
    public func beginEntry(name: String, compress: Bool = true, modified: ZipTimestamp? = nil) throws(ZipWriteError) {
        try running { () throws(ZipWriteError) in
            let file = try usableFile()
            if let open { throw .invalidState(location(open.entry.name), .entryOpen(open.entry.name)) }
            let nameBytes = try checkedName(name)
            guard entries.count < limits.entryCount else {
                throw .tooLarge(location(name), .entryCount(limit: limits.entryCount))
            }
            let time = modified ?? self.modified
            let entry = WrittenEntry(name: name, nameBytes: nameBytes, method: compress ? .deflated : .stored,
                                     flags: nameBytes.allSatisfy { $0 < 0x80 } ? 0 : WrittenEntry.utf8NameFlag,
                                     dosTime: time.dosTime, dosDate: time.dosDate, localHeaderOffset: file.size)
            let header = entry.localHeader()
            guard file.size + UInt64(header.count) <= limits.archiveSize else {
                throw .tooLarge(location(name), .archive(limit: limits.archiveSize))
            }
            let encoder = try EntryEncoder(compress: compress, level: compressionLevel, limits: limits,
                                           location: location(name))
            try file.append(header)
            foldedNames[ZipArchive.fold(name)] = name
            open = (entry, encoder)
        }
    }

    /// Appends bytes to the open entry.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ZipWriteError) {
        try running { () throws(ZipWriteError) in
            let file = try usableFile()
            guard let open else { throw .invalidState(location(nil), .noEntryOpen) }
            try open.encoder.write(bytes, to: file)
        }
    }

    public func write(_ bytes: [UInt8]) throws(ZipWriteError) {
        var result: Result<Void, ZipWriteError> = .success(())
        bytes.withUnsafeBytes { buffer in result = Result { () throws(ZipWriteError) in try write(buffer) } }
        try result.get()
    }

    /// Ends the open entry: the deflate stream finished, the CRC-32 and sizes written into its
    /// local header and kept for the central directory.
    public func endEntry() throws(ZipWriteError) {
        try running { () throws(ZipWriteError) in
            let file = try usableFile()
            guard let (opened, encoder) = open else { throw .invalidState(location(nil), .noEntryOpen) }
            var entry = opened
            try encoder.finish(to: file)
            entry.crc32 = encoder.crc
            entry.compressedSize = encoder.compressedSize
            entry.uncompressedSize = encoder.uncompressedSize
            try file.overwrite(entry.sizesAndCRC(), at: entry.localHeaderOffset + WrittenEntry.localCRCOffset)
            entries.append(entry)
            open = nil
        }
    }

    /// Writes the central directory and the end record, then renames the temporary file over
    /// the destination. Throws `.invalidState` while an entry is open.
    public func finish() throws(ZipWriteError) {
        try running { () throws(ZipWriteError) in
            let file = try usableFile()
            if let open { throw .invalidState(location(open.entry.name), .entryOpen(open.entry.name)) }
            let directoryOffset = file.size
            var directory: [UInt8] = []
            for entry in entries { directory.append(contentsOf: entry.centralHeader()) }
            let end = WrittenEntry.endRecord(entryCount: entries.count, directorySize: UInt64(directory.count),
                                             directoryOffset: directoryOffset)
            guard directoryOffset + UInt64(directory.count + end.count) <= limits.archiveSize else {
                throw .tooLarge(location(nil), .archive(limit: limits.archiveSize))
            }
            try file.append(directory + end)
            try file.commit()
            self.file = nil
        }
    }

    /// Abandons the archive: the temporary file is removed, the destination left as it was.
    public func cancel() {
        file?.discard()
        file = nil
        open = nil
        if failure == nil { failure = .invalidState(location(nil), .closed) }
    }

    deinit {
        file?.discard()
    }

    /// Runs a step; its error ends the writer (temporary file removed) and is kept for later calls.
    private func running(_ step: () throws(ZipWriteError) -> Void) throws(ZipWriteError) {
        if let failure { throw failure }
        do throws(ZipWriteError) {
            try step()
        } catch {
            // A call out of order or a refused name leaves the archive consistent: keep going.
            switch error {
            case .invalidState, .invalidEntryName:
                throw error
            default:
                failure = error
                file?.discard()
                file = nil
                open = nil
                throw error
            }
        }
    }

    private func usableFile() throws(ZipWriteError) -> AtomicFile {
        guard let file else { throw .invalidState(location(nil), .closed) }
        return file
    }

    private func location(_ entry: String?) -> SourceLocation {
        SourceLocation(file: path, entry: entry)
    }

    /// The name's UTF-8 bytes, once it is known to be storable and new.
    private func checkedName(_ name: String) throws(ZipWriteError) -> [UInt8] {
        let at = location(name)
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty else { throw .invalidEntryName(at, .empty) }
        guard bytes.count <= 0xFFFF else { throw .invalidEntryName(at, .tooLong(bytes: bytes.count)) }
        if bytes.contains(0) { throw .invalidEntryName(at, .unsafe("contains a NUL character")) }
        if bytes.contains(UInt8(ascii: "\\")) { throw .invalidEntryName(at, .unsafe("contains a backslash")) }
        if bytes.first == UInt8(ascii: "/") { throw .invalidEntryName(at, .unsafe("starts with a slash")) }
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        if segments.dropLast().contains(where: \.isEmpty) || segments.contains(where: { $0 == "." || $0 == ".." }) {
            throw .invalidEntryName(at, .unsafe("has an empty, \".\" or \"..\" segment"))
        }
        if let existing = foldedNames[ZipArchive.fold(name)] {
            throw .invalidEntryName(at, .duplicate(existing: existing))
        }
        return bytes
    }
}
