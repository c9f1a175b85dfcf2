import EduCore

/// An .xls workbook eduetl cannot read, with where and why, printed as one sentence that names
/// the file and, as far as known, the sheet and cell or the record's offset in the stream.
public struct XLSError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Error, Equatable, Sendable {
        /// The compound file (OLE2) container is damaged or hostile; its own sentence.
        case container(CompoundFileError)
        /// The file does not start with the compound file signature; what it looks like instead.
        case notAWorkbook(looksLike: String)
        /// The compound file holds no "Workbook" or "Book" stream; the streams it does hold.
        case noWorkbookStream(available: [String])
        case passwordProtected
        /// A BIFF version eduetl does not read (Excel 2.x-4.x), or a stream that does not start with BOF.
        case unsupportedVersion(String)
        /// A record's length field runs past the end of the stream.
        case recordOverrun(type: UInt16, offset: Int, length: Int, remaining: Int)
        /// A record is shorter than its type requires.
        case recordTooShort(type: UInt16, offset: Int, length: Int, needed: Int)
        /// A table claims more entries than the stream could hold (a guard against huge allocations).
        case tableTooLarge(what: String, claimed: UInt64, limit: Int)
        /// A sheet's BOUNDSHEET record points where no sheet starts.
        case sheetNotFound(offset: Int)
        /// The sheet's records end without an EOF record.
        case missingEndOfSheet
        /// Text (a string's characters, runs or extension) runs past the end of its records.
        case textPastEnd(type: UInt16, offset: Int)
        case sharedStringOutOfRange(index: Int, count: Int)
        case noSuchSheet(String)
    }

    public var location: SourceLocation
    public var reason: Reason

    public init(_ reason: Reason, at location: SourceLocation) {
        self.reason = reason
        self.location = location
    }

    public var description: String {
        switch reason {
        case .container(let error):
            return error.description
        case .notAWorkbook(let looksLike):
            return "\(location): the file is not an Excel 97-2003 (.xls) workbook: it does not start with the compound file signature "
                + "(\(looksLike)); open it in Excel or WPS and save it as .xlsx."
        case .noWorkbookStream(let available):
            let list = available.isEmpty ? "no streams" : "only " + available.prefix(8).map(CompoundFileError.printable).joined(separator: ", ")
            return "\(location): the compound file holds no Workbook or Book stream (it has \(list)), so it is not an Excel workbook; "
                + "open it in Excel or WPS and save it as .xlsx."
        case .passwordProtected:
            return "\(location): the workbook is password-protected; ask the school to remove the password "
                + "(File › Info › Protect Workbook) and send it again."
        case .unsupportedVersion(let what):
            return "\(location): \(what); eduetl reads Excel 95 (BIFF5) and Excel 97-2003 (BIFF8) workbooks: "
                + "open it in Excel or WPS and save it as .xlsx."
        case .recordOverrun(let type, let offset, let length, let remaining):
            return "\(location): \(Self.record(type)) at byte \(offset) of the stream says it is \(length) bytes long "
                + "but only \(remaining) remain; the file is damaged or cut short."
        case .recordTooShort(let type, let offset, let length, let needed):
            return "\(location): \(Self.record(type)) at byte \(offset) of the stream is \(length) bytes long, "
                + "\(needed) are needed; the file is damaged."
        case .tableTooLarge(let what, let claimed, let limit):
            return "\(location): the \(what) claims \(claimed) entries, more than its \(limit) bytes can hold; the file is damaged."
        case .sheetNotFound(let offset):
            return "\(location): the workbook says the sheet starts at byte \(offset) of the stream, but no sheet starts there; "
                + "the file is damaged."
        case .missingEndOfSheet:
            return "\(location): the sheet's records end before its end-of-sheet record; the file is damaged or cut short."
        case .textPastEnd(let type, let offset):
            return "\(location): the text in \(Self.record(type)) at byte \(offset) of the stream runs past the end "
                + "of its records; the file is damaged."
        case .sharedStringOutOfRange(let index, let count):
            return "\(location): the cell points at shared string \(index) but the workbook has only \(count); the file is damaged."
        case .noSuchSheet(let name):
            return "\(location): there is no sheet named '\(name)'; `eduetl inspect` lists the sheets."
        }
    }

    /// A record named for a reader of the message: "the FORMAT record (a number format)".
    static func record(_ type: UInt16) -> String {
        let known: [UInt16: (String, String)] = [
            RecordType.formula: ("FORMULA", "a formula cell"), RecordType.endOfFile: ("EOF", "the end of a sheet"),
            RecordType.filepass: ("FILEPASS", "the password"), RecordType.continue: ("CONTINUE", "the rest of a long record"),
            RecordType.codepage: ("CODEPAGE", "the text encoding"), RecordType.boundsheet: ("BOUNDSHEET", "a sheet's name and place"),
            RecordType.mulrk: ("MULRK", "number cells"), RecordType.rstring: ("RSTRING", "a text cell"),
            RecordType.xf: ("XF", "a cell format"), RecordType.mergedCells: ("MERGEDCELLS", "merged cells"),
            RecordType.sst: ("SST", "the shared strings"), RecordType.labelSST: ("LABELSST", "a text cell"),
            RecordType.number: ("NUMBER", "a number cell"), RecordType.label: ("LABEL", "a text cell"),
            RecordType.boolerr: ("BOOLERR", "a true/false or error cell"), RecordType.string: ("STRING", "a formula's text"),
            RecordType.rk: ("RK", "a number cell"), RecordType.format: ("FORMAT", "a number format"),
            RecordType.beginningOfFile: ("BOF", "the start of a sheet"),
        ]
        guard let (name, meaning) = known[type] else { return "the record of type \(hex(type))" }
        return "the \(name) record (\(meaning))"
    }

    static func hex(_ type: UInt16) -> String {
        let digits = String(type, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
