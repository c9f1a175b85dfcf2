import EduCore

/// Why a file could not be read as a ZIP archive, or one of its entries could not be read.
/// Every case carries where it happened: the file as the caller named it and, once known,
/// the entry. `description` is one line a statistician can act on:
/// `县A_2024.xlsx › xl/worksheets/sheet1.xml: the entry is damaged (CRC-32 mismatch); …`.
public enum ZipError: Error, CustomStringConvertible, Sendable {
    /// open(2) or fstat(2) failed, or the path is not a regular file.
    case cannotOpen(SourceLocation, errno: Int32, detail: String)
    /// pread(2) failed part way.
    case cannotRead(SourceLocation, errno: Int32, detail: String)
    /// Neither a ZIP archive nor an Office 97-2003 compound file.
    case notZipArchive(SourceLocation, NotZipKind)
    /// An Office 97-2003 compound file (OLE2) without an encrypted package: a legacy .xls.
    case legacyExcelFile(SourceLocation)
    /// An encrypted entry, or an OLE2 container holding an "EncryptedPackage" stream.
    case passwordProtected(SourceLocation)
    /// The file ends before the archive or the entry does.
    case truncated(SourceLocation, Truncation)
    /// The bytes are present but inconsistent.
    case damaged(SourceLocation, Damage)
    /// A compression method other than stored (0) and deflated (8).
    case unsupportedCompression(SourceLocation, method: UInt16)
    /// A guard of `ZipLimits` (or a caller's size limit) refused the archive or the entry.
    case limitExceeded(SourceLocation, Limit)
    /// zlib itself failed (out of memory, wrong library version): not the file's fault.
    case zlibFailure(SourceLocation, code: Int32, detail: String)

    /// What a file that is not a ZIP archive looks like, from its first bytes.
    public enum NotZipKind: Hashable, Sendable {
        case empty
        case html
        /// Excel 2003 XML Spreadsheet ("<?xml …" with the urn:schemas-microsoft-com:office:spreadsheet namespace).
        case xmlSpreadsheet
        case text
        case unknown
    }

    public enum Truncation: Hashable, Sendable {
        /// No end-of-central-directory record in the last 64 KiB of a file that starts like a ZIP.
        case missingEndRecord
        /// The central directory the end record points to lies (partly) past the end of the file.
        case centralDirectoryPastEnd
        /// An entry's local header lies past the end of the entries' data.
        case localHeaderPastEnd
        /// An entry's compressed data is shorter than its declared compressed size.
        case dataShorterThanDeclared(declared: UInt64, available: UInt64)
        /// The compressed data ran out before the deflate stream ended.
        case deflateStreamUnfinished
    }

    public enum Damage: Hashable, Sendable {
        case crcMismatch(expected: UInt32, actual: UInt32)
        /// Inflated or stored bytes ended at a size other than the declared one.
        case sizeMismatch(declared: UInt64, actual: UInt64)
        /// Inflating produced more bytes than the declared uncompressed size.
        case moreDataThanDeclared(declared: UInt64)
        /// zlib reported Z_DATA_ERROR (its message, e.g. "invalid block type").
        case invalidDeflateData(String)
        /// A pass of the inflate loop neither consumed input nor produced output.
        case noProgress
        case badCentralDirectory(String)
        case badLocalHeader
        /// A stored entry whose compressed and uncompressed sizes differ.
        case storedSizesDiffer(compressed: UInt64, uncompressed: UInt64)
    }

    public enum Limit: Hashable, Sendable {
        case tooManyEntries(declared: UInt64, limit: Int)
        case entryTooLarge(size: UInt64, limit: UInt64)
        /// `total` is the running sum when it passed the limit, not necessarily the archive's whole.
        case totalTooLarge(total: UInt64, limit: UInt64)
        case compressionRatioTooHigh(ratio: Double, limit: Double)
        /// `contents(of:limit:)` was asked for an entry larger than its `limit`.
        case contentsTooLarge(size: UInt64, limit: Int)
    }

    public var location: SourceLocation {
        switch self {
        case .cannotOpen(let location, _, _), .cannotRead(let location, _, _),
             .notZipArchive(let location, _), .legacyExcelFile(let location),
             .passwordProtected(let location), .truncated(let location, _), .damaged(let location, _),
             .unsupportedCompression(let location, _), .limitExceeded(let location, _),
             .zlibFailure(let location, _, _):
            return location
        }
    }

    public var description: String { "\(location): \(message)" }

    /// The sentence after the location: what is wrong and what to do about it.
    public var message: String {
        switch self {
        case .cannotOpen(_, _, let detail):
            return "cannot open the file (\(detail)); check the path and that the file was copied completely."
        case .cannotRead(_, _, let detail):
            return "cannot read the file (\(detail)); copy it to a local disk and try again."
        case .notZipArchive(_, let kind):
            return Self.message(for: kind)
        case .legacyExcelFile:
            return "the file is a legacy .xls (Excel 97-2003) workbook, not an .xlsx; open it in Excel and save it "
                + "as .xlsx (Excel Workbook)."
        case .passwordProtected:
            return "the workbook is password-protected; ask the school to remove the password "
                + "(File › Info › Protect Workbook) and send it again."
        case .truncated(_, let truncation):
            return Self.message(for: truncation)
        case .damaged(_, let damage):
            return Self.message(for: damage)
        case .unsupportedCompression(_, let method):
            return "the entry uses compression method \(method) (\(Self.methodName(method))), which eduetl "
                + "cannot read; open the file in Excel and save it again as .xlsx."
        case .limitExceeded(_, let limit):
            return Self.message(for: limit)
        case .zlibFailure(_, let code, let detail):
            return "zlib failed while inflating (code \(code): \(detail)); this is a problem of the machine, "
                + "not of the file — try again, and report it if it persists."
        }
    }

    private static let resend = "ask the school to send it again."

    private static func message(for kind: NotZipKind) -> String {
        switch kind {
        case .empty:
            return "the file is empty (0 bytes), not a ZIP archive (an .xlsx is one); it was probably cut short "
                + "in transfer — \(resend)"
        case .html:
            return "the file is a web page (HTML), not a ZIP archive (an .xlsx is one); open it in Excel and save it "
                + "as .xlsx (Excel Workbook)."
        case .xmlSpreadsheet:
            return "the file is an Excel 2003 XML Spreadsheet, not a ZIP archive (an .xlsx is one); open it "
                + "in Excel and save it as .xlsx (Excel Workbook)."
        case .text:
            return "the file is a text file (perhaps CSV), not a ZIP archive (an .xlsx is one); if it is CSV, "
                + "rename it to .csv, otherwise open it in Excel and save it as .xlsx."
        case .unknown:
            return "the file is not a ZIP archive (an .xlsx is one) nor a legacy .xls; open it in Excel and save it "
                + "as .xlsx, or \(resend)"
        }
    }

    private static func message(for truncation: Truncation) -> String {
        let what: String
        switch truncation {
        case .missingEndRecord:
            what = "the file is cut short (its ZIP end-of-central-directory record is missing)"
        case .centralDirectoryPastEnd:
            what = "the file is cut short (its ZIP central directory runs past the end of the file)"
        case .localHeaderPastEnd:
            what = "the entry is cut short (its header lies past the end of the file's data)"
        case .dataShorterThanDeclared(let declared, let available):
            what = "the entry is cut short (it declares \(declared) compressed bytes but only \(available) are present)"
        case .deflateStreamUnfinished:
            what = "the entry is cut short (its compressed data ends before the deflate stream does)"
        }
        return what + "; the file was probably cut short in transfer — \(resend)"
    }

    private static func message(for damage: Damage) -> String {
        let what: String
        switch damage {
        case .crcMismatch(let expected, let actual):
            what = "the entry is damaged (CRC-32 mismatch: declared \(hex(expected)), computed \(hex(actual)))"
        case .sizeMismatch(let declared, let actual):
            what = "the entry is damaged (it holds \(actual) bytes, not the declared \(declared))"
        case .moreDataThanDeclared(let declared):
            what = "the entry is damaged (it inflates to more than its declared \(declared) bytes)"
        case .invalidDeflateData(let detail):
            what = "the entry is damaged (invalid compressed data: \(detail))"
        case .noProgress:
            what = "the entry is damaged (decompression stopped making progress)"
        case .badCentralDirectory(let detail):
            what = "the file's ZIP central directory is damaged (\(detail))"
        case .badLocalHeader:
            what = "the entry is damaged (its local header signature is wrong)"
        case .storedSizesDiffer(let compressed, let uncompressed):
            what = "the entry is damaged (stored uncompressed, yet it declares \(compressed) bytes stored "
                + "and \(uncompressed) bytes of contents)"
        }
        return what + "; the file was probably damaged in transfer — \(resend)"
    }

    private static func message(for limit: Limit) -> String {
        let suspect = "refused as a possible zip bomb — check where the file came from."
        switch limit {
        case .tooManyEntries(let declared, let limit):
            return "the archive lists \(declared) entries, more than the \(limit) allowed; \(suspect)"
        case .entryTooLarge(let size, let limit):
            return "the entry declares \(byteCount(size)) uncompressed, more than the \(byteCount(limit)) "
                + "allowed per entry; \(suspect)"
        case .totalTooLarge(let total, let limit):
            return "the entries declare at least \(byteCount(total)) uncompressed in all, more than the "
                + "\(byteCount(limit)) allowed; \(suspect)"
        case .compressionRatioTooHigh(let ratio, let limit):
            return "the entry would inflate \(Int(min(ratio, 1e15)))-fold, more than the \(Int(limit))-fold "
                + "allowed; \(suspect)"
        case .contentsTooLarge(let size, let limit):
            return "the entry declares \(byteCount(size)) uncompressed, more than the \(byteCount(UInt64(limit))) "
                + "expected for this part; the workbook is unusual — open it in Excel and save it again as .xlsx."
        }
    }

    private static func methodName(_ method: UInt16) -> String {
        switch method {
        case 1: return "Shrink"
        case 6: return "Implode"
        case 9: return "Deflate64"
        case 12: return "BZIP2"
        case 14: return "LZMA"
        case 93: return "Zstandard"
        case 95: return "XZ"
        case 98: return "PPMd"
        default: return "unknown"
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// "512 bytes", "6.0 GiB".
    static func byteCount(_ bytes: UInt64) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        guard bytes >= 1024 else { return "\(bytes) bytes" }
        var unit = 0
        var scaled = Double(bytes) / 1024
        while scaled >= 1024, unit < units.count - 1 {
            scaled /= 1024
            unit += 1
        }
        let tenths = Int((scaled * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
