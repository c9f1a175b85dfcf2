import EduCore
import Foundation
import Testing
@testable import EduXLS

/// BIFF8 and BIFF5 records written by hand for the tests ([MS-XLS] 2.4), cells named by their
/// reference ("B3") rather than by 0-based row and column.
enum BIFF {
    static func le16(_ value: UInt16) -> [UInt8] { TestCompoundFileBuilder.le16(value) }
    static func le32(_ value: UInt32) -> [UInt8] { TestCompoundFileBuilder.le32(value) }
    static func f64(_ value: Double) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt64($0))) } }

    /// Types the reader skips; the rest are `RecordType`'s.
    static let blank: UInt16 = 0x0201
    static let mulblank: UInt16 = 0x00BE
    static let obj: UInt16 = 0x005D
    /// BOF dt values ([MS-XLS] 2.4.21).
    static let globalsKind: UInt16 = 0x0005
    static let worksheetKind: UInt16 = 0x0010
    static let chartKind: UInt16 = 0x0020
    static let macroKind: UInt16 = 0x0040

    /// A record: type, length and body; `declaredLength` puts another length in the header.
    static func record(_ type: UInt16, _ body: [UInt8], declaredLength: Int? = nil) -> [UInt8] {
        le16(type) + le16(UInt16(truncatingIfNeeded: declaredLength ?? body.count)) + body
    }

    static func bof(_ version: BIFFVersion, kind: UInt16) -> [UInt8] {
        switch version {
        case .biff8: record(RecordType.beginningOfFile, le16(0x0600) + le16(kind) + le16(0x0DBB) + le16(0x07CC) + le32(0x0000_80C9) + le32(0x0206))
        case .biff5: record(RecordType.beginningOfFile, le16(0x0500) + le16(kind) + le16(0x0DBB) + le16(0x07CC))
        }
    }

    static let eof = record(RecordType.endOfFile, [])

    static func continueRecord(_ body: [UInt8]) -> [UInt8] { record(RecordType.continue, body) }

    // MARK: cells

    /// The 0-based row and column of a reference such as "B3".
    static func position(_ reference: String) -> (row: UInt16, column: UInt16) {
        guard let position = CellPosition(reference: reference) else { preconditionFailure("not a cell reference: \(reference)") }
        return (UInt16(position.row - 1), UInt16(position.column - 1))
    }

    /// A cell record's first fields: row, column, XF index.
    static func cellHeader(_ reference: String, xf: UInt16) -> [UInt8] {
        let (row, column) = position(reference)
        return le16(row) + le16(column) + le16(xf)
    }

    static func number(_ reference: String, _ value: Double, xf: UInt16 = 0) -> [UInt8] {
        record(RecordType.number, cellHeader(reference, xf: xf) + f64(value))
    }

    static func rk(_ reference: String, _ bits: UInt32, xf: UInt16 = 0) -> [UInt8] {
        record(RecordType.rk, cellHeader(reference, xf: xf) + le32(bits))
    }

    /// MULRK: RK numbers in consecutive columns from `reference` on, each with its XF.
    static func mulrk(_ reference: String, _ values: [(xf: UInt16, bits: UInt32)]) -> [UInt8] {
        let (row, column) = position(reference)
        let cells = values.flatMap { le16($0.xf) + le32($0.bits) }
        return record(RecordType.mulrk, le16(row) + le16(column) + cells + le16(column + UInt16(values.count) - 1))
    }

    static func labelSST(_ reference: String, _ index: UInt32, xf: UInt16 = 0) -> [UInt8] {
        record(RecordType.labelSST, cellHeader(reference, xf: xf) + le32(index))
    }

    /// BIFF8 LABEL: an XLUnicodeString.
    static func label(_ reference: String, _ text: String, wide: Bool? = nil, xf: UInt16 = 0) -> [UInt8] {
        record(RecordType.label, cellHeader(reference, xf: xf) + unicodeString(text, wide: wide))
    }

    /// BIFF5 LABEL: a 16-bit count and bytes in the code page.
    static func label(_ reference: String, bytes: [UInt8], xf: UInt16 = 0) -> [UInt8] {
        record(RecordType.label, cellHeader(reference, xf: xf) + le16(UInt16(bytes.count)) + bytes)
    }

    /// BIFF8 RSTRING: the text, then formatting runs (character index, font).
    static func rstring(_ reference: String, _ text: String, runs: [(UInt16, UInt16)]) -> [UInt8] {
        let formatting = le16(UInt16(runs.count)) + runs.flatMap { le16($0.0) + le16($0.1) }
        return record(RecordType.rstring, cellHeader(reference, xf: 0) + unicodeString(text) + formatting)
    }

    /// BIFF5 RSTRING: bytes in the code page, then a one-byte run count and 2-byte runs.
    static func rstring(_ reference: String, bytes: [UInt8], runs: [(UInt8, UInt8)]) -> [UInt8] {
        let formatting = [UInt8(runs.count)] + runs.flatMap { [$0.0, $0.1] }
        return record(RecordType.rstring, cellHeader(reference, xf: 0) + le16(UInt16(bytes.count)) + bytes + formatting)
    }

    static func boolean(_ reference: String, _ value: Bool) -> [UInt8] {
        record(RecordType.boolerr, cellHeader(reference, xf: 0) + [value ? 1 : 0, 0])
    }

    static func error(_ reference: String, code: UInt8) -> [UInt8] {
        record(RecordType.boolerr, cellHeader(reference, xf: 0) + [code, 1])
    }

    static func blank(_ reference: String) -> [UInt8] {
        record(blank, cellHeader(reference, xf: 0))
    }

    static func mulblank(_ reference: String, count: Int) -> [UInt8] {
        let (row, column) = position(reference)
        let xfs = (0..<count).flatMap { _ in le16(0) }
        return record(mulblank, le16(row) + le16(column) + xfs + le16(column + UInt16(count) - 1))
    }

    /// A FORMULA's cached result ([MS-XLS] 2.5.133 FormulaValue).
    enum FormulaResult {
        case number(Double)
        /// A string, in the STRING record that follows.
        case string
        case bool(Bool)
        case error(UInt8)
        case emptyString

        var bytes: [UInt8] {
            switch self {
            case .number(let value): BIFF.f64(value)
            case .string: [0x00, 0, 0, 0, 0, 0, 0xFF, 0xFF]
            case .bool(let value): [0x01, 0, value ? 1 : 0, 0, 0, 0, 0xFF, 0xFF]
            case .error(let code): [0x02, 0, code, 0, 0, 0, 0xFF, 0xFF]
            case .emptyString: [0x03, 0, 0, 0, 0, 0, 0xFF, 0xFF]
            }
        }
    }

    /// A FORMULA record whose formula is `=1+1` (ptgInt 1, ptgInt 1, ptgAdd).
    static func formula(_ reference: String, _ result: FormulaResult, xf: UInt16 = 0) -> [UInt8] {
        let tokens: [UInt8] = [0x1E, 1, 0, 0x1E, 1, 0, 0x03]
        let body = cellHeader(reference, xf: xf) + result.bytes + le16(0) + le32(0) + le16(UInt16(tokens.count)) + tokens
        return record(RecordType.formula, body)
    }

    /// BIFF8 STRING: a formula's string result, split into CONTINUE records at `splitAt` (offsets
    /// into the XLUnicodeString), with the flag byte where characters cross into a new record.
    static func string(_ text: String, wide: Bool? = nil, splitAt points: [Int] = []) -> [UInt8] {
        var value = ContinuedBytes()
        value.appendUnicodeString(text, wide: wide)
        let parts = value.split(at: points)
        return record(RecordType.string, parts[0]) + parts.dropFirst().flatMap(continueRecord)
    }

    /// BIFF5 STRING: a 16-bit count and bytes in the code page.
    static func string(bytes: [UInt8]) -> [UInt8] {
        record(RecordType.string, le16(UInt16(bytes.count)) + bytes)
    }

    /// MERGEDCELLS with ranges such as "A1:C2"; `count` puts another count in the record.
    static func mergedCells(_ ranges: [String], count: Int? = nil) -> [UInt8] {
        var body = le16(UInt16(count ?? ranges.count))
        for range in ranges {
            guard let parsed = CellRange(reference: range) else { preconditionFailure("not a range: \(range)") }
            body += le16(UInt16(parsed.first.row - 1)) + le16(UInt16(parsed.last.row - 1))
            body += le16(UInt16(parsed.first.column - 1)) + le16(UInt16(parsed.last.column - 1))
        }
        return record(RecordType.mergedCells, body)
    }

    /// Reversed or single-cell ranges, written as given (first row, last row, first column, last column, 0-based).
    static func mergedCells(raw ranges: [(UInt16, UInt16, UInt16, UInt16)]) -> [UInt8] {
        record(RecordType.mergedCells, le16(UInt16(ranges.count)) + ranges.flatMap { le16($0.0) + le16($0.1) + le16($0.2) + le16($0.3) })
    }

    /// A chart substream as Excel nests it in a worksheet after its OBJ record: BOF (chart), cached
    /// series values as NUMBER and LABEL records, EOF.
    static func nestedChart(_ version: BIFFVersion, records: [[UInt8]]) -> [UInt8] {
        record(obj, [UInt8](repeating: 0, count: 26)) + bof(version, kind: chartKind) + records.joined() + eof
    }

    // MARK: strings

    /// True when every UTF-16 unit of `text` is below 256, so it can be stored compressed.
    static func compressible(_ text: String) -> Bool { text.utf16.allSatisfy { $0 < 0x100 } }

    /// Characters compressed (one byte each) or UTF-16.
    static func characters(_ text: String, wide: Bool) -> [UInt8] {
        wide ? text.utf16.flatMap(le16) : text.utf16.map { UInt8(truncatingIfNeeded: $0) }
    }

    /// XLUnicodeString (16-bit count) or ShortXLUnicodeString (8-bit count): compressed unless
    /// `wide` or a character needs it.
    static func unicodeString(_ text: String, shortCount: Bool = false, wide: Bool? = nil) -> [UInt8] {
        let isWide = wide ?? !compressible(text)
        let count = text.utf16.count
        let countBytes = shortCount ? [UInt8(truncatingIfNeeded: count)] : le16(UInt16(truncatingIfNeeded: count))
        return countBytes + [isWide ? 0x01 : 0x00] + characters(text, wide: isWide)
    }

    /// An ExtRst ([MS-XLS] 2.5.85): phonetic text for a string, with `runs` phonetic runs.
    static func extRst(_ phonetic: String, runs: Int = 1) -> [UInt8] {
        let units = phonetic.utf16.count
        let rphssub = le16(UInt16(runs)) + le16(UInt16(units)) + le16(UInt16(units)) + characters(phonetic, wide: true)
        let phRuns = (0..<runs).flatMap { le16(UInt16(2 * $0)) + le16(UInt16($0)) + le16(1) }
        let body = le16(0) + le16(0x0001) + rphssub + phRuns  // Phs: font 0, katakana, not distributed
        return le16(0x0001) + le16(UInt16(body.count)) + body
    }

    // MARK: globals

    /// SST: `total` and `unique` counts, then `strings`' bytes split into CONTINUE records at `splitAt`.
    static func sst(_ strings: ContinuedBytes, total: UInt32? = nil, unique: UInt32, splitAt points: [Int] = []) -> [UInt8] {
        let parts = strings.split(at: points)
        return record(RecordType.sst, le32(total ?? unique) + le32(unique) + parts[0]) + parts.dropFirst().flatMap(continueRecord)
    }

    /// BIFF8 FORMAT.
    static func format(_ id: UInt16, _ code: String) -> [UInt8] {
        record(RecordType.format, le16(id) + unicodeString(code))
    }

    /// BIFF5 FORMAT: an 8-bit count and bytes in the code page.
    static func format(_ id: UInt16, bytes: [UInt8]) -> [UInt8] {
        record(RecordType.format, le16(id) + [UInt8(bytes.count)] + bytes)
    }

    /// XF: font 0, number format `format`, the rest zero (20 bytes in BIFF8, 16 in BIFF5).
    static func xf(_ version: BIFFVersion, format: UInt16) -> [UInt8] {
        record(RecordType.xf, le16(0) + le16(format) + [UInt8](repeating: 0, count: version == .biff8 ? 16 : 12))
    }
}

/// RK numbers ([MS-XLS] 2.5.217) built from what they mean.
enum RK {
    /// A 30-bit integer, divided by 100 when `hundredths`.
    static func integer(_ value: Int32, hundredths: Bool = false) -> UInt32 {
        UInt32(bitPattern: value << 2) | 0x02 | (hundredths ? 0x01 : 0x00)
    }

    /// A double whose low 34 bits are zero (its high 30 bits are kept), divided by 100 when `hundredths`.
    static func float(_ value: Double, hundredths: Bool = false) -> UInt32 {
        precondition(value.bitPattern & 0x3_FFFF_FFFF == 0, "\(value) does not fit an RK number")
        return UInt32(truncatingIfNeeded: value.bitPattern >> 32) | (hundredths ? 0x01 : 0x00)
    }
}

/// The bytes of a value that BIFF8 lets run on into CONTINUE records (the shared strings, a
/// STRING), with the spans of characters in them: a record boundary inside a span (or at its
/// start) is where the next record starts with a flag byte giving the width of what follows.
struct ContinuedBytes {
    private(set) var bytes: [UInt8] = []
    private(set) var characterSpans: [(range: Range<Int>, wide: Bool)] = []

    var count: Int { bytes.count }

    mutating func append(_ more: [UInt8]) { bytes += more }

    /// Characters of one width; consecutive calls let a string change width at a record boundary
    /// (then the boundary must be split at).
    mutating func appendCharacters(_ text: String, wide: Bool) {
        let encoded = BIFF.characters(text, wide: wide)
        if !encoded.isEmpty { characterSpans.append((bytes.count..<(bytes.count + encoded.count), wide)) }
        bytes += encoded
    }

    /// An XLUnicodeString (a STRING's text).
    mutating func appendUnicodeString(_ text: String, wide: Bool? = nil) {
        let isWide = wide ?? !BIFF.compressible(text)
        append(BIFF.le16(UInt16(text.utf16.count)) + [isWide ? 0x01 : 0x00])
        appendCharacters(text, wide: isWide)
    }

    /// An XLUnicodeRichExtendedString (a shared string): its characters in `chunks` of one width
    /// each (the first chunk's width in the flags), then formatting runs and phonetic data.
    mutating func appendSharedString(chunks: [(text: String, wide: Bool)], runs: [(UInt16, UInt16)] = [], phonetic: [UInt8]? = nil) {
        let count = chunks.reduce(0) { $0 + $1.text.utf16.count }
        var flags: UInt8 = chunks.first?.wide == true ? 0x01 : 0x00
        if !runs.isEmpty { flags |= 0x08 }
        if phonetic != nil { flags |= 0x04 }
        append(BIFF.le16(UInt16(count)) + [flags])
        if !runs.isEmpty { append(BIFF.le16(UInt16(runs.count))) }
        if let phonetic { append(BIFF.le32(UInt32(phonetic.count))) }
        for chunk in chunks { appendCharacters(chunk.text, wide: chunk.wide) }
        append(runs.flatMap { BIFF.le16($0.0) + BIFF.le16($0.1) })
        if let phonetic { append(phonetic) }
    }

    /// A shared string of one width: compressed unless `wide` or a character needs it.
    mutating func appendSharedString(_ text: String, wide: Bool? = nil, runs: [(UInt16, UInt16)] = [], phonetic: [UInt8]? = nil) {
        appendSharedString(chunks: [(text, wide ?? !BIFF.compressible(text))], runs: runs, phonetic: phonetic)
    }

    /// The span of characters that a boundary at `offset` falls into or starts, if any.
    private func span(at offset: Int) -> (range: Range<Int>, wide: Bool)? {
        // The spans ascend and do not overlap: the last one starting at or before `offset`.
        var low = 0, high = characterSpans.count
        while low < high {
            let middle = (low + high) / 2
            if characterSpans[middle].range.lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0, characterSpans[low - 1].range.contains(offset) else { return nil }
        return characterSpans[low - 1]
    }

    /// Offsets a record boundary may fall at: any but the middle of a UTF-16 character.
    var splitPoints: [Int] {
        (0...bytes.count).filter { offset in
            guard let span = span(at: offset) else { return true }
            return !span.wide || (offset - span.range.lowerBound) % 2 == 0
        }
    }

    /// The first record's body and the CONTINUE records' bodies, split at `points` (ascending);
    /// a CONTINUE that starts inside or at the start of characters starts with their flag byte.
    func split(at points: [Int]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var from = 0
        for index in 0...points.count {
            let to = index < points.count ? points[index] : bytes.count
            precondition(from <= to && to <= bytes.count, "split points must ascend within the bytes")
            var part: [UInt8] = []
            if index > 0, let span = span(at: from) {
                precondition(!span.wide || (from - span.range.lowerBound) % 2 == 0, "a UTF-16 character split at \(from)")
                part.append(span.wide ? 0x01 : 0x00)
            }
            parts.append(part + bytes[from..<to])
            from = to
        }
        return parts
    }
}

/// A workbook stream written record by record: the globals (BOF, FILEPASS, CODEPAGE, DATEMODE,
/// FORMAT, XF, BOUNDSHEET with its offsets patched, SST, EOF), then each sheet's substream.
struct TestWorkbookBuilder {
    struct Sheet {
        var name: String
        /// A BIFF5 sheet name's bytes in the code page (else the name's UTF-8, i.e. ASCII).
        var nameBytes: [UInt8]?
        /// BOUNDSHEET hsState: 0 visible, 1 hidden, 2 very hidden.
        var visibility: UInt8 = 0
        /// BOUNDSHEET dt: 0 worksheet, 1 macro sheet, 2 chart, 6 VBA module.
        var kind: UInt8 = 0
        /// The records between the sheet's BOF and EOF.
        var records: [[UInt8]] = []
        var endsWithEOF = true
        /// A BOUNDSHEET offset to write instead of where the sheet starts.
        var offset: UInt32?

        init(_ name: String, nameBytes: [UInt8]? = nil, visibility: UInt8 = 0, kind: UInt8 = 0, records: [[UInt8]] = []) {
            self.name = name
            self.nameBytes = nameBytes
            self.visibility = visibility
            self.kind = kind
            self.records = records
        }

        /// The BOF dt for the BOUNDSHEET kind.
        var bofKind: UInt16 {
            switch kind {
            case 1: BIFF.macroKind
            case 2: BIFF.chartKind
            case 6: 0x0006
            default: BIFF.worksheetKind
            }
        }
    }

    var version: BIFFVersion = .biff8
    var codePage: UInt16?
    var uses1904DateSystem = false
    var passwordProtected = false
    /// FORMAT records, written as they are (`BIFF.format`).
    var formats: [[UInt8]] = []
    /// One XF record per entry, with that number format id; XF 0 is General.
    var xfFormats: [UInt16] = [0]
    /// The SST and its CONTINUE records, whole (`BIFF.sst`).
    var sst: [UInt8] = []
    /// Records written just before the globals' EOF.
    var moreGlobals: [[UInt8]] = []
    var sheets: [Sheet] = []
    /// The order the sheets' substreams are laid out in (indices into `sheets`); default, theirs.
    var streamOrder: [Int]?

    init(_ version: BIFFVersion = .biff8, sheets: [Sheet] = []) {
        self.version = version
        self.sheets = sheets
    }

    /// A builder with one worksheet, "Sheet1", holding `records`.
    static func oneSheet(_ records: [[UInt8]], version: BIFFVersion = .biff8) -> TestWorkbookBuilder {
        TestWorkbookBuilder(version, sheets: [Sheet("Sheet1", records: records)])
    }

    private func boundsheet(_ sheet: Sheet, offset: UInt32) -> [UInt8] {
        var body = BIFF.le32(offset) + [sheet.visibility, sheet.kind]
        switch version {
        case .biff8: body += BIFF.unicodeString(sheet.name, shortCount: true)
        case .biff5:
            let bytes = sheet.nameBytes ?? Array(sheet.name.utf8)
            body += [UInt8(bytes.count)] + bytes
        }
        return BIFF.record(RecordType.boundsheet, body)
    }

    private func substream(_ sheet: Sheet) -> [UInt8] {
        BIFF.bof(version, kind: sheet.bofKind) + sheet.records.joined() + (sheet.endsWithEOF ? BIFF.eof : [])
    }

    /// The workbook stream, and where each sheet's BOF is in it.
    func layout() -> (stream: [UInt8], offsets: [Int]) {
        var head = BIFF.bof(version, kind: BIFF.globalsKind)
        if passwordProtected { head += BIFF.record(RecordType.filepass, BIFF.le16(1) + [UInt8](repeating: 0x5A, count: 52)) }
        if let codePage { head += BIFF.record(RecordType.codepage, BIFF.le16(codePage)) }
        if uses1904DateSystem { head += BIFF.record(RecordType.datemode, BIFF.le16(1)) }
        head += formats.joined()
        head += xfFormats.flatMap { BIFF.xf(version, format: $0) }
        let tail = sst + moreGlobals.joined() + BIFF.eof
        // BOUNDSHEET records are as long whatever their offsets: lay out first, then patch.
        let boundsheetsLength = sheets.reduce(0) { $0 + boundsheet($1, offset: 0).count }
        var offsets = [Int](repeating: 0, count: sheets.count)
        var position = head.count + boundsheetsLength + tail.count
        var substreams: [UInt8] = []
        for index in streamOrder ?? Array(sheets.indices) {
            offsets[index] = position
            let bytes = substream(sheets[index])
            substreams += bytes
            position += bytes.count
        }
        let boundsheets = sheets.indices.flatMap { boundsheet(sheets[$0], offset: sheets[$0].offset ?? UInt32(offsets[$0])) }
        return (head + boundsheets + tail + substreams, offsets)
    }

    func stream() -> [UInt8] { layout().stream }

    /// The compound file holding the stream as "Workbook" (BIFF8) or "Book" (BIFF5), or under
    /// `streams`' names (at most 3 streams).
    func fileBytes(streams: [(name: String, bytes: [UInt8])]? = nil) -> [UInt8] {
        let streams = streams ?? [(version == .biff8 ? "Workbook" : "Book", stream())]
        return TestCompoundFileBuilder(streams: streams).build().bytes
    }

    /// Writes the file to a temporary directory of its own, runs `body` with its path, removes it.
    func withFile<T>(named name: String = TestFiles.defaultName, _ body: (String) throws -> T) throws -> T {
        try TestFiles.with(fileBytes(), named: name, body)
    }

    /// The workbook, opened from a temporary file (read into memory, so the file is gone again).
    func open(named name: String = TestFiles.defaultName) throws -> XLSWorkbook {
        try withFile(named: name) { try XLSWorkbook(path: $0) }
    }
}

/// Temporary files for the tests, each in a directory of its own that is removed afterwards.
enum TestFiles {
    /// A school return's name, as the statisticians receive them.
    static let defaultName = "县A_2023.xls"

    static func with<T>(_ bytes: [UInt8], named name: String = defaultName, _ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eduxls-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return try body(url.path)
    }
}

extension XLSWorkbook {
    /// Sheet `index` read whole.
    func table(_ index: Int = 0) throws -> SheetTable {
        try readSheet(sheets[index])
    }

    /// Sheet `index`'s cells by reference ("B3").
    func cells(_ index: Int = 0) throws -> [String: CellValue] {
        try table(index).cellsByReference
    }
}

extension SheetTable {
    var cellsByReference: [String: CellValue] {
        var cells: [String: CellValue] = [:]
        for row in rows {
            for cell in row.cells { cells[row.position(of: cell).reference] = cell.value }
        }
        return cells
    }
}

/// Runs `body`, which must throw an `XLSError` whose reason `matches`, within `seconds` (a hostile
/// file is refused at once); its message must be one line starting with the file's path.
@discardableResult
func expectXLSError(
    _ matches: (XLSError.Reason) -> Bool, within seconds: Double = 2,
    sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> XLSError? {
    let clock = ContinuousClock()
    let start = clock.now
    var caught: XLSError?
    do {
        try body()
        Issue.record("no error was thrown", sourceLocation: sourceLocation)
    } catch let error as XLSError {
        caught = error
        #expect(matches(error.reason), "unexpected \(error.reason)", sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), "the message is one line", sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix(error.location.file), "the message names the file: \(error)", sourceLocation: sourceLocation)
        #expect(error.location.file.hasSuffix(".xls"), "\(error.location.file)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("not an XLSError: \(error)", sourceLocation: sourceLocation)
    }
    let elapsed = clock.now - start
    #expect(elapsed < .seconds(seconds), "took \(elapsed)", sourceLocation: sourceLocation)
    return caught
}

/// `expectXLSError` for a reason compared whole.
@discardableResult
func expectXLSError(
    _ reason: XLSError.Reason, within seconds: Double = 2, sourceLocation: Testing.SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) -> XLSError? {
    expectXLSError({ $0 == reason }, within: seconds, sourceLocation: sourceLocation, body)
}
