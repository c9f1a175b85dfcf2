import EduCore

/// Why a ZIP archive could not be written. Every case carries where: the destination file as
/// the caller named it and, once known, the entry. `description` is one line saying what to do:
/// `报表/青石县_2024.xlsx: cannot write the file (No space left on device); free some space …`.
/// Whatever the error, the destination is left as it was: the archive is written to a
/// temporary file beside it, which is removed.
public enum ZipWriteError: Error, CustomStringConvertible, Sendable {
    /// The temporary file beside the destination could not be created (open(2) failed), or the
    /// destination is a folder.
    case cannotCreate(SourceLocation, errno: Int32, detail: String)
    /// write(2), pwrite(2), fsync(2) or close(2) of the temporary file failed.
    case cannotWrite(SourceLocation, errno: Int32, detail: String)
    /// rename(2) of the finished temporary file over the destination failed.
    case cannotReplace(SourceLocation, errno: Int32, detail: String)
    /// The entry name cannot be stored.
    case invalidEntryName(SourceLocation, NameProblem)
    /// The archive or an entry would need ZIP64, which this writer does not write.
    case tooLarge(SourceLocation, SizeLimit)
    /// zlib itself failed (out of memory, wrong library version): not the caller's fault.
    case zlibFailure(SourceLocation, code: Int32, detail: String)
    /// A call out of order: the writer is finished (or failed), or an entry is (not) open.
    case invalidState(SourceLocation, StateProblem)

    public enum NameProblem: Hashable, Sendable {
        case empty
        /// Longer than the 65 535 bytes of UTF-8 a ZIP name field holds.
        case tooLong(bytes: Int)
        /// NUL, a backslash, a leading slash, or a "." or ".." segment: unsafe or not portable.
        case unsafe(String)
        /// Another entry already has this name (compared as ZipArchive finds entries: ASCII case,
        /// slashes folded).
        case duplicate(existing: String)
    }

    public enum SizeLimit: Hashable, Sendable {
        /// The entry's uncompressed size would pass `limit` bytes.
        case entry(limit: UInt64)
        /// The archive would pass `limit` bytes.
        case archive(limit: UInt64)
        /// More than 65 535 entries.
        case entryCount(limit: Int)
    }

    public enum StateProblem: Hashable, Sendable {
        /// `finish()` or `cancel()` was called, or an earlier error ended the writer.
        case closed
        /// `beginEntry` or `finish` while the entry named is still open.
        case entryOpen(String)
        /// `write` or `endEntry` with no entry open.
        case noEntryOpen
    }

    public var location: SourceLocation {
        switch self {
        case .cannotCreate(let location, _, _), .cannotWrite(let location, _, _), .cannotReplace(let location, _, _),
             .invalidEntryName(let location, _), .tooLarge(let location, _), .zlibFailure(let location, _, _),
             .invalidState(let location, _):
            return location
        }
    }

    public var description: String { "\(location): \(message)" }

    /// The sentence after the location.
    public var message: String {
        switch self {
        case .cannotCreate(_, _, let detail):
            return "cannot create the file (\(detail)); check that the folder exists and is writable."
        case .cannotWrite(_, _, let detail):
            return "cannot write the file (\(detail)); free some space or choose another folder, then run again. "
                + "The file was not changed."
        case .cannotReplace(_, _, let detail):
            return "cannot replace the file with the new one (\(detail)); check that it is not a folder and that "
                + "the folder is writable. The file was not changed."
        case .invalidEntryName(_, let problem):
            return Self.message(for: problem)
        case .tooLarge(_, let limit):
            return Self.message(for: limit)
        case .zlibFailure(_, let code, let detail):
            return "zlib failed while compressing (code \(code): \(detail)); this is a problem of the machine — "
                + "try again, and report it if it persists."
        case .invalidState(_, let problem):
            return Self.message(for: problem)
        }
    }

    private static func message(for problem: NameProblem) -> String {
        switch problem {
        case .empty:
            return "an entry needs a name; this is a bug in eduetl, please report it."
        case .tooLong(let bytes):
            return "the entry name is \(bytes) bytes long, more than the 65535 a ZIP archive allows."
        case .unsafe(let why):
            return "the entry name \(why); ZIP names are relative paths with forward slashes."
        case .duplicate(let existing):
            return "the archive already has an entry named '\(existing)'; each entry needs its own name."
        }
    }

    private static func message(for limit: SizeLimit) -> String {
        let advice = "eduetl does not write ZIP64 archives; split the output into several files."
        switch limit {
        case .entry(let limit):
            return "the entry would hold more than \(ZipError.byteCount(limit)); \(advice)"
        case .archive(let limit):
            return "the archive would grow past \(ZipError.byteCount(limit)); \(advice)"
        case .entryCount(let limit):
            return "the archive would have more than \(limit) entries; \(advice)"
        }
    }

    private static func message(for problem: StateProblem) -> String {
        switch problem {
        case .closed:
            return "the archive is already finished, cancelled or failed; this is a bug in eduetl, please report it."
        case .entryOpen(let name):
            return "the entry '\(name)' is still open (call endEntry() first); this is a bug in eduetl, please report it."
        case .noEntryOpen:
            return "no entry is open (call beginEntry first); this is a bug in eduetl, please report it."
        }
    }
}
