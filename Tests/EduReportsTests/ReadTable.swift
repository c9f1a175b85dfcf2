import EduCore
import EduReports
import EduXLSX
import Foundation

/// A report's tables read back by their column titles: an XLSX sheet (title in row 1, header in
/// row 2, body rows until the blank row, notes after it) or a CSV file.
struct ReadTable {
    var columns: [String]
    var rows: [[String: CellValue]]
    var notes: [String]

    /// The text of a cell (numbers as written back by the reader), nil when empty.
    static func text(_ value: CellValue?) -> String? {
        switch value {
        case .string(let text)?: return text.isEmpty ? nil : text
        case .number(let number)?: return "\(number)"
        default: return nil
        }
    }

    static func number(_ value: CellValue?) -> Double? {
        if case .number(let number)? = value { return number }
        return nil
    }

    static func sheet(_ path: String, _ name: String) throws -> ReadTable {
        let workbook = try Workbook(path: path)
        let rows = try workbook.readSheet(try workbook.sheet(named: name).orThrow("no sheet \(name)")).rows
        guard rows.count >= 2 else { return ReadTable(columns: [], rows: [], notes: []) }
        let header = rows[1]
        let width = header.cells.map(\.column).max() ?? 0
        var columns = Array(repeating: "", count: width)
        for cell in header.cells { if case .string(let text) = cell.value { columns[cell.column - 1] = text } }
        var body: [[String: CellValue]] = []
        var notes: [String] = []
        var previous = header.number
        var inNotes = false
        for row in rows.dropFirst(2) {
            if row.number > previous + 1 { inNotes = true }
            previous = row.number
            if inNotes {
                if case .string(let text)? = row[column: 1] { notes.append(text) }
                continue
            }
            var values: [String: CellValue] = [:]
            for cell in row.cells where cell.column <= width { values[columns[cell.column - 1]] = cell.value }
            body.append(values)
        }
        return ReadTable(columns: columns, rows: body, notes: notes)
    }

    static func csv(_ path: String) throws -> ReadTable {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let records = try CSVText.parse(String(decoding: bytes.dropFirst(3), as: UTF8.self))
        guard let header = records.first else { return ReadTable(columns: [], rows: [], notes: []) }
        let rows = records.dropFirst().map { record in
            Dictionary(zip(header, record).map { ($0, CellValue.string($1)) }, uniquingKeysWith: { first, _ in first })
        }
        return ReadTable(columns: header, rows: rows, notes: [])
    }

    /// The rows whose column holds the text.
    func rows(where column: String, is text: String) -> [[String: CellValue]] {
        rows.filter { Self.text($0[column]) == text }
    }
}

extension Optional {
    func orThrow(_ message: String) throws -> Wrapped {
        guard let value = self else { throw SampleCounty.Failure(description: message) }
        return value
    }
}
