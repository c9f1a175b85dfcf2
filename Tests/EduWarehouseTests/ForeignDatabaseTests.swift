@testable import EduWarehouse
import Foundation
import Testing

/// Another application's SQLite file passed as --db is refused untouched: read-only, before any
/// switch to WAL, so its bytes, modification time and journal mode stay and no -wal or -shm file
/// appears beside it.
struct ForeignDatabaseTests {
    /// A database in the default rollback journal (DELETE) mode, made with Python's sqlite3 as
    /// another application would make it (not through eduetl's own connection code).
    static func foreignDatabase(in folder: URL) throws -> URL {
        let path = folder.appendingPathComponent("inventory.sqlite")
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)")
            c.executemany("INSERT INTO items (name) VALUES (?)", [("desk",), ("chair",)])
            c.commit()
            assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            c.close()
            """, path.path]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "python3 could not make the foreign database")
        return path
    }

    @Test func aForeignDatabaseIsRefusedUntouched() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.foreignDatabase(in: folder)
        // An older modification time, so a write within the same second would still show.
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path.path)
        let bytes = try Data(contentsOf: path)
        let listing = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        // Bytes 18 and 19 of the header: 1 for a rollback journal, 2 for WAL.
        #expect(bytes[18] == 1 && bytes[19] == 1)

        do {
            _ = try Warehouse(path: path.path)
            Issue.record("the foreign database was opened as a warehouse")
        } catch {
            guard case .notAWarehouse(let detail) = error.reason else {
                Issue.record("refused for another reason: \(error)")
                return
            }
            #expect(detail.contains("items"))
            #expect(error.description.contains(path.path) && error.description.contains("pass another --db"))
        }

        #expect(try Data(contentsOf: path) == bytes)
        let modified = try FileManager.default.attributesOfItem(atPath: path.path)[.modificationDate] as? Date
        #expect(modified == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == listing)
        #expect(!FileManager.default.fileExists(atPath: path.path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path.path + "-shm"))
    }

    @Test func anEmptyFileBecomesAWarehouse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let warehouse = try Warehouse(path: path)
        #expect(try HandMadeLoads.dump("PRAGMA journal_mode", in: warehouse.connection) == [["twal"]])
        #expect(try HandMadeLoads.dump("SELECT count(*) FROM schema_migrations", in: warehouse.connection) == [["i\(Schema.migrations.count)"]])
    }
}
