import EduCore
@testable import EduCSV
import Foundation

/// Writes bytes to a scratch file and reads them back through the CSV reader.
enum CSVTestFile {
    /// Foundation's own GB18030 encoder (kCFStringEncodingGB_18030_2000), independent of the
    /// iconv decoder the reader uses.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    static func temporaryFolder() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-csv-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    static func write(_ bytes: [UInt8], name: String = "table.csv") throws -> String {
        let url = URL(fileURLWithPath: temporaryFolder()).appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func encode(_ text: String, _ encoding: String.Encoding) -> [UInt8] {
        Array(text.data(using: encoding)!)
    }

    /// Every row of the file: (row number, [(column, text)]).
    static func rows(_ file: CSVFile, chunkSize: Int? = nil) throws -> [Row] {
        let reader = try chunkSize.map { try file.rows(chunkSize: $0) } ?? file.rows()
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return rows
    }

    static func read(_ bytes: [UInt8], options: CSVOptions = CSVOptions(), chunkSize: Int? = nil) throws -> [Row] {
        try rows(CSVFile(path: write(bytes), options: options), chunkSize: chunkSize)
    }

    static func read(_ text: String, options: CSVOptions = CSVOptions(), chunkSize: Int? = nil) throws -> [Row] {
        try read(Array(text.utf8), options: options, chunkSize: chunkSize)
    }
}

extension Row {
    /// "B3=text" for each cell, to compare rows in one line.
    var texts: [String] {
        cells.map { cell in
            guard case .string(let text) = cell.value else { return "\(position(of: cell))=<\(cell.value)>" }
            return "\(position(of: cell))=\(text)"
        }
    }
}

extension Array where Element == Row {
    var texts: [String] { flatMap(\.texts) }
}
