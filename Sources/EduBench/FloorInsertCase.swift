#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEduSQLite
import EduWarehouse

/// `floor-insert DB TSV`: the warehouse floor of issue 5. A new warehouse (the real schema, made
/// by `Warehouse(path:)`'s migrations) gets one source_files row and one sheets row; then the
/// value rows of the TSV are loaded into memory (not timed) and written with one prepared
/// `INSERT INTO value_cells (…) VALUES (?,?,?,?,?,?,?,?,?)`, bound and stepped per row, between
/// BEGIN IMMEDIATE and COMMIT (timed). Same PRAGMAs as the warehouse (`Warehouse.pragmas`:
/// journal_mode WAL, synchronous NORMAL, foreign_keys ON, its page cache), and the same process-wide
/// SQLite configuration, which `Warehouse(path:)` sets before this connection opens. Text is bound
/// straight from one in-memory arena (SQLITE_STATIC, explicit lengths), as a C loop would. The
/// triggers that keep school_parts on hand edits are paused for it, as an ingest pauses them.
///
/// The TSV (Scripts/bench/run_ingest_bench.py writes it from a warehouse `eduetl ingest` filled)
/// has a header line `year county_code school_code stage field value unit cell [current]`, then
/// one row per value, tab-separated; `\N` is NULL (unit only). With a `current` column (0 for a
/// value a later row or file overrode, kept as the warehouse keeps it) the INSERT writes it too,
/// so the rows land as ingest left them; without one the column keeps its default. DB must not
/// exist yet.
enum FloorInsertCase {
    struct Result {
        var seconds: Double
        var loadSeconds: Double
        var rows: Int
        var databaseBytes: Int
        var peakRSSBytes: Int

        var jsonLine: String {
            "{\"case\":\"floor-insert\",\"seconds\":\(seconds),\"rows\":\(rows),\"load_seconds\":\(loadSeconds)"
                + ",\"db_bytes\":\(databaseBytes),\"peak_rss_bytes\":\(peakRSSBytes)}"
        }
    }

    static let columns = ["year", "county_code", "school_code", "stage", "field", "value", "unit", "cell"]
    static let currentColumn = "current"

    static func run(database: String, rowsFrom tsvPath: String) throws -> Result {
        guard access(database, F_OK) != 0 else { throw BenchError("\(database): exists; the floor writes a new warehouse") }
        do {
            _ = try Warehouse(path: database)  // migrations; the connection closes when the value goes
        } catch {
            throw BenchError("\(database): \(error)")
        }

        let (rows, loadSeconds) = try timed { try ValueRows(tsv: tsvPath) }

        let db = try Connection(path: database)
        try db.execute(Warehouse.pragmas)  // the warehouse's own settings (WAL, synchronous NORMAL, foreign keys, cache)
        try db.execute("""
            INSERT INTO source_files (path, absolute_path, sha256, bytes, format, sheets, loaded_at, status)
            VALUES ('floor.csv', '/floor.csv', 'floor', 0, 'csv', 1, '2024-09-01T00:00:00Z', 'loaded');
            INSERT INTO sheets (file_id, name, layout) VALUES (last_insert_rowid(), 'floor', 'table');
            """)
        let sheetID = sqlite3_last_insert_rowid(db.handle)

        // The texts of stages, fields and units are numbered in value_terms beforehand (untimed, as
        // the TSV's load): the floor is the insert of the rows, as ingest writes them (migration 015).
        let terms = try rows.termIDs(in: db)
        let insert = try db.prepare(rows.hasCurrent
            ? "INSERT INTO value_cells (year, county_code, school_code, stage_id, field_id, value, unit_id, sheet_id, cell, current) VALUES (?,?,?,?,?,?,?,?,?,?)"
            : "INSERT INTO value_cells (year, county_code, school_code, stage_id, field_id, value, unit_id, sheet_id, cell) VALUES (?,?,?,?,?,?,?,?,?)")
        let hasCurrent = rows.hasCurrent
        defer { sqlite3_finalize(insert) }

        let (_, seconds) = try timed { () throws -> Void in
            // The bare insert: the triggers that keep school_parts on hand edits are paused, as
            // eduetl's own loads pause them (the kept tables are ingest's work, not the floor's).
            try db.execute("BEGIN IMMEDIATE; INSERT INTO school_parts_paused (since) VALUES ('floor')")
            try rows.arena.withUnsafeBytes { raw in
                let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                func text(_ index: Int32, _ span: ValueRows.Span) {
                    if span.offset < 0 {
                        sqlite3_bind_null(insert, index)
                    } else {
                        sqlite3_bind_text(insert, index, base + Int(span.offset), span.length, nil)  // nil: SQLITE_STATIC
                    }
                }
                for (number, row) in rows.rows.enumerated() {
                    sqlite3_bind_int64(insert, 1, row.year)
                    text(2, row.county)
                    text(3, row.school)
                    sqlite3_bind_int64(insert, 4, terms.stage[number])
                    sqlite3_bind_int64(insert, 5, terms.field[number])
                    sqlite3_bind_double(insert, 6, row.value)
                    if terms.unit[number] < 0 { sqlite3_bind_null(insert, 7) } else { sqlite3_bind_int64(insert, 7, terms.unit[number]) }
                    sqlite3_bind_int64(insert, 8, sheetID)
                    text(9, row.cell)
                    if hasCurrent { sqlite3_bind_int64(insert, 10, row.current) }
                    let code = sqlite3_step(insert)
                    guard code == SQLITE_DONE else { throw db.failure(code, "INSERT INTO value_cells") }
                    sqlite3_reset(insert)
                }
            }
            try db.execute("DELETE FROM school_parts_paused; COMMIT")
        }

        var status = stat()
        let bytes = stat(database, &status) == 0 ? Int(status.st_size) : 0
        var walStatus = stat()
        let wal = stat(database + "-wal", &walStatus) == 0 ? Int(walStatus.st_size) : 0
        return Result(seconds: seconds, loadSeconds: loadSeconds, rows: rows.rows.count,
                      databaseBytes: bytes + wal, peakRSSBytes: peakRSSBytes())
    }

    /// A bare SQLite connection: the floor reaches the C API directly, not the warehouse's wrapper.
    final class Connection {
        let path: String
        let handle: OpaquePointer

        init(path: String) throws {
            self.path = path
            var handle: OpaquePointer?
            let code = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
            guard code == SQLITE_OK, let handle else {
                sqlite3_close_v2(handle)
                throw BenchError("\(path): cannot open (\(String(cString: sqlite3_errstr(code))))")
            }
            self.handle = handle
        }

        deinit { sqlite3_close_v2(handle) }

        func execute(_ sql: String) throws {
            var message: UnsafeMutablePointer<CChar>?
            let code = sqlite3_exec(handle, sql, nil, nil, &message)
            guard code == SQLITE_OK else {
                let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
                sqlite3_free(message)
                throw BenchError("\(path): \(text) (in \(sql.prefix(60)))")
            }
        }

        func prepare(_ sql: String) throws -> OpaquePointer {
            var statement: OpaquePointer?
            let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
            guard code == SQLITE_OK, let statement else { throw failure(code, sql) }
            return statement
        }

        /// The first column of the first row of a query: an integer.
        func integer(_ sql: String) throws -> Int64 {
            let statement = try prepare(sql)
            defer { sqlite3_finalize(statement) }
            guard sqlite3_step(statement) == SQLITE_ROW else { throw failure(sqlite3_errcode(handle), sql) }
            return sqlite3_column_int64(statement, 0)
        }

        func failure(_ code: Int32, _ what: String) -> BenchError {
            BenchError("\(path): \(what): \(String(cString: sqlite3_errmsg(handle))) (code \(code))")
        }
    }
}

/// The value rows of the TSV, parsed once: numbers as numbers, every text field NUL-terminated
/// in one byte arena and referred to by offset and length.
struct ValueRows {
    /// Each row's stage, field and unit as value_terms ids (-1: no unit), the terms added to the
    /// warehouse first.
    func termIDs(in db: FloorInsertCase.Connection) throws -> (stage: [Int64], field: [Int64], unit: [Int64]) {
        var known: [String: Int64] = [:]
        var stage: [Int64] = [], field: [Int64] = [], unit: [Int64] = []
        stage.reserveCapacity(rows.count)
        field.reserveCapacity(rows.count)
        unit.reserveCapacity(rows.count)
        try db.execute("BEGIN")
        func id(_ span: Span) throws -> Int64 {
            guard span.offset >= 0 else { return -1 }
            let text = String(decoding: arena[Int(span.offset)..<Int(span.offset + span.length)], as: UTF8.self)
            if let found = known[text] { return found }
            let escaped = text.replacingOccurrences(of: "'", with: "''")
            try db.execute("INSERT OR IGNORE INTO value_terms (term) VALUES ('\(escaped)')")
            let found = try db.integer("SELECT id FROM value_terms WHERE term = '\(escaped)'")
            known[text] = found
            return found
        }
        for row in rows {
            stage.append(try id(row.stage))
            field.append(try id(row.field))
            unit.append(try id(row.unit))
        }
        try db.execute("COMMIT")
        return (stage, field, unit)
    }

    struct Span {
        var offset: Int32
        var length: Int32
        static let null = Span(offset: -1, length: 0)
    }

    struct Row {
        var year: Int64
        var current: Int64
        var value: Double
        var county, school, stage, field, unit, cell: Span
    }

    var arena: [UInt8] = []
    var rows: [Row] = []
    /// Whether the TSV has the `current` column (the ninth).
    var hasCurrent = false

    init(tsv path: String) throws {
        let file = try BenchFile(path: path)
        var bytes = [UInt8](repeating: 0, count: file.size)
        let got = try bytes.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
        guard got == file.size else { throw BenchError("\(path): short read") }
        arena.reserveCapacity(file.size)

        var lineNumber = 0
        var start = 0
        var fields: [Range<Int>] = []
        fields.reserveCapacity(8)
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            defer { start = end + 1 }
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            if lineEnd == start { continue }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = start
            for i in start..<lineEnd where bytes[i] == UInt8(ascii: "\t") {
                fields.append(fieldStart..<i)
                fieldStart = i + 1
            }
            fields.append(fieldStart..<lineEnd)
            if lineNumber == 1 {
                let names = fields.map { String(decoding: bytes[$0], as: UTF8.self) }
                hasCurrent = names == FloorInsertCase.columns + [FloorInsertCase.currentColumn]
                guard hasCurrent || names == FloorInsertCase.columns else {
                    throw BenchError("\(path): the header is \(names.joined(separator: " ")), expected "
                        + "\(FloorInsertCase.columns.joined(separator: " ")) [current]")
                }
                continue
            }
            let expected = FloorInsertCase.columns.count + (hasCurrent ? 1 : 0)
            guard fields.count == expected else {
                throw BenchError("\(path) line \(lineNumber): \(fields.count) fields, expected \(expected)")
            }
            func number(_ range: Range<Int>) throws -> Double {
                let text = String(decoding: bytes[range], as: UTF8.self)
                guard let value = Double(text) else { throw BenchError("\(path) line \(lineNumber): '\(text)' is not a number") }
                return value
            }
            guard let year = Int64(String(decoding: bytes[fields[0]], as: UTF8.self)) else {
                throw BenchError("\(path) line \(lineNumber): the year is not an integer")
            }
            var current: Int64 = 1
            if hasCurrent {
                guard let flag = Int64(String(decoding: bytes[fields[8]], as: UTF8.self)) else {
                    throw BenchError("\(path) line \(lineNumber): current is not an integer")
                }
                current = flag
            }
            rows.append(Row(year: year, current: current, value: try number(fields[5]),
                            county: store(bytes, fields[1]), school: store(bytes, fields[2]), stage: store(bytes, fields[3]),
                            field: store(bytes, fields[4]), unit: store(bytes, fields[6]), cell: store(bytes, fields[7])))
        }
    }

    private mutating func store(_ bytes: [UInt8], _ range: Range<Int>) -> Span {
        if range.count == 2 && bytes[range.lowerBound] == UInt8(ascii: "\\") && bytes[range.lowerBound + 1] == UInt8(ascii: "N") {
            return .null
        }
        let span = Span(offset: Int32(arena.count), length: Int32(range.count))
        arena.append(contentsOf: bytes[range])
        arena.append(0)
        return span
    }
}
