import EduCore

/// A CSV file eduetl cannot read, with where and why, printed as one sentence that says what to do.
public struct CSVError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Equatable, Sendable {
        case cannotOpen(String)
        case cannotRead(String)
        /// An Office 97-2003 compound file (OLE2 signature D0 CF 11 E0): a legacy .xls.
        case legacyExcelFile
        /// A ZIP archive: most likely an .xlsx workbook renamed .csv.
        case zipArchive
        /// Text in UTF-16 without a byte-order mark (every other byte zero).
        case utf16WithoutByteOrderMark(littleEndian: Bool)
        /// Neither text nor a spreadsheet: NUL or control bytes near the start.
        case binaryData(offset: Int)
        case unknownEncoding(String)
        /// A quoted field that opened at the location and never closes before the end of the file.
        case unterminatedQuote(line: Int)
        /// One record longer than the reader holds at once: almost always a stray quote.
        case recordTooLong(line: Int, limitBytes: Int)
        /// iconv failed for a reason other than the input (out of memory).
        case decoderFailure(String)
    }

    public var location: SourceLocation
    public var reason: Reason

    public init(_ reason: Reason, at location: SourceLocation) {
        self.reason = reason
        self.location = location
    }

    public var description: String {
        switch reason {
        case .cannotOpen(let detail):
            return "\(location): cannot open the file: \(detail)."
        case .cannotRead(let detail):
            return "\(location): cannot read the file: \(detail)."
        case .legacyExcelFile:
            return "\(location): this is a legacy Excel .xls workbook (Office 97-2003), not CSV text; open it in Excel or WPS and save it as .xlsx or CSV."
        case .zipArchive:
            return "\(location): this is a ZIP archive, most likely an .xlsx workbook renamed .csv; rename it to .xlsx and read it as a workbook."
        case .utf16WithoutByteOrderMark(let littleEndian):
            let name = littleEndian ? "utf-16le" : "utf-16be"
            return "\(location): this looks like UTF-16 text without a byte-order mark; read it with --encoding \(name)."
        case .binaryData(let offset):
            return "\(location): this is binary data, not CSV text (a NUL or control byte at offset \(offset)); check that the right file was sent."
        case .unknownEncoding(let name):
            return "\(location): the encoding '\(name)' is not known; use utf-8, gb18030, utf-16le or utf-16be."
        case .unterminatedQuote(let line):
            return "\(location): the quoted field opened here (line \(line)) never closes; a stray double quote swallows the rest "
                + "of the file, so fix it in the file and read it again."
        case .recordTooLong(let line, let limit):
            return "\(location): the record starting on line \(line) is longer than \(limit >> 20) MiB; this is almost always a "
                + "stray double quote, so fix it in the file and read it again."
        case .decoderFailure(let detail):
            return "\(location): the text decoder failed: \(detail)."
        }
    }
}
