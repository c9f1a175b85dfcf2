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
                try CellChecksum.readAll(&rows, cells: &cells, checksum: &checksum)
            }
            return (cells, checksum)
        }
        return CaseResult(name: "read-xlsx", seconds: seconds, cells: cells, xmlBytes: xmlBytes,
                          peakRSSBytes: peakRSSBytes(), checksum: checksum)
    }
}
