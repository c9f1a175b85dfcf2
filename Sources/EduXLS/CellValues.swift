import EduCore

/// The values BIFF cell records hold, typed as the XLSX reader types them.
enum CellValues {
    /// An RK number ([MS-XLS] 2.5.217): a 30-bit integer or the high 30 bits of a double,
    /// divided by 100 when the low bit says so.
    @inline(__always)
    static func rk(_ bits: UInt32) -> Double {
        let value: Double
        if bits & 0x02 != 0 {
            value = Double(Int32(bitPattern: bits) >> 2)
        } else {
            value = Double(bitPattern: UInt64(bits & 0xFFFF_FFFC) << 32)
        }
        return bits & 0x01 != 0 ? value / 100 : value
    }

    /// An error cell's text ([MS-XLS] 2.5.10 BErr).
    static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: "#NULL!"
        case 0x07: "#DIV/0!"
        case 0x0F: "#VALUE!"
        case 0x17: "#REF!"
        case 0x1D: "#NAME?"
        case 0x24: "#NUM!"
        case 0x2A: "#N/A"
        case 0x2B: "#GETTING_DATA"
        default: "#ERROR!"
        }
    }

    /// A number as its cell format shows it: a date, a time or duration, or the number. A number
    /// Excel cannot show as a date stays the number; NaN and infinity (no cell can hold them) are #NUM!.
    @inline(__always)
    static func number(_ value: Double, kind: NumberFormatKind, uses1904System: Bool) -> CellValue {
        guard value.isFinite else { return .error("#NUM!") }
        switch kind {
        case .number: return .number(value)
        case .date:
            guard let date = SpreadsheetDate(excelSerial: value, uses1904System: uses1904System) else { return .number(value) }
            return .date(date)
        case .duration: return .duration(value)
        }
    }
}
