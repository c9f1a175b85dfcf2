import EduCSV
import EduCore
import EduXLS
import EduXLSX
import Foundation

/// A spreadsheet file opened by the reader its format needs: its sheets and a row source for each.
public struct OpenedFile {
    public enum Format: String, Sendable { case xlsx, xls, csv }

    public let path: String
    public let format: Format
    /// What was decided on opening: date system, encoding, delimiter.
    public let details: [String]
    public let sheets: [SheetDescription]
    public let rows: (SheetDescription) throws -> any RowSource

    /// A file starting with the compound file signature is read as .xls whatever its name (an .xls
    /// renamed .xlsx, an .xlt); otherwise the extension decides, and a file with another extension
    /// is a workbook when it starts like a ZIP archive, else text.
    /// Only a regular file is opened (a FIFO would wait for a writer forever); a missing, unreadable
    /// or empty one is refused naming it, with the OS's reason.
    public static func open(_ path: String, csv options: CSVOptions = CSVOptions()) throws -> OpenedFile {
        try RegularFile.check(path)
        switch format(of: path) {
        case .xlsx:
            let workbook = try Workbook(path: path)
            return OpenedFile(path: path, format: .xlsx,
                              details: [workbook.uses1904DateSystem ? "1904 date system" : "1900 date system"],
                              sheets: workbook.sheets, rows: { try workbook.rows(of: $0) })
        case .xls:
            let workbook = try XLSWorkbook(path: path)
            var details = [workbook.version.rawValue, workbook.uses1904DateSystem ? "1904 date system" : "1900 date system"]
            if workbook.version == .biff5 { details.append("code page \(workbook.codePage ?? 1252)") }
            return OpenedFile(path: path, format: .xls, details: details,
                              sheets: workbook.sheets, rows: { try workbook.rows(of: $0) })
        case .csv:
            let file = try CSVFile(path: path, options: options)
            return OpenedFile(path: path, format: .csv,
                              details: ["encoding \(file.encoding)", "delimiter \(file.dialect)"],
                              sheets: [file.sheet], rows: { _ in try file.rows() })
        }
    }

    public static let workbookExtensions = [".xlsx", ".xlsm"]
    public static let legacyWorkbookExtensions = [".xls", ".xlt"]
    public static let textExtensions = [".csv", ".tsv", ".txt"]

    public static func format(of path: String) -> Format {
        let look = FileLook.of(firstBytes(of: path))
        if look == .compoundFile { return .xls }
        return format(ofName: path) ?? (look == .zip ? .xlsx : .csv)
    }

    /// The format the extension names, if it names one.
    static func format(ofName path: String) -> Format? {
        let name = path.lowercased()
        if workbookExtensions.contains(where: name.hasSuffix) { return .xlsx }
        if legacyWorkbookExtensions.contains(where: name.hasSuffix) { return .xls }
        if textExtensions.contains(where: name.hasSuffix) { return .csv }
        return nil
    }

    static func firstBytes(of path: String) -> Data {
        guard (try? RegularFile.check(path)) != nil, let handle = FileHandle(forReadingAtPath: path) else { return Data() }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 8)) ?? Data()
    }
}
