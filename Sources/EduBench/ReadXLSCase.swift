import EduCore
import EduXLS

/// `read-xls FILE`: every cell of every sheet of a legacy .xls workbook through the project's
/// XLS API, from opening the workbook (compound file, globals, shared strings) to the last row.
/// Each value is folded into a checksum so that the optimiser cannot skip materialising it.
///
/// The bytes field (`xml_bytes`, named as for the XLSX case) is the size of the Workbook (or
/// Book) stream, the BIFF records the reader decodes.
enum ReadXLSCase {
    static func run(path: String) throws -> CaseResult {
        var streamBytes = 0
        let ((cells, checksum), seconds) = try timed { () throws -> (Int, UInt64) in
            let workbook = try XLSWorkbook(path: path)
            streamBytes = workbook.streamByteCount
            var cells = 0
            var checksum: UInt64 = 0
            for sheet in workbook.sheets {
                var rows = try workbook.rows(of: sheet)
                try CellChecksum.readAll(&rows, cells: &cells, checksum: &checksum)
            }
            return (cells, checksum)
        }
        let peak = peakRSSBytes()
        return CaseResult(name: "read-xls", seconds: seconds, cells: cells, xmlBytes: streamBytes,
                          peakRSSBytes: peak, checksum: checksum)
    }
}
