import EduCSV
import EduCore
import EduXLSX
import Foundation

/// A spreadsheet file opened by the reader its format needs: its sheets and a row source for each.
public struct OpenedFile {
    public enum Format: String, Sendable { case xlsx, csv }

    public let path: String
    public let format: Format
    /// What was decided on opening: date system, encoding, delimiter.
    public let details: [String]
    public let sheets: [SheetDescription]
    public let rows: (SheetDescription) throws -> any RowSource

    /// The extension decides; a file with another extension is a workbook when it starts like a
    /// ZIP archive, else text.
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
        case .csv:
            let file = try CSVFile(path: path, options: options)
            return OpenedFile(path: path, format: .csv,
                              details: ["encoding \(file.encoding)", "delimiter \(file.dialect)"],
                              sheets: [file.sheet], rows: { _ in try file.rows() })
        }
    }

    public static let workbookExtensions = [".xlsx", ".xlsm"]
    public static let textExtensions = [".csv", ".tsv", ".txt"]

    public static func format(of path: String) -> Format {
        format(ofName: path) ?? (startsLikeZip(path) ? .xlsx : .csv)
    }

    /// The format the extension names, if it names one.
    static func format(ofName path: String) -> Format? {
        let name = path.lowercased()
        if workbookExtensions.contains(where: name.hasSuffix) { return .xlsx }
        if textExtensions.contains(where: name.hasSuffix) { return .csv }
        return nil
    }

    static func startsLikeZip(_ path: String) -> Bool {
        guard (try? RegularFile.check(path)) != nil, let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 2)) == Data([0x50, 0x4B])
    }
}
