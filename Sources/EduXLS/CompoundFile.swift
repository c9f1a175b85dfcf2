import EduCore

/// An OLE2 compound file ([MS-CFB]): the container of a legacy .xls workbook, whose BIFF records
/// are in its "Workbook" (BIFF8) or "Book" (BIFF5) stream.
///
/// Opening reads the whole file, checks the header, builds the FAT (from the header's 109 DIFAT
/// entries and any DIFAT sectors chained beyond), the directory and its tree, the mini FAT and
/// the mini stream's chain. Streams are read on demand. Every chain is walked with a visited set,
/// so each sector is read at most once, and every size a file declares is checked against the
/// file's own size before anything is allocated for it: a hostile file is refused with a
/// `CompoundFileError`, never a trap, a hang or a huge allocation.
public struct CompoundFile: Sendable {
    /// Files larger than this are refused before they are read.
    public static let defaultMaxFileSize: UInt64 = 1 << 30

    /// A stream reachable from the root storage: its path ("Workbook", "_VBA_PROJECT_CUR/VBA/dir")
    /// and its declared size.
    public struct Stream: Hashable, Sendable {
        public let name: String
        public let size: UInt64
        /// Its index in `entries`.
        public let entry: Int
    }

    public let path: String
    public let header: CompoundFileHeader
    /// Every directory entry, in the directory's order (entry 0 is the root).
    public let entries: [DirectoryEntry]
    /// The streams of the root storage and of its storages, in directory order.
    public let streams: [Stream]

    private let reader: LittleEndianReader
    let fat: [UInt32]
    /// Sectors the file holds, a last partial sector included.
    private let sectorsInFile: Int
    private let miniFAT: [UInt32]
    /// The regular sectors of the mini stream (the root entry's stream), in order.
    private let miniStreamSectors: [UInt32]
    private let miniStreamSize: Int

    /// Reads the file at `path` and opens it; files larger than `maxFileSize` are refused unread.
    public init(path: String, maxFileSize: UInt64 = defaultMaxFileSize) throws(CompoundFileError) {
        try self.init(bytes: FileBytes.load(path: path, limit: maxFileSize), path: path)
    }

    /// Opens a compound file held in memory; `path` names it in errors.
    public init(bytes: [UInt8], path: String) throws(CompoundFileError) {
        let location = SourceLocation(file: path)
        let reader = LittleEndianReader(bytes: bytes)
        let header = try CompoundFileHeader(reader, location: location)
        let sectorSize = header.sectorSize
        let sectorsInFile = bytes.count > sectorSize ? (bytes.count - sectorSize + sectorSize - 1) / sectorSize : 0

        let fatSectors = try Self.fatSectorNumbers(header: header, reader: reader, sectorsInFile: sectorsInFile, location: location)
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectors.count * (sectorSize / 4))
        for sector in fatSectors {
            fat += try Self.sectorFields(sector, header: header, reader: reader, chain: .fat, location: location)
        }
        let chains = SectorChain(table: fat, available: sectorsInFile, fileSize: bytes.count, location: location)

        // The directory: 128-byte entries filling its sectors.
        var entries: [DirectoryEntry] = []
        let perSector = sectorSize / DirectoryEntry.size
        for sector in try chains.follow(from: header.firstDirectorySector, chain: .directory) {
            for slot in 0..<perSector {
                guard let offset = Self.offset(of: sector, header: header),
                      let entry = DirectoryEntry(reader, at: offset + slot * DirectoryEntry.size, majorVersion: header.majorVersion)
                else {
                    throw .sectorPastEndOfFile(location, .directory, sector: sector, fileSize: bytes.count)
                }
                entries.append(entry)
            }
        }
        guard let root = entries.first, root.kind == .root else { throw .damagedDirectory(location, .noRootEntry) }
        let streams = try Self.streams(in: entries, location: location)

        // The mini stream (the root entry's stream) and the mini FAT, when there are small streams.
        var miniStreamSectors: [UInt32] = []
        var miniStreamSize = 0
        if root.size > 0, root.startSector != SectorID.endOfChain {
            let limit = Self.capacity(of: fat, header: header)
            guard let size = Int(exactly: root.size), size <= limit else {
                throw .streamTooLarge(location, .miniStream, declared: root.size, limit: limit)
            }
            let needed = (size + sectorSize - 1) / sectorSize
            miniStreamSectors = try chains.follow(from: root.startSector, chain: .miniStream, limit: needed)
            guard miniStreamSectors.count == needed else {
                throw .chainTooShort(location, .miniStream, declared: root.size, available: UInt64(clamping: miniStreamSectors.count * sectorSize))
            }
            miniStreamSize = size
        }
        var miniFAT: [UInt32] = []
        // Some writers mark "no mini FAT" as free rather than end of chain.
        if header.firstMiniFATSector != SectorID.endOfChain, header.firstMiniFATSector != SectorID.free {
            for sector in try chains.follow(from: header.firstMiniFATSector, chain: .miniFAT) {
                miniFAT += try Self.sectorFields(sector, header: header, reader: reader, chain: .miniFAT, location: location)
            }
        }

        self.path = path
        self.header = header
        self.entries = entries
        self.streams = streams
        self.reader = reader
        self.fat = fat
        self.sectorsInFile = sectorsInFile
        self.miniFAT = miniFAT
        self.miniStreamSectors = miniStreamSectors
        self.miniStreamSize = miniStreamSize
    }

    /// The paths of the streams, in directory order.
    public var streamNames: [String] { streams.map(\.name) }

    /// The stream whose path matches `name` case-insensitively ("workbook" finds "Workbook"),
    /// nil when there is none.
    public func streamInfo(named name: String) -> Stream? {
        let wanted = name.lowercased()
        return streams.first { $0.name.lowercased() == wanted }
    }

    /// The bytes of the stream named `name` (matched case-insensitively).
    public func stream(named name: String) throws(CompoundFileError) -> [UInt8] {
        guard let stream = streamInfo(named: name) else {
            throw .streamNotFound(SourceLocation(file: path), name: name, available: streamNames)
        }
        return try contents(of: stream)
    }

    /// The bytes of `stream`: from the mini stream when smaller than the cutoff, else from sectors.
    public func contents(of stream: Stream) throws(CompoundFileError) -> [UInt8] {
        let location = SourceLocation(file: path, entry: CompoundFileError.printable(stream.name))
        let chain = CompoundFileError.Chain.stream(stream.name)
        guard stream.entry >= 0, stream.entry < entries.count else {
            throw .damagedDirectory(location, .entryOutOfRange(entry: UInt32(clamping: stream.entry), count: entries.count))
        }
        let entry = entries[stream.entry]
        let small = entry.size < UInt64(header.miniStreamCutoff)
        // A size the FAT (or the mini stream) cannot hold is refused before anything is allocated;
        // a smaller one that the file cannot hold is found cut short on the chain.
        let limit = small ? miniStreamSize : Self.capacity(of: fat, header: header)
        guard let size = Int(exactly: entry.size), size <= limit else {
            throw .streamTooLarge(location, chain, declared: entry.size, limit: limit)
        }
        if size == 0 { return [] }
        if small {
            return try miniStreamContents(start: entry.startSector, size: size, chain: chain, location: location)
        }
        let sectorSize = header.sectorSize
        let needed = (size + sectorSize - 1) / sectorSize
        let chains = SectorChain(table: fat, available: sectorsInFile, fileSize: reader.count, location: location)
        let sectors = try chains.follow(from: entry.startSector, chain: chain, limit: needed)
        guard sectors.count == needed else {
            throw .chainTooShort(location, chain, declared: entry.size, available: UInt64(clamping: sectors.count * sectorSize))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(size, reader.count))
        for sector in sectors {
            let length = min(sectorSize, size - bytes.count)
            guard let offset = Self.offset(of: sector, header: header), let part = reader.slice(at: offset, length: length) else {
                throw .sectorPastEndOfFile(location, chain, sector: sector, fileSize: reader.count)
            }
            bytes += part
        }
        return bytes
    }

    // MARK: - Building blocks

    /// A small stream's bytes: its mini sectors, found through the mini FAT, each 64 bytes of the
    /// mini stream, which itself lies in the regular sectors `miniStreamSectors`.
    private func miniStreamContents(
        start: UInt32, size: Int, chain: CompoundFileError.Chain, location: SourceLocation
    ) throws(CompoundFileError) -> [UInt8] {
        let miniSize = header.miniSectorSize
        let sectorSize = header.sectorSize
        let available = (miniStreamSize + miniSize - 1) / miniSize
        let needed = (size + miniSize - 1) / miniSize
        let chains = SectorChain(table: miniFAT, available: available, fileSize: nil, location: location)
        let sectors = try chains.follow(from: start, chain: chain, limit: needed)
        guard sectors.count == needed else {
            throw .chainTooShort(location, chain, declared: UInt64(clamping: size), available: UInt64(clamping: sectors.count * miniSize))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        for sector in sectors {
            let length = min(miniSize, size - bytes.count)
            // `follow` checked sector < available, so the mini offset lies inside the mini stream.
            guard let miniIndex = Int(exactly: sector), miniIndex < available else {
                throw .sectorOutOfRange(location, chain, sector: sector, limit: available)
            }
            let miniOffset = miniIndex * miniSize
            let index = miniOffset / sectorSize
            guard miniOffset + length <= miniStreamSize, index < miniStreamSectors.count else {
                throw .sectorOutOfRange(location, chain, sector: sector, limit: available)
            }
            let host = miniStreamSectors[index]
            guard let start = Self.offset(of: host, header: header),
                  let part = reader.slice(at: start + miniOffset % sectorSize, length: length)
            else {
                throw .sectorPastEndOfFile(location, .miniStream, sector: host, fileSize: reader.count)
            }
            bytes += part
        }
        return bytes
    }

    /// Where regular sector `sector` starts: one sector in (past the header sector), then `sector`
    /// sectors on; nil only for a number no file could hold.
    private static func offset(of sector: UInt32, header: CompoundFileHeader) -> Int? {
        guard let index = Int(exactly: sector) else { return nil }
        let offset = (index + 1).multipliedReportingOverflow(by: header.sectorSize)
        return offset.overflow ? nil : offset.partialValue
    }

    /// The most bytes a chain of the FAT can hold: one sector per FAT entry.
    private static func capacity(of fat: [UInt32], header: CompoundFileHeader) -> Int {
        let bytes = fat.count.multipliedReportingOverflow(by: header.sectorSize)
        return bytes.overflow ? Int.max : bytes.partialValue
    }

    /// A whole sector read as 32-bit fields (a FAT, mini FAT or DIFAT sector).
    private static func sectorFields(
        _ sector: UInt32, header: CompoundFileHeader, reader: LittleEndianReader,
        chain: CompoundFileError.Chain, location: SourceLocation
    ) throws(CompoundFileError) -> [UInt32] {
        guard let start = offset(of: sector, header: header),
              let fields = reader.u32Array(at: start, count: header.sectorSize / 4)
        else {
            throw .sectorPastEndOfFile(location, chain, sector: sector, fileSize: reader.count)
        }
        return fields
    }

    /// The FAT's sectors: the header's first 109 DIFAT entries, then those of the DIFAT sectors
    /// chained from the header (each ends with the next one's number). The whole DIFAT chain is
    /// walked and checked, even past the entries needed, so a looping chain is refused.
    private static func fatSectorNumbers(
        header: CompoundFileHeader, reader: LittleEndianReader, sectorsInFile: Int, location: SourceLocation
    ) throws(CompoundFileError) -> [UInt32] {
        guard let count = Int(exactly: header.fatSectorCount), count <= sectorsInFile else {
            throw .unsupportedHeader(location, .fatSectorCount(declared: header.fatSectorCount, sectorsInFile: sectorsInFile))
        }
        var numbers = Array(header.headerDIFAT.prefix(count))
        var visited = [Bool](repeating: false, count: sectorsInFile)
        var current = header.firstDIFATSector
        var previous = current
        while current != SectorID.endOfChain, current != SectorID.free {
            guard current <= SectorID.maxRegular else { throw .badChainLink(location, .difat, sector: previous, value: current) }
            guard let index = Int(exactly: current), index < sectorsInFile else {
                throw .sectorOutOfRange(location, .difat, sector: current, limit: sectorsInFile)
            }
            guard !visited[index] else { throw .chainLoops(location, .difat, sector: current) }
            visited[index] = true
            let fields = try sectorFields(current, header: header, reader: reader, chain: .difat, location: location)
            guard let next = fields.last else { break }
            if numbers.count < count { numbers += fields.dropLast().prefix(count - numbers.count) }
            previous = current
            current = next
        }
        guard numbers.count == count else {
            throw .unsupportedHeader(location, .fatSectorsMissing(declared: header.fatSectorCount, listed: numbers.count))
        }
        // Each FAT sector must exist, and none may be listed twice.
        visited = [Bool](repeating: false, count: sectorsInFile)
        for number in numbers {
            guard let index = Int(exactly: number), index < sectorsInFile else {
                throw .sectorOutOfRange(location, .fat, sector: number, limit: sectorsInFile)
            }
            guard !visited[index] else { throw .chainLoops(location, .fat, sector: number) }
            visited[index] = true
        }
        return numbers
    }

    /// The streams reachable from the root storage through the directory's trees, each entry
    /// visited at most once; a storage's streams are named "storage/stream".
    private static func streams(in entries: [DirectoryEntry], location: SourceLocation) throws(CompoundFileError) -> [Stream] {
        guard let root = entries.first else { throw .damagedDirectory(location, .noRootEntry) }
        var found: [Stream] = []
        var visited = [Bool](repeating: false, count: entries.count)
        visited[0] = true
        var pending: [(id: UInt32, prefix: String)] = [(root.child, "")]
        while let (id, prefix) = pending.popLast() {
            if id == DirectoryEntry.noStream { continue }
            guard let index = Int(exactly: id), index < entries.count else {
                throw .damagedDirectory(location, .entryOutOfRange(entry: id, count: entries.count))
            }
            guard !visited[index] else { throw .damagedDirectory(location, .treeLoops(entry: id)) }
            visited[index] = true
            let entry = entries[index]
            switch entry.kind {
            case .stream:
                found.append(Stream(name: prefix + entry.name, size: entry.size, entry: index))
            case .storage:
                pending.append((entry.child, prefix + entry.name + "/"))
            case .unallocated, .root, .other:
                throw .damagedDirectory(location, .badEntryType(entry: id, type: entry.rawType))
            }
            pending.append((entry.right, prefix))
            pending.append((entry.left, prefix))
        }
        return found.sorted { $0.entry < $1.entry }
    }
}
