import EduCore
@testable import EduNormalise
import EduStandards
@testable import EduWarehouse
import Foundation
import Testing

/// Files made by hand, as the normaliser and the resolver would hand them to the warehouse: one
/// sheet of school records, each a part (primary, junior, senior, preschool) or the whole school.
enum HandMadeLoads {
    /// One record: its stage, its figures by field, and identity cells (ownership, address …).
    struct Part {
        var code: String
        var name: String
        var type: String
        var stage: Stage
        var values: [String: Double]
        var identity: [String: String] = [:]
    }

    static let units = ["students": "人", "classes": "个", "books": "册", "equipment_value": "元", "computers": "台",
                        "teaching_aux_area": "m²", "sports_area": "m²", "full_time_teachers": "人"]

    static func newWarehouse(_ label: String) throws -> Warehouse {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let warehouse = try Warehouse(path: folder.appendingPathComponent("warehouse.sqlite").path)
        try warehouse.syncStandards(BalanceViewTests.standards)
        return warehouse
    }

    static func record(_ part: Part, row: Int) -> ResolvedRecord {
        var identity = ["school_code": IdentityValue(text: part.code, cell: CellPosition(row: row, column: 1)),
                        "school_name": IdentityValue(text: part.name, cell: CellPosition(row: row, column: 2))]
        for (column, (field, text)) in part.identity.sorted(by: { $0.key < $1.key }).enumerated() {
            identity[field] = IdentityValue(text: text, cell: CellPosition(row: row, column: 3 + column))
        }
        let values = part.values.sorted { $0.key < $1.key }.enumerated().map { column, entry in
            FieldValue(field: entry.key, value: entry.value, unit: units[entry.key] ?? "", cell: CellPosition(row: row, column: 10 + column),
                       written: .number(entry.value))
        }
        return ResolvedRecord(record: SchoolRecord(row: row, identity: identity, stage: part.stage, values: values),
                              schoolCode: part.code, year: 2024, countyCode: "360321", schoolType: part.type)
    }

    /// Loads the parts as one file named `name` (its own path, so no earlier file is superseded).
    @discardableResult
    static func load(_ parts: [Part], as name: String, into warehouse: Warehouse) throws -> LoadResult {
        let sheet = NormalisedSheet(sheet: SheetDescription(index: 0, name: "学校"), layout: .table(headerRows: 1...1, dataStart: 2),
                                    decisions: [], records: [], skipped: [], rejects: [], titles: [], declaredUnits: [], titleYear: nil)
        let records = parts.enumerated().map { offset, part in record(part, row: offset + 2) }
        let source = SourceFile(path: name, absolutePath: "/returns/\(name)", sha256: UUID().uuidString, bytes: 1, format: .csv)
        let file = FileToLoad(source: source, sheets: [SheetToLoad(sheet: sheet, records: records, rejects: [])], warnings: [])
        let run = try warehouse.startRun(command: "test")
        let result = try warehouse.load(file, run: run)
        try warehouse.finishRun(run, counts: Warehouse.RunCounts())
        return result
    }

    /// school_values of one school, keyed "stage|indicator".
    static func schoolValues(_ code: String, in warehouse: Warehouse) throws -> [String: Double] {
        var values: [String: Double] = [:]
        for row in try warehouse.connection.prepare("SELECT stage, indicator, value FROM school_values WHERE school_code = ?")
            .rows([.text(code)]) {
            let key = "\(row[0].text ?? "?")|\(row[1].text ?? "?")"
            #expect(values[key] == nil, "\(code) \(key) twice")
            values[key] = row[2].double
        }
        return values
    }

    /// Every row of a query, each column as text, to compare two warehouses or two moments.
    static func dump(_ sql: String, in connection: SQLiteConnection) throws -> [[String]] {
        try connection.prepare(sql).rows().map { row in
            row.map { value in
                switch value {
                case .int(let number): return "i\(number)"
                case .double(let number): return "d\(number)"
                case .text(let text): return "t\(text)"
                case .null: return "null"
                }
            }
        }
    }

    static func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
        a.map { abs($0 - b) <= tolerance * max(1, abs(b)) } ?? false
    }
}

extension Warehouse {
    /// A recorded run for a test: no earlier run is taken for interrupted.
    func startRun(command: String) throws -> Int64 {
        try startRun(command: command, pid: Int64(getpid()), isGone: { _ in false }).id
    }
}
