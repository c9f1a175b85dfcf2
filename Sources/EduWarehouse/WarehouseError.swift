/// The warehouse could not be opened or written, with the database path and what to do.
public struct WarehouseError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Sendable, Equatable {
        case cannotOpen(String)
        case sqlite(code: Int32, message: String, sql: String)
        case notAWarehouse(String)
        case newerSchema(Int)
        /// A column that is never NULL when eduetl writes it was NULL (the file was edited by hand).
        case missingValue(column: String, sql: String)
        /// A column holds a value eduetl never writes there (a stage, a standard, a status).
        case unexpectedValue(column: String, value: String)
    }

    public var reason: Reason
    public var database: String

    public init(_ reason: Reason, database: String) {
        self.reason = reason
        self.database = database
    }

    /// The warehouse itself failing (read-only, full, damaged, locked): no later file can load
    /// either, so the batch stops rather than rejecting every file for the same reason.
    public var stopsTheBatch: Bool {
        guard case .sqlite(let code, _, _) = reason else { return true }
        // SQLITE_BUSY 5, LOCKED 6, NOMEM 7, READONLY 8, IOERR 10, CORRUPT 11, FULL 13, CANTOPEN 14, NOTADB 26
        return [5, 6, 7, 8, 10, 11, 13, 14, 26].contains(code & 0xFF)
    }

    public var description: String {
        switch reason {
        case .cannotOpen(let message):
            return "\(database): cannot open the warehouse (\(message)); check that the folder exists and is writable, or pass another --db."
        case .sqlite(let code, let message, _):
            if code & 0xFF == 8 {  // SQLITE_READONLY
                return "\(database): the warehouse is read-only (\(message)); check the file's and folder's permissions, or pass another --db."
            }
            if code & 0xFF == 26 || code & 0xFF == 11 {  // SQLITE_NOTADB, SQLITE_CORRUPT
                return "\(database): this file is not a usable SQLite database (\(message)); pass another --db, or restore it from a backup."
            }
            return "\(database): SQLite failed: \(message)."
        case .notAWarehouse(let detail):
            return "\(database): this SQLite database is not an eduetl warehouse (\(detail)); pass another --db."
        case .newerSchema(let version):
            return "\(database): the warehouse was written by a newer eduetl (schema \(version)); use that version."
        case .missingValue(let column, _):
            return "\(database): a row has no \(column), which eduetl always writes; the warehouse was changed by hand: "
                + "restore it from a backup, or ingest the returns into a new one."
        case .unexpectedValue(let column, let value):
            return "\(database): a row's \(column) is '\(value)', which eduetl never writes; the warehouse was changed by hand "
                + "or by a newer eduetl: restore it from a backup, or use that version."
        }
    }
}
