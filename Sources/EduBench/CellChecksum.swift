import EduCore

/// Every cell of a row source counted and folded into a checksum, so that the optimiser cannot skip
/// materialising a value: what the read cases share.
enum CellChecksum {
    static func readAll(_ rows: inout some RowSource, cells: inout Int, checksum: inout UInt64) throws {
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
