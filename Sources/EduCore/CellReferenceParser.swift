/// Parses A1 references from bytes without building strings (the XLSX reader calls it per cell).
public enum CellReferenceParser {
    /// Column letters only ("AB" → 28); nil when empty, not letters, or past XFD.
    @inlinable
    public static func column<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        var column = 0
        var count = 0
        for byte in bytes {
            let letter: Int
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): letter = Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): letter = Int(byte - UInt8(ascii: "a")) + 1
            default: return nil
            }
            column = column * 26 + letter
            count += 1
            if count > 3 { return nil }
        }
        guard count > 0, column <= SheetLimits.maxColumns else { return nil }
        return column
    }

    /// A full reference: optional `$`, letters, optional `$`, digits. Nil when malformed or out of range.
    @inlinable
    public static func parse<C: Collection>(_ bytes: C) -> CellPosition? where C.Element == UInt8 {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        var index = bytes.startIndex
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "$") { index = bytes.index(after: index) }
        while index < bytes.endIndex {
            let byte = bytes[index]
            let value: Int
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = Int(byte - UInt8(ascii: "a")) + 1
            default: value = 0
            }
            if value == 0 { break }
            column = column * 26 + value
            letters += 1
            if letters > 3 { return nil }
            index = bytes.index(after: index)
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "$") { index = bytes.index(after: index) }
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            row = row * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            if digits > 7 { return nil }
            index = bytes.index(after: index)
        }
        guard letters > 0, digits > 0, row >= 1, row <= SheetLimits.maxRows,
              column <= SheetLimits.maxColumns else { return nil }
        return CellPosition(row: row, column: column)
    }
}
