import EduCore

/// What a file named .xls looks like when it is not a compound file, for the error message:
/// web systems often export an HTML table or an Excel 2003 XML spreadsheet as ".xls", and an
/// .xlsx is sometimes renamed.
enum FileKindGuess {
    static func describe(_ head: ArraySlice<UInt8>) -> String {
        switch FileLook.of(head) {
        case .empty: "it is empty"
        case .zip: "it is a ZIP archive, perhaps an .xlsx named .xls"
        case .html: "it is an HTML page, as web systems export tables"
        case .xmlSpreadsheet: "it is an Excel 2003 XML spreadsheet"
        case .text: "it is text, perhaps a CSV file named .xls"
        case .compoundFile, .unknown: "it holds data of an unknown kind"
        }
    }
}
