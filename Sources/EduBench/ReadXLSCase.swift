import EduCore
import EduXLS

/// `read-xls FILE`: every cell of every sheet of a legacy .xls workbook through the project's
/// XLS API, from opening the workbook (compound file, globals, shared strings) to the last row.
/// Each value is folded into a checksum so that the optimiser cannot skip materialising it.
///
/// The bytes field (`xml_bytes`, named as for the XLSX case) is the size of the Workbook (or
/// Book) stream, the BIFF records the reader decodes; it is read after the peak is taken, so
/// neither the time nor the peak includes reading the directory a second time.
enum ReadXLSCase {
    static func run(path: String) throws -> CaseResult {
        let ((cells, checksum), seconds) = try timed { () throws -> (Int, UInt64) in
            let workbook = try XLSWorkbook(path: path)
            var cells = 0
            var checksum: UInt64 = 0
            for sheet in workbook.sheets {
                var rows = try workbook.rows(of: sheet)
                try readAll(&rows, cells: &cells, checksum: &checksum)
            }
            return (cells, checksum)
        }
        let peak = peakRSSBytes()
        return CaseResult(name: "read-xls", seconds: seconds, cells: cells, xmlBytes: try workbookStreamBytes(path: path),
                          peakRSSBytes: peak, checksum: checksum)
    }

    /// The size of the stream XLSWorkbook reads: "Workbook", else "Book" (any case), at the top level.
    private static func workbookStreamBytes(path: String) throws -> Int {
        let file = try CompoundFile(path: path)
        let topLevel = file.streams.filter { !$0.name.contains("/") }
        guard let stream = topLevel.first(where: { $0.name.lowercased() == "workbook" })
            ?? topLevel.first(where: { $0.name.lowercased() == "book" })
        else {
            throw BenchError("\(path): no Workbook or Book stream")
        }
        return Int(clamping: stream.size)
    }

    private static func readAll(_ rows: inout some RowSource, cells: inout Int, checksum: inout UInt64) throws {
        while let row = try rows.nextRow() {
            cells += row.cells.count
            for cell in row.cells {
                checksum = checksum &* 31 &+ UInt64(cell.column) &+ fold(cell.value)
            }
        }
    }

    private static func fold(_ value: CellValue) -> UInt64 {
        switch value {
        case .string(let text): UInt64(text.utf8.count)
        case .number(let number), .duration(let number): number.bitPattern
        case .bool(let flag): flag ? 1 : 2
        case .date(let date): date.serial.bitPattern
        case .error(let text): UInt64(text.utf8.count) &+ 7
        }
    }
}
