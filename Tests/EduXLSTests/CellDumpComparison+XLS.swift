import EduCore
import EduTestSupport
import EduXLS
import Foundation

extension CellDumpComparison {
    /// Every cell of every sheet of an .xls workbook, as `eduetl inspect --cells` prints it.
    static func dump(_ path: String) throws -> Cells {
        try dump(XLSWorkbook(path: path))
    }

    static func dump(_ workbook: XLSWorkbook) throws -> Cells {
        var lines: [String] = []
        for sheet in workbook.sheets {
            let reader = try workbook.rows(of: sheet)
            while let row = try reader.nextRow() {
                for cell in row.cells {
                    lines.append(CellDump.jsonLine(sheet: sheet.name, position: row.position(of: cell), value: cell.value))
                }
            }
        }
        return try load(lines: lines)
    }
}
