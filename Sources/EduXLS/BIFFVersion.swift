/// The record format of a workbook stream: Excel 95's BIFF5 ("Book" stream, 8-bit text in the
/// workbook's code page) or Excel 97-2003's BIFF8 ("Workbook" stream, Unicode text, a shared
/// string table).
public enum BIFFVersion: String, Sendable {
    case biff5 = "BIFF5"
    case biff8 = "BIFF8"
}
