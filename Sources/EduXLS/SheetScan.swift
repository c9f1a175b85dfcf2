import EduCore

/// A first, cheap pass over a sheet's records (record headers and cell rows only): where the
/// sheet ends, its merged ranges, whether its cells come in row order (every writer seen stores
/// them so; a file that does not is read whole and sorted), and the error that ends it early, if
/// any, handed out after the rows before it.
struct SheetScan {
    /// BOF dt of a sheet ([MS-XLS] 2.4.21): chart substreams nest inside sheets.
    static let chartKind: UInt16 = 0x0020
    static let worksheetKind: UInt16 = 0x0010
    static let globalsKind: UInt16 = 0x0005

    /// Whether a record of this type is a cell record (NUMBER, RK, MULRK, LABELSST, LABEL,
    /// RSTRING, BOOLERR, FORMULA). A switch, not a Set: it is asked once or twice per record.
    @inline(__always)
    static func isCellType(_ type: UInt16) -> Bool {
        switch type {
        case RecordType.number, RecordType.rk, RecordType.mulrk, RecordType.labelSST, RecordType.label,
             RecordType.rstring, RecordType.boolerr, RecordType.formula:
            true
        default:
            false
        }
    }

    /// The offset of the sheet's first record after its BOF.
    var start: Int
    /// Where reading stops: after the sheet's EOF, or at the record that ended it early.
    var end: Int
    var isChart: Bool
    var mergedRanges: [CellRange] = []
    var cellsInRowOrder = true
    var error: (reason: XLSError.Reason, cell: CellPosition?)?

    init(stream: StreamBytes, offset: Int) throws(XLSError.Reason) {
        var cursor = RecordCursor(stream: stream, offset: offset)
        guard offset >= 0, offset < stream.count, let bof = try? cursor.next(), bof.type == RecordType.beginningOfFile,
              bof.length >= 4 else {
            throw .sheetNotFound(offset: offset)
        }
        start = cursor.offset
        end = stream.count
        isChart = stream.u16(bof.body.lowerBound + 2) == Self.chartKind
        var depth = 1
        var lastRow = -1
        while true {
            let record: Record
            do {
                guard let next = try cursor.next() else {
                    error = (.missingEndOfSheet, nil)
                    return
                }
                record = next
            } catch {
                end = cursor.offset
                self.error = (error, nil)
                return
            }
            switch record.type {
            case RecordType.beginningOfFile:
                let kind = stream.u16(record.body.lowerBound + 2)
                if depth == 1, kind == Self.worksheetKind || kind == Self.globalsKind {
                    // The next sheet begins: this one lost its EOF.
                    end = record.offset
                    error = (.missingEndOfSheet, nil)
                    return
                }
                depth += 1
            case RecordType.endOfFile:
                depth -= 1
                if depth == 0 {
                    end = cursor.offset
                    return
                }
            case RecordType.mergedCells where depth == 1:
                do {
                    mergedRanges += try Self.mergedRanges(record, stream: stream)
                } catch {
                    end = record.offset
                    self.error = (error, nil)
                    return
                }
            case _ where depth == 1 && Self.isCellType(record.type) && record.length >= 2:
                let row = Int(stream.u16(record.body.lowerBound))
                if row < lastRow { cellsInRowOrder = false }
                lastRow = row
            default:
                continue
            }
        }
    }

    /// A MERGEDCELLS record's ranges (Ref8: first row, last row, first column, last column, 0-based).
    static func mergedRanges(_ record: Record, stream: StreamBytes) throws(XLSError.Reason) -> [CellRange] {
        guard record.length >= 2 else {
            throw .recordTooShort(type: record.type, offset: record.offset, length: record.length, needed: 2)
        }
        let count = Int(stream.u16(record.body.lowerBound))
        guard count <= (record.length - 2) / 8 else {
            throw .tableTooLarge(what: "merged cell list", claimed: UInt64(count), limit: record.length - 2)
        }
        var ranges: [CellRange] = []
        ranges.reserveCapacity(count)
        for index in 0..<count {
            let at = record.body.lowerBound + 2 + index * 8
            let firstRow = Int(stream.u16(at)), lastRow = Int(stream.u16(at + 2))
            let firstColumn = Int(stream.u16(at + 4)), lastColumn = Int(stream.u16(at + 6))
            guard firstRow <= lastRow, firstColumn <= lastColumn, (firstRow, firstColumn) != (lastRow, lastColumn) else { continue }
            ranges.append(CellRange(first: CellPosition(row: firstRow + 1, column: firstColumn + 1),
                                    last: CellPosition(row: lastRow + 1, column: lastColumn + 1)))
        }
        return ranges
    }
}
