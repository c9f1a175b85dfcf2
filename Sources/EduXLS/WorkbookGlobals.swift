import EduCore

/// What the workbook globals substream says (the records from the stream's first BOF to its
/// EOF): the BIFF version, code page, date system, sheets, number formats, cell formats and the
/// shared strings.
struct WorkbookGlobals {
    /// A BOUNDSHEET record: a sheet's name, visibility, kind and where its records start.
    struct SheetEntry {
        var name: String
        var visibility: UInt8
        var kind: UInt8
        var offset: Int
    }

    /// BOUNDSHEET dt values ([MS-XLS] 2.4.28); VBA modules hold no cells and are not listed.
    static let worksheetKinds: Set<UInt8> = [0x00, 0x01, 0x02]

    var version: BIFFVersion
    var codePage: Int?
    var uses1904DateSystem = false
    var sheets: [SheetEntry] = []
    /// Number format kind for each XF index.
    var cellFormats: [NumberFormatKind] = []
    var sharedStrings: [String] = []
    /// A BIFF5 code page iconv cannot convert (its text was read as Windows-1252).
    var unconvertibleCodePage: Int?

    /// The code page BIFF5's 8-bit text is in; nil for BIFF8, whose text is Unicode.
    var textCodePage: Int? { version == .biff5 ? codePage ?? CodePageDecoder.defaultCodePage : nil }

    /// BOF dt for the workbook globals, and the versions: [MS-XLS] 2.4.21.
    static let versionBIFF8: UInt16 = 0x0600
    static let versionBIFF5: UInt16 = 0x0500

    /// Reads the globals; `streamName` decides the version when the BOF's field is neither.
    init(stream: StreamBytes, streamName: String) throws(XLSError.Reason) {
        var cursor = RecordCursor(stream: stream)
        guard let bof = try cursor.next() else { throw .unsupportedVersion("the workbook stream is empty") }
        if RecordType.oldBeginningOfFile.contains(bof.type) {
            throw .unsupportedVersion("the workbook is in the format of Excel 2.x-4.x (BIFF2-4)")
        }
        guard bof.type == RecordType.beginningOfFile, bof.length >= 4 else {
            throw .unsupportedVersion("the workbook stream does not start with a beginning-of-file record")
        }
        switch stream.u16(bof.body.lowerBound) {
        case Self.versionBIFF8: version = .biff8
        case Self.versionBIFF5: version = .biff5
        default: version = streamName.lowercased() == "book" ? .biff5 : .biff8
        }

        var rawSheetNames: [ArraySlice<UInt8>] = []
        var formats: [Int: FormatText] = [:]
        var formatIDs: [UInt16] = []
        while let record = try cursor.next(), record.type != RecordType.endOfFile {
            switch record.type {
            case RecordType.filepass:
                throw .passwordProtected
            case RecordType.codepage where record.length >= 2:
                codePage = Int(stream.u16(record.body.lowerBound))
            case RecordType.datemode where record.length >= 2:
                uses1904DateSystem = stream.u16(record.body.lowerBound) == 1
            case RecordType.boundsheet:
                guard record.length >= 7 else {
                    throw .recordTooShort(type: record.type, offset: record.offset, length: record.length, needed: 7)
                }
                let start = record.body.lowerBound
                var entry = SheetEntry(name: "", visibility: stream.u8(start + 4) & 0x03, kind: stream.u8(start + 5),
                                       offset: Int(stream.u32(start)))
                if version == .biff8 {
                    entry.name = try RecordText.unicode(in: record, at: 6, shortCount: true, stream: stream)
                    rawSheetNames.append([])
                } else {
                    rawSheetNames.append(try RecordText.bytes(in: record, at: 6, shortCount: true, stream: stream))
                }
                sheets.append(entry)
            case RecordType.format where record.length >= 3:
                let id = Int(stream.u16(record.body.lowerBound))
                formats[id] = version == .biff8
                    ? .decoded(try RecordText.unicode(in: record, at: 2, stream: stream))
                    : .raw(try RecordText.bytes(in: record, at: 2, shortCount: true, stream: stream))
            case RecordType.xf:
                // A damaged XF still takes its index, so the cell formats after it keep theirs.
                formatIDs.append(record.length >= 4 ? stream.u16(record.body.lowerBound + 2) : 0)
            case RecordType.sst where version == .biff8:
                var continues: [Range<Int>] = []
                while cursor.peekType() == RecordType.continue, let next = try cursor.next() { continues.append(next.body) }
                sharedStrings = try SharedStringTable.read(record, continues: continues, stream: stream)
            default:
                continue
            }
        }

        let decoder = textCodePage.map(CodePageDecoder.init(codePage:))
        if let decoder, decoder.encodingName == nil { unconvertibleCodePage = decoder.codePage }
        if let decoder {
            for index in sheets.indices { sheets[index].name = decoder.decode(rawSheetNames[index]) }
        }
        let kinds = formats.mapValues { text in
            switch text {
            case .decoded(let code): NumberFormatKind.classify(code)
            case .raw(let bytes): NumberFormatKind.classify(decoder?.decode(bytes) ?? String(decoding: bytes, as: UTF8.self))
            }
        }
        cellFormats = formatIDs.map { kinds[Int($0)] ?? NumberFormatKind.builtIn(Int($0)) }
        sheets.removeAll { !Self.worksheetKinds.contains($0.kind) }
    }

    /// A FORMAT record's code: decoded (BIFF8) or bytes in the code page, decoded once it is known (BIFF5).
    private enum FormatText {
        case decoded(String)
        case raw(ArraySlice<UInt8>)
    }
}
