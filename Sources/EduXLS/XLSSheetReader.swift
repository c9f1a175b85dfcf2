import EduCore

/// Hands out one .xls sheet's rows, decoding its cell records as they come (the stream is in
/// memory; rows are not), so a sheet of any length costs one row at a time. Cells of a chart
/// substream nested in the sheet, and of a chart sheet, are its cached series values, not cells,
/// and are skipped. A record that ends the sheet early is thrown after the rows before it.
public final class XLSSheetReader: RowSource {
    public let sheet: SheetDescription
    public var mergedRanges: [CellRange] { scan.mergedRanges }
    public private(set) var warnings: [ReadWarning] = []

    private let workbook: XLSWorkbook
    private let stream: StreamBytes
    private let scan: SheetScan
    private let decoder: CodePageDecoder?
    /// The workbook's shared strings and cell formats, held here so that a cell does not reach
    /// through the workbook (a retain and release of each array per cell) for them.
    private let sharedStrings: [String]
    private let cellFormats: [NumberFormatKind]
    private let uses1904DateSystem: Bool
    private var cursor: RecordCursor
    private var depth = 1
    private var current = RowBuilder()
    /// A formula whose string result is in the STRING record that follows it.
    private var pendingString: CellPosition?
    /// Rows sorted in advance, for a sheet whose cells are not in row order.
    private var sortedRows: [Row]?
    private var pendingError: XLSError?
    private var finished = false

    init(workbook: XLSWorkbook, sheet: SheetDescription, offset: Int) throws(XLSError) {
        self.workbook = workbook
        self.sheet = sheet
        stream = workbook.stream
        sharedStrings = workbook.globals.sharedStrings
        cellFormats = workbook.globals.cellFormats
        uses1904DateSystem = workbook.uses1904DateSystem
        do {
            scan = try SheetScan(stream: stream, offset: offset)
        } catch {
            throw XLSError(error, at: SourceLocation(file: workbook.path, entry: workbook.streamName, sheet: sheet.name))
        }
        cursor = RecordCursor(stream: stream, offset: scan.start)
        decoder = workbook.makeTextDecoder()
        // What opening the workbook worked around is told once, with its first sheet.
        if sheet.index == 0 { warnings = workbook.warnings }
        if let error = scan.error { pendingError = locate(error.reason, cell: error.cell) }
    }

    /// The next row with at least one non-empty cell, or nil at the end of the sheet.
    public func nextRow() throws -> Row? {
        if !scan.cellsInRowOrder {
            if sortedRows == nil { sortedRows = readSorted() }
            if let row = sortedRows?.popLast() { return row }
            return try finish()
        }
        while !finished, cursor.offset < scan.end {
            do {
                guard let record = try nextRecord() else { break }
                try decode(record, into: &current)
            } catch {
                // The rows before the bad record are handed out first, the error after them; the
                // bad cell's own row is incomplete and is not.
                pendingError = error
                finished = true
                if let cell = error.location.cell, current.rowNumber >= cell.row { current.discard() }
                break
            }
            if let row = current.takeCompleted() { return row }
        }
        if let row = current.takeCompleted() ?? current.take() { return row }
        return try finish()
    }

    private func finish() throws -> Row? {
        finished = true
        if let decoder, decoder.replacedBytes > 0, !warnings.contains(where: { $0.message.hasPrefix("bytes") }) {
            warnings.append(ReadWarning(location: SourceLocation(file: workbook.path, sheet: sheet.name),
                                        message: "bytes not valid in code page \(decoder.codePage) were replaced with U+FFFD"))
        }
        if let error = pendingError {
            pendingError = nil
            throw error
        }
        return nil
    }

    /// Every row at once, for a sheet whose cells are out of row order (kept last-first for popLast);
    /// a bad record ends the reading, and its error follows the rows read before it.
    private func readSorted() -> [Row] {
        var rows = RowsByNumber()
        do {
            while cursor.offset < scan.end, let record = try nextRecord() {
                try decode(record, into: &rows)
            }
        } catch {
            pendingError = error
            if let cell = error.location.cell { rows.builders[cell.row] = nil }
        }
        return rows.builders.keys.sorted(by: >).compactMap { rows.builders[$0]?.take() }
    }

    /// The next record of the sheet itself (depth 1): nested substreams are stepped over.
    private func nextRecord() throws(XLSError) -> Record? {
        while cursor.offset < scan.end {
            let record: Record?
            do {
                record = try cursor.next()
            } catch {
                throw locate(error, cell: nil)
            }
            guard let record else { return nil }
            switch record.type {
            case RecordType.beginningOfFile: depth += 1
            case RecordType.endOfFile: depth -= 1
            default: if depth == 1 { return record }
            }
        }
        return nil
    }

    private func locate(_ reason: XLSError.Reason, cell: CellPosition?) -> XLSError {
        XLSError(reason, at: SourceLocation(file: workbook.path, entry: workbook.streamName, sheet: sheet.name, cell: cell))
    }

    /// Hands a cell record's cells to `sink`, in record order: none for other records and for cells
    /// that hold nothing.
    private func decode(_ record: Record, into sink: inout some CellSink) throws(XLSError) {
        guard !scan.isChart else { return }
        if let (position, value) = try decodeCell(record, into: &sink) { sink.add(value, at: position) }
    }

    /// A cell record's cell; MULRK's several cells go straight to `sink` instead.
    private func decodeCell(_ record: Record, into sink: inout some CellSink) throws(XLSError) -> (CellPosition, CellValue)? {
        let body = record.body.lowerBound
        let type = record.type
        if type == RecordType.string {
            guard let position = pendingString else { return nil }
            pendingString = nil
            return try formulaString(record, at: position).map { (position, $0) }
        }
        guard SheetScan.isCellType(type) else { return nil }
        let position = CellPosition(row: Int(stream.u16(body)) + 1, column: Int(stream.u16(body + 2)) + 1)
        pendingString = nil
        func require(_ needed: Int) throws(XLSError) {
            guard record.length >= needed else {
                throw locate(.recordTooShort(type: type, offset: record.offset, length: record.length, needed: needed),
                             cell: record.length >= 4 ? position : nil)
            }
        }
        switch type {
        case RecordType.number:
            try require(14)
            return (position, number(stream.f64(body + 6), xf: stream.u16(body + 4)))
        case RecordType.rk:
            try require(10)
            return (position, number(CellValues.rk(stream.u32(body + 6)), xf: stream.u16(body + 4)))
        case RecordType.mulrk:
            try require(12)
            mulrk(record, row: position.row, firstColumn: position.column, into: &sink)
            return nil
        case RecordType.labelSST:
            try require(10)
            let index = Int(stream.u32(body + 6))
            guard index < sharedStrings.count else {
                throw locate(.sharedStringOutOfRange(index: index, count: sharedStrings.count), cell: position)
            }
            return sharedStrings[index].isEmpty ? nil : (position, .string(sharedStrings[index]))
        case RecordType.label, RecordType.rstring:
            try require(8)
            let text = try label(record)
            return text.isEmpty ? nil : (position, .string(text))
        case RecordType.boolerr:
            try require(8)
            let value = stream.u8(body + 6)
            return (position, stream.u8(body + 7) != 0 ? .error(CellValues.errorText(value)) : .bool(value != 0))
        case RecordType.formula:
            try require(14)
            return formulaResult(record, at: position)
        default:
            return nil
        }
    }

    private func number(_ value: Double, xf: UInt16) -> CellValue {
        let kind = Int(xf) < cellFormats.count ? cellFormats[Int(xf)] : .number
        return CellValues.number(value, kind: kind, uses1904System: uses1904DateSystem)
    }

    /// MULRK: several RK numbers side by side in one row, handed to `sink` one by one.
    private func mulrk(_ record: Record, row: Int, firstColumn: Int, into sink: inout some CellSink) {
        let count = (record.length - 6) / 6
        let body = record.body.lowerBound
        for index in 0..<max(count, 0) {
            let at = body + 4 + index * 6
            sink.add(number(CellValues.rk(stream.u32(at + 2)), xf: stream.u16(at)), at: CellPosition(row: row, column: firstColumn + index))
        }
    }

    /// A FORMULA record's cached result ([MS-XLS] 2.5.133 FormulaValue).
    private func formulaResult(_ record: Record, at position: CellPosition) -> (CellPosition, CellValue)? {
        let at = record.body.lowerBound + 6
        guard stream.u16(at + 6) == 0xFFFF else {
            return (position, number(stream.f64(at), xf: stream.u16(record.body.lowerBound + 4)))
        }
        switch stream.u8(at) {
        case 0x00:
            pendingString = position
            return nil
        case 0x01: return (position, .bool(stream.u8(at + 2) != 0))
        case 0x02: return (position, .error(CellValues.errorText(stream.u8(at + 2))))
        default: return nil  // 0x03: an empty string
        }
    }

    /// The text of a STRING record (and its CONTINUE records): a formula's string result.
    private func formulaString(_ record: Record, at position: CellPosition) throws(XLSError) -> CellValue? {
        do {
            let text: String
            if let decoder {
                text = decoder.decode(try RecordText.bytes(in: record, at: 0, shortCount: false, stream: stream))
            } else {
                var continues: [Range<Int>] = []
                while cursor.offset < scan.end, cursor.peekType() == RecordType.continue, let next = try cursor.next() {
                    continues.append(next.body)
                }
                text = try RecordText.unicode(in: record, at: 0, continues: continues, stream: stream)
            }
            return text.isEmpty ? nil : .string(text)
        } catch {
            throw locate(error, cell: position)
        }
    }

    /// A LABEL or RSTRING cell's text: Unicode in BIFF8, the code page's bytes in BIFF5.
    private func label(_ record: Record) throws(XLSError) -> String {
        do {
            if let decoder { return decoder.decode(try RecordText.bytes(in: record, at: 6, shortCount: false, stream: stream)) }
            return try RecordText.unicode(in: record, at: 6, stream: stream)
        } catch {
            throw locate(error, cell: CellPosition(row: Int(stream.u16(record.body.lowerBound)) + 1,
                                                  column: Int(stream.u16(record.body.lowerBound + 2)) + 1))
        }
    }
}

/// Where decoded cells go, in record order: the row being built, or every row at once.
protocol CellSink {
    mutating func add(_ value: CellValue, at position: CellPosition)
}

extension RowBuilder: CellSink {}

/// Every row of a sheet whose cells are out of row order, each gathered by its number.
struct RowsByNumber: CellSink {
    var builders: [Int: RowBuilder] = [:]

    mutating func add(_ value: CellValue, at position: CellPosition) {
        builders[position.row, default: RowBuilder()].add(value, at: position)
    }
}
