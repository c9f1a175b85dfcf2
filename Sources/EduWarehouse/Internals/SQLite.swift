import CEduSQLite

/// The one place this module calls SQLite's C API: a connection that owns its handle and a
/// prepared statement that owns its own, each closed in deinit; every return code turned into
/// an error carrying SQLite's message.
final class SQLiteConnection {
    let path: String
    private(set) var handle: OpaquePointer?

    /// Process-wide settings, before the first connection initialises SQLite.
    static let configured: Bool = eduetl_sqlite_disable_memstatus() == SQLITE_OK
    static func configureOnce() { _ = configured }

    init(path: String, readOnly: Bool = false) throws(WarehouseError) {
        self.path = path
        var handle: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let code = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        if code != SQLITE_OK {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(handle)
            throw WarehouseError(.cannotOpen(message), database: path)
        }
        self.handle = handle
        sqlite3_busy_timeout(handle, 10_000)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    func execute(_ sql: String) throws(WarehouseError) {
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        if code != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(error)
            throw WarehouseError(.sqlite(code: code, message: message, sql: sql), database: path)
        }
    }

    func prepare(_ sql: String) throws(WarehouseError) -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    var lastInsertID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }

    func failure(_ code: Int32, sql: String) -> WarehouseError {
        WarehouseError(.sqlite(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql), database: path)
    }

    /// Runs `body` in a transaction (BEGIN IMMEDIATE: the write lock is taken at once), committed
    /// when it returns and rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}

final class SQLiteStatement {
    let sql: String
    private let connection: SQLiteConnection
    private var handle: OpaquePointer?

    init(connection: SQLiteConnection, sql: String) throws(WarehouseError) {
        self.connection = connection
        self.sql = sql
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK else { throw connection.failure(code, sql: sql) }
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// A value to bind: the Swift types the warehouse stores.
    enum Value {
        case int(Int64)
        case double(Double)
        case text(String)
        case null
    }

    func bind(_ values: [Value]) throws(WarehouseError) {
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    func bind(_ value: Value, at index: Int32) throws(WarehouseError) {
        let code: Int32
        switch value {
        case .int(let number): code = sqlite3_bind_int64(handle, index, number)
        case .double(let number): code = sqlite3_bind_double(handle, index, number)
        case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, eduetl_sqlite_transient())
        case .null: code = sqlite3_bind_null(handle, index)
        }
        guard code == SQLITE_OK else { throw connection.failure(code, sql: sql) }
    }

    // The hot path (one row per loaded value) binds in place, without building an array.

    func reset() { sqlite3_reset(handle) }

    func bindInt(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

    func bindDouble(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }

    func bindText(_ index: Int32, _ value: String) { sqlite3_bind_text(handle, index, value, -1, eduetl_sqlite_transient()) }

    /// Steps a bound statement to completion and resets it; SQLITE_CONSTRAINT is returned,
    /// not thrown, when `allowingConstraint`.
    @discardableResult
    func step(allowingConstraint: Bool = false) throws(WarehouseError) -> Int32 {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        if code == SQLITE_DONE || code == SQLITE_ROW { return SQLITE_DONE }
        if allowingConstraint, code & 0xFF == SQLITE_CONSTRAINT { return SQLITE_CONSTRAINT }
        throw connection.failure(code, sql: sql)
    }

    /// Binds and steps to completion; returns SQLite's result code (SQLITE_DONE, or a
    /// constraint code when `allowingConstraint`).
    @discardableResult
    func run(_ values: [Value], allowingConstraint: Bool = false) throws(WarehouseError) -> Int32 {
        try bind(values)
        return try step(allowingConstraint: allowingConstraint)
    }

    /// Every row the statement returns, each as its columns, read by name.
    func rows(_ values: [Value] = []) throws(WarehouseError) -> [SQLiteRow] {
        try bind(values)
        let columns = columnIndex()
        var rows: [SQLiteRow] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                sqlite3_reset(handle)
                throw connection.failure(code, sql: sql)
            }
            rows.append(SQLiteRow(values: (0..<sqlite3_column_count(handle)).map(column), columns: columns, sql: sql))
        }
        sqlite3_reset(handle)
        return rows
    }

    /// The statement's column names → positions (a name given twice keeps its first).
    private func columnIndex() -> [String: Int] {
        var index: [String: Int] = [:]
        for position in 0..<sqlite3_column_count(handle) {
            guard let name = sqlite3_column_name(handle, position) else { continue }
            let key = String(cString: name)
            if index[key] == nil { index[key] = Int(position) }
        }
        return index
    }

    private func column(_ index: Int32) -> Value {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(handle, index))
        case SQLITE_NULL: return .null
        default: return .text(String(cString: sqlite3_column_text(handle, index)))
        }
    }
}

extension SQLiteStatement.Value {
    var int: Int64? { if case .int(let value) = self { return value } else { return nil } }
    var double: Double? {
        switch self {
        case .double(let value): return value
        case .int(let value): return Double(value)
        default: return nil
        }
    }
    var text: String? { if case .text(let value) = self { return value } else { return nil } }

    static func optional(_ text: String?) -> Self { text.map { .text($0) } ?? .null }
    static func optional(_ number: Double?) -> Self { number.map { .double($0) } ?? .null }
}
