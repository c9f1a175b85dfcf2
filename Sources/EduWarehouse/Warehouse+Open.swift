import CEduSQLite
import Foundation

/// Opening a warehouse: another application's database is refused before anything is written to
/// it, the switch to WAL waits for a concurrent opener, and migrations are read and applied under
/// the write lock, so two processes opening a new warehouse at once both succeed.
extension Warehouse {
    /// Refuses a database that is neither empty nor an eduetl warehouse, looking at it read-only:
    /// its bytes, its journal mode and its folder (no -wal or -shm file) stay as they were.
    static func refuseForeignDatabase(path: String) throws(WarehouseError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let probe = try SQLiteConnection(path: path, readOnly: true)
        try refuseIfForeign(probe)
    }

    /// Throws `notAWarehouse` when the database has tables and no `schema_migrations`.
    static func refuseIfForeign(_ connection: SQLiteConnection) throws(WarehouseError) {
        let tables = try connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").rows().compactMap { $0.first?.text }
        if !tables.isEmpty, !tables.contains(Schema.markerTable) {
            throw WarehouseError(.notAWarehouse("it has tables \(tables.prefix(5).joined(separator: ", ")) and no schema_migrations"),
                                 database: connection.path)
        }
    }

    /// Switches the database to WAL. Changing the journal mode needs the database to itself, and
    /// SQLite does not wait for it (no busy handler): a process opening the same new warehouse at
    /// the same moment gets SQLITE_BUSY, so the switch is retried for up to `timeout` seconds.
    static func switchToWAL(_ connection: SQLiteConnection, timeout: TimeInterval = 10) throws(WarehouseError) {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            do throws(WarehouseError) {
                let mode = try connection.prepare("PRAGMA journal_mode = WAL").rows().first?.first?.text
                if mode?.lowercased() == "wal" { return }
                throw WarehouseError(.cannotOpen("the journal mode stayed \(mode ?? "unknown") instead of WAL"), database: connection.path)
            } catch where error.isBusy && Date() < deadline {
                // Another connection holds the database: wait and try again.
            }
            usleep(20_000)
        }
    }

    /// Applies the migrations not yet applied. A warehouse with every migration applied is only
    /// read; otherwise the write lock is taken first (BEGIN IMMEDIATE) and what is applied is
    /// read again under it, so a concurrent opener's migrations are never run twice.
    func migrate() throws {
        if try !pendingMigrations(creatingMarker: false).isEmpty {
            try connection.transaction {
                for migration in try pendingMigrations(creatingMarker: true) {
                    try connection.execute(migration.sql)
                    try connection.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)")
                        .run([.text(migration.name), .text(Self.now())])
                }
            }
        }
    }

    /// The known migrations this warehouse lacks; it must be empty or a warehouse, and not one
    /// written by a newer eduetl.
    private func pendingMigrations(creatingMarker: Bool) throws(WarehouseError) -> [(name: String, sql: String)] {
        try Self.refuseIfForeign(connection)
        let hasMarker = try !connection.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
            .rows([.text(Schema.markerTable)]).isEmpty
        if !hasMarker {
            guard creatingMarker else { return Schema.migrations }
            try connection.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        }
        let applied = Set(try connection.prepare("SELECT name FROM schema_migrations").rows().compactMap { $0.first?.text })
        let known = Set(Schema.migrations.map(\.name))
        if let unknown = applied.subtracting(known).sorted().last {
            throw WarehouseError(.newerSchema(applied.count), database: path + " (migration \(unknown))")
        }
        return Schema.migrations.filter { !applied.contains($0.name) }
    }
}

extension WarehouseError {
    /// SQLITE_BUSY or SQLITE_LOCKED: another connection holds what this one needs.
    var isBusy: Bool {
        guard case .sqlite(let code, _, _) = reason else { return false }
        return code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED
    }
}
