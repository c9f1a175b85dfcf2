import EduCore
import EduXLSX

/// `read-xlsx FILE`: every cell of every sheet through the project's XLSX API, from opening the
/// workbook (shared strings, styles, relationships) to the last row. Each value is folded into a
/// checksum so that the optimiser cannot skip materialising it.
enum ReadXLSXCase {
    static func run(path: String) throws -> CaseResult {
        let xmlBytes = try ZipLookup.sheetXMLBytes(of: BenchFile(path: path))  // not timed
        let ((cells, checksum), seconds) = try timed { () throws -> (Int, UInt64) in
            let workbook = try Workbook(path: path)
            var cells = 0
            var checksum: UInt64 = 0
            for sheet in workbook.sheets {
                var rows = try workbook.rows(of: sheet)
                try readAll(&rows, cells: &cells, checksum: &checksum)
            }
            return (cells, checksum)
        }
        return CaseResult(name: "read-xlsx", seconds: seconds, cells: cells, xmlBytes: xmlBytes,
                          peakRSSBytes: peakRSSBytes(), checksum: checksum)
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
