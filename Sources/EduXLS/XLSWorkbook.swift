import EduCore

/// A legacy Excel workbook (.xls, .xlt: BIFF8 from Excel 97-2003, WPS and LibreOffice, or BIFF5
/// from Excel 95) opened for reading.
///
/// Opening reads the compound file, takes its "Workbook" stream (or "Book", any case; Workbook
/// wins when a file holds both, as Excel's dual-format files do), and reads the globals: version,
/// code page, date system, sheets, formats and the shared strings, held once. Sheets are read on
/// demand, their cells handed out row by row.
public final class XLSWorkbook: Sendable {
    public let path: String
    public let sheets: [SheetDescription]
    public let uses1904DateSystem: Bool
    public let version: BIFFVersion
    /// The stream read ("Workbook", "Book", "BOOK" ...).
    public let streamName: String
    /// The CODEPAGE record's value (BIFF5 text is decoded from it; BIFF8 text is Unicode anyway).
    public let codePage: Int?
    /// What was worked around while opening (an unknown code page).
    public let warnings: [ReadWarning]

    let stream: StreamBytes
    let globals: WorkbookGlobals

    /// Opens the workbook; errors are `XLSError`s naming the file and, past the container, the
    /// stream and record.
    public init(path: String, maxFileSize: UInt64 = CompoundFile.defaultMaxFileSize) throws(XLSError) {
        self.path = path
        let location = SourceLocation(file: path)
        let (name, bytes) = try Self.workbookStream(path: path, maxFileSize: maxFileSize)
        streamName = name
        stream = StreamBytes(bytes: bytes)
        do {
            globals = try WorkbookGlobals(stream: stream, streamName: name)
        } catch {
            throw XLSError(error, at: SourceLocation(file: path, entry: name))
        }
        version = globals.version
        codePage = globals.codePage
        uses1904DateSystem = globals.uses1904DateSystem
        sheets = globals.sheets.enumerated().map { index, entry in
            SheetDescription(index: index, name: entry.name, visibility: Self.visibility(entry.visibility))
        }
        warnings = globals.unconvertibleCodePage.map { codePage in
            [ReadWarning(location: location, message: "the workbook's code page \(codePage) is not one "
                + "this system can convert; its text was read as Windows-1252 and may be wrong")]
        } ?? []
    }

    /// The size of the workbook stream read, in bytes.
    public var streamByteCount: Int { stream.count }

    public func sheet(named name: String) -> SheetDescription? {
        sheets.first { $0.name == name }
    }

    /// A reader handing out one sheet's rows.
    public func rows(of sheet: SheetDescription) throws(XLSError) -> XLSSheetReader {
        guard globals.sheets.indices.contains(sheet.index) else {
            throw XLSError(.noSuchSheet(sheet.name), at: SourceLocation(file: path))
        }
        return try XLSSheetReader(workbook: self, sheet: sheet, offset: globals.sheets[sheet.index].offset)
    }

    /// A whole sheet in memory, for small sheets.
    public func readSheet(_ sheet: SheetDescription) throws -> SheetTable {
        var reader = try rows(of: sheet)
        return try SheetTable(reading: &reader)
    }

    /// A decoder for BIFF5's 8-bit text, one per sheet reader (iconv keeps state).
    func makeTextDecoder() -> CodePageDecoder? {
        globals.textCodePage.map(CodePageDecoder.init(codePage:))
    }

    private static func visibility(_ state: UInt8) -> SheetDescription.Visibility {
        switch state {
        case 1: .hidden
        case 2: .veryHidden
        default: .visible
        }
    }

    /// The workbook stream's name and bytes; the file's own bytes are let go once it is copied out.
    private static func workbookStream(path: String, maxFileSize: UInt64) throws(XLSError) -> (String, [UInt8]) {
        let location = SourceLocation(file: path)
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.load(path: path, limit: maxFileSize)
        } catch {
            throw XLSError(.container(error), at: location)
        }
        guard bytes.starts(with: CompoundFileHeader.signature) else {
            throw XLSError(.notAWorkbook(looksLike: FileKindGuess.describe(bytes.prefix(4096))), at: location)
        }
        let file: CompoundFile
        do {
            file = try CompoundFile(bytes: bytes, path: path)
        } catch {
            throw XLSError(.container(error), at: location)
        }
        let topLevel = file.streams.filter { !$0.name.contains("/") }
        let chosen = topLevel.first { $0.name.lowercased() == "workbook" } ?? topLevel.first { $0.name.lowercased() == "book" }
        guard let chosen else {
            if topLevel.contains(where: { $0.name == "EncryptedPackage" }) { throw XLSError(.passwordProtected, at: location) }
            throw XLSError(.noWorkbookStream(available: file.streamNames), at: location)
        }
        do {
            return (chosen.name, try file.contents(of: chosen))
        } catch {
            throw XLSError(.container(error), at: location)
        }
    }
}
