import EduCore

/// Why a file could not be read as an OLE2 compound file ([MS-CFB]), or one of its streams could
/// not be read. Every case carries the file as the caller named it and, once known, the stream
/// (as `SourceLocation.entry`). `description` is one line naming the file:
/// `县A_2023.xls › Workbook: the Workbook stream's sector chain loops back to sector 5; …`.
public enum CompoundFileError: Error, CustomStringConvertible, Sendable, Hashable {
    /// open(2) or fstat(2) failed, or the path is not a regular file.
    case cannotOpen(SourceLocation, detail: String)
    /// read(2) failed part way.
    case cannotRead(SourceLocation, detail: String)
    /// The file is larger than the reader's limit; nothing was allocated for it.
    case fileTooLarge(SourceLocation, size: UInt64, limit: UInt64)
    /// The first 8 bytes are not the compound file signature D0 CF 11 E0 A1 B1 1A E1.
    case notCompoundFile(SourceLocation, size: Int)
    /// The signature is there but the file ends inside the 512-byte header.
    case truncatedHeader(SourceLocation, size: Int)
    /// A header field has a value [MS-CFB] 2.2 does not allow.
    case unsupportedHeader(SourceLocation, HeaderProblem)
    /// A sector chain (or the DIFAT's list of FAT sectors) comes back to a sector it already visited.
    case chainLoops(SourceLocation, Chain, sector: UInt32)
    /// A chain names a sector the FAT (or mini FAT) has no entry for.
    case sectorOutOfRange(SourceLocation, Chain, sector: UInt32, limit: Int)
    /// A chain names a sector that the FAT describes but that lies past the end of the file.
    case sectorPastEndOfFile(SourceLocation, Chain, sector: UInt32, fileSize: Int)
    /// A chain runs into a FAT entry that is not a link: free, or marking a FAT or DIFAT sector.
    case badChainLink(SourceLocation, Chain, sector: UInt32, value: UInt32)
    /// A stream declares more bytes than its chain holds.
    case chainTooShort(SourceLocation, Chain, declared: UInt64, available: UInt64)
    /// A stream declares more bytes than its allocation table can address (the FAT's sectors, or
    /// the mini stream for a small stream); nothing was allocated for it.
    case streamTooLarge(SourceLocation, Chain, declared: UInt64, limit: Int)
    /// The directory's entries or its red-black tree are inconsistent.
    case damagedDirectory(SourceLocation, DirectoryProblem)
    /// No stream of that name (compared case-insensitively).
    case streamNotFound(SourceLocation, name: String, available: [String])

    /// A chain of sectors, named in messages.
    public enum Chain: Hashable, Sendable, CustomStringConvertible {
        case difat
        /// The list of FAT sectors that the header and DIFAT sectors give.
        case fat
        case directory
        case miniFAT
        /// The root entry's stream, which holds the small streams' mini sectors.
        case miniStream
        case stream(String)

        public var description: String {
            switch self {
            case .difat: "the DIFAT sector chain"
            case .fat: "the list of FAT sectors"
            case .directory: "the directory's sector chain"
            case .miniFAT: "the mini FAT's sector chain"
            case .miniStream: "the mini stream's sector chain"
            case .stream(let name): "the \(CompoundFileError.printable(name)) stream's sector chain"
            }
        }
    }

    public enum HeaderProblem: Hashable, Sendable {
        case majorVersion(UInt16)
        case byteOrder(UInt16)
        case sectorShift(UInt16, majorVersion: UInt16)
        case miniSectorShift(UInt16)
        case miniStreamCutoff(UInt32)
        /// More FAT sectors declared than the file has sectors.
        case fatSectorCount(declared: UInt32, sectorsInFile: Int)
        /// The header and the DIFAT sectors list fewer FAT sectors than the header declares.
        case fatSectorsMissing(declared: UInt32, listed: Int)
    }

    public enum DirectoryProblem: Hashable, Sendable {
        /// Entry 0 is not a root storage entry (type 5).
        case noRootEntry
        /// A reachable entry has a type other than storage (1) or stream (2).
        case badEntryType(entry: UInt32, type: UInt8)
        /// A left, right or child link names an entry past the directory's end.
        case entryOutOfRange(entry: UInt32, count: Int)
        /// The tree comes back to an entry it already visited.
        case treeLoops(entry: UInt32)
    }

    public var location: SourceLocation {
        switch self {
        case .cannotOpen(let location, _), .cannotRead(let location, _), .fileTooLarge(let location, _, _),
             .notCompoundFile(let location, _), .truncatedHeader(let location, _), .unsupportedHeader(let location, _),
             .chainLoops(let location, _, _), .sectorOutOfRange(let location, _, _, _),
             .sectorPastEndOfFile(let location, _, _, _), .badChainLink(let location, _, _, _),
             .chainTooShort(let location, _, _, _), .streamTooLarge(let location, _, _, _),
             .damagedDirectory(let location, _), .streamNotFound(let location, _, _):
            return location
        }
    }

    public var description: String { "\(location): \(message)" }

    private static let resend = "ask the school to send it again."
    private static let damaged = "the file is damaged or deliberately malformed — \(resend)"

    /// The sentence after the location: what is wrong and what to do about it.
    public var message: String {
        switch self {
        case .cannotOpen(_, let detail):
            return "cannot open the file (\(detail)); check the path and that the file was copied completely."
        case .cannotRead(_, let detail):
            return "cannot read the file (\(detail)); copy it to a local disk and try again."
        case .fileTooLarge(_, let size, let limit):
            return "the file is \(size) bytes, more than the \(limit) bytes a legacy .xls is read up to; "
                + "open it in Excel and save it as .xlsx."
        case .notCompoundFile(_, let size):
            let what = size == 0 ? "the file is empty (0 bytes)" : "the file does not start with the OLE2 compound file signature"
            return "\(what), so it is not a legacy .xls (Excel 97-2003) workbook; if it is another format, "
                + "rename it, otherwise \(Self.resend)"
        case .truncatedHeader(_, let size):
            return "the file is cut short: \(size) bytes, less than the 512-byte OLE2 header; \(Self.resend)"
        case .unsupportedHeader(_, let problem):
            return Self.message(for: problem) + "; \(Self.damaged)"
        case .chainLoops(_, let chain, let sector):
            return "\(chain) comes back to sector \(sector), a loop; \(Self.damaged)"
        case .sectorOutOfRange(_, let chain, let sector, let limit):
            return "\(chain) names sector \(sector), but only \(limit) sectors exist; \(Self.damaged)"
        case .sectorPastEndOfFile(_, let chain, let sector, let fileSize):
            return "the file ends (at \(fileSize) bytes) before sector \(sector) of \(chain); the file was probably "
                + "cut short in transfer — \(Self.resend)"
        case .badChainLink(_, let chain, let sector, let value):
            return "\(chain) runs into sector \(sector), whose FAT entry \(Self.hex(value)) (\(Self.linkName(value))) "
                + "is not a link; \(Self.damaged)"
        case .chainTooShort(_, let chain, let declared, let available):
            return "\(chain) holds \(available) bytes, less than the \(declared) declared; \(Self.damaged)"
        case .streamTooLarge(_, let chain, let declared, let limit):
            return "\(chain) declares \(declared) bytes, more than the \(limit) its allocation table can address; "
                + Self.damaged
        case .damagedDirectory(_, let problem):
            return Self.message(for: problem) + "; \(Self.damaged)"
        case .streamNotFound(_, let name, let available):
            let list = available.isEmpty ? "none" : available.prefix(12).map(Self.printable).joined(separator: ", ")
            return "the compound file has no stream named \(Self.printable(name)) (its streams: \(list)); it is not an Excel "
                + "97-2003 workbook — open it in the program that made it and save it as .xlsx."
        }
    }

    private static func message(for problem: HeaderProblem) -> String {
        switch problem {
        case .majorVersion(let version):
            return "the OLE2 header gives version \(version), not 3 or 4"
        case .byteOrder(let mark):
            return "the OLE2 header's byte order mark is \(hex(UInt32(mark))), not 0xFFFE"
        case .sectorShift(let shift, let version):
            return "the OLE2 header gives sector shift \(shift) for version \(version) (9 for version 3, 12 for version 4)"
        case .miniSectorShift(let shift):
            return "the OLE2 header gives mini sector shift \(shift), not 6"
        case .miniStreamCutoff(let cutoff):
            return "the OLE2 header gives a mini stream cutoff of \(cutoff) bytes, not 4096"
        case .fatSectorCount(let declared, let sectorsInFile):
            return "the OLE2 header declares \(declared) FAT sectors in a file of \(sectorsInFile) sectors"
        case .fatSectorsMissing(let declared, let listed):
            return "the OLE2 header declares \(declared) FAT sectors but its DIFAT lists only \(listed)"
        }
    }

    private static func message(for problem: DirectoryProblem) -> String {
        switch problem {
        case .noRootEntry:
            return "the compound file's directory does not start with a root entry"
        case .badEntryType(let entry, let type):
            return "directory entry \(entry) has type \(type), neither storage nor stream"
        case .entryOutOfRange(let entry, let count):
            return "the directory links to entry \(entry), but it has only \(count) entries"
        case .treeLoops(let entry):
            return "the directory's tree comes back to entry \(entry), a loop"
        }
    }

    /// A stream name as a message shows it: control characters ("\u{5}SummaryInformation",
    /// or a line break in a hostile name) written as escapes, so the message stays one line.
    public static func printable(_ name: String) -> String {
        var text = ""
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    private static func linkName(_ value: UInt32) -> String {
        switch value {
        case SectorID.free: "free"
        case SectorID.fatSector: "a FAT sector"
        case SectorID.difatSector: "a DIFAT sector"
        case SectorID.endOfChain: "end of chain"
        default: "reserved"
        }
    }
}
