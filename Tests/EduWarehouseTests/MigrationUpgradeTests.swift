@testable import EduWarehouse
import Foundation
import Testing

/// A warehouse made by each earlier release (migrations 001 only, 001–002, 001–003, 001–004),
/// with the rows that release could hold, opened by this version: the missing migrations run in
/// place, every row is kept and every view answers.
struct MigrationUpgradeTests {
    /// Rows each release's schema accepts, added as the releases add tables.
    static let rows: [String] = [
        """
        INSERT INTO ingest_runs (id, started_at, finished_at, status, pid, command)
        VALUES (1, '2024-11-01T00:00:00Z', '2024-11-01T00:01:00Z', 'finished', 1, 'eduetl ingest');
        INSERT INTO source_files (id, path, absolute_path, sha256, bytes, format, loaded_at, status, run_id)
        VALUES (1, '新华.csv', '/r/新华.csv', 'aa', 10, 'csv', '2024-11-01T00:00:00Z', 'loaded', 1);
        INSERT INTO sheets (id, file_id, name, layout) VALUES (1, 1, '学校', 'table');
        INSERT INTO counties (code, name) VALUES ('360321', '青石县');
        INSERT INTO fields (id, name, kind, unit) VALUES ('students', '在校生数', 'count', '人'), ('books', '图书', 'count', '册');
        INSERT INTO schools (code, name, county_code, school_type) VALUES ('3603210301', '青石镇新华学校', '360321', '九年一贯制学校');
        INSERT INTO loaded_values (id, year, county_code, school_code, stage, field, value, unit, sheet_id, cell) VALUES
            (1, 2024, '360321', '3603210301', 'primary', 'students', 300, '人', 1, 'E3'),
            (2, 2024, '360321', '3603210301', 'junior', 'students', 200, '人', 1, 'E4'),
            (3, 2024, '360321', '3603210301', 'whole_school', 'books', 10000, '册', 1, 'F3');
        """,
        """
        INSERT INTO county_values (year, county_code, indicator, value, unit, sheet_id, cell)
        VALUES (2024, '360321', 'preschool_gross_rate', 0.92, NULL, 1, 'C5');
        """,
        """
        INSERT INTO pipeline_runs (pipeline, file, slot, started_at, finished_at, status, ingest_run_id)
        VALUES ('annual', 'Pipelines/annual-returns.yml', '2024-11-01T00:00:00Z', '2024-11-01T00:00:00Z', '2024-11-01T00:01:00Z', 'finished', 1);
        """,
        """
        UPDATE schools SET ownership = 'public', sponsor = '831县级教育部门', address = '青石镇新华路1号';
        INSERT INTO loaded_values (id, year, county_code, school_code, stage, field, value, unit, sheet_id, cell)
        VALUES (4, 2024, '360321', '3603210301', 'senior', 'students', 100, '人', 1, 'E5');
        """,
    ]

    /// A warehouse as the release with the first `count` migrations left it, with its rows.
    static func earlierWarehouse(migrations count: Int) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-upgrade-\(count)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("warehouse.sqlite").path
        let connection = try SQLiteConnection(path: path)
        try connection.execute(Warehouse.pragmas)
        try connection.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        for migration in Schema.migrations.prefix(count) {
            try connection.execute(migration.sql)
            try connection.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, '2024-11-01T00:00:00Z')").run([.text(migration.name)])
        }
        for rows in rows.prefix(count) { try connection.execute(rows) }
        return path
    }

    /// Every table's rows, in one order, each column as text.
    static func tables(_ connection: SQLiteConnection) throws -> [String: [[String]]] {
        let names = try HandMadeLoads.dump("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations'", in: connection)
            .compactMap { $0.first.map { String($0.dropFirst()) } }
        var dump: [String: [[String]]] = [:]
        for name in names { dump[name] = try HandMadeLoads.dump("SELECT * FROM \(name) ORDER BY rowid", in: connection) }
        // loaded_values is a view over value_cells since migration 015: its rows, as they were.
        if dump["loaded_values"] == nil {
            dump["loaded_values"] = try HandMadeLoads.dump("SELECT * FROM loaded_values ORDER BY id", in: connection)
        }
        return dump
    }

    @Test(arguments: 1...4)
    func anEarlierWarehouseUpgradesKeepingEveryValue(migrations count: Int) throws {
        let path = try Self.earlierWarehouse(migrations: count)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let before = try Self.tables(SQLiteConnection(path: path))
        #expect(before["loaded_values"]?.count == (count >= 4 ? 4 : 3))

        let warehouse = try Warehouse(path: path)
        let applied = try HandMadeLoads.dump("SELECT name FROM schema_migrations ORDER BY name", in: warehouse.connection)
        #expect(applied == Schema.migrations.map { ["t" + $0.name] })
        #expect(try HandMadeLoads.dump("PRAGMA integrity_check", in: warehouse.connection) == [["tok"]])
        #expect(try HandMadeLoads.dump("PRAGMA foreign_key_check", in: warehouse.connection).isEmpty)

        // Every row of every earlier table is kept, column for column (later columns NULL).
        let after = try Self.tables(warehouse.connection)
        for (table, rows) in before {
            let kept = after[table]?.map { Array($0.prefix(rows.first?.count ?? 0)) }
            #expect(kept == rows, "\(table)")
        }
        #expect(try HandMadeLoads.dump("SELECT count(*), sum(value) FROM loaded_values", in: warehouse.connection)
                == [count >= 4 ? ["i4", "d10600.0"] : ["i3", "d10500.0"]])

        // Every view answers, and the school's values come out shared as before.
        let views = try HandMadeLoads.dump("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name", in: warehouse.connection)
            .compactMap { $0.first.map { String($0.dropFirst()) } }
        #expect(views.count >= 9)
        for view in views {
            #expect(throws: Never.self, "\(view)") { _ = try warehouse.connection.prepare("SELECT * FROM \(view)").rows() }
        }
        let values = try HandMadeLoads.schoolValues("3603210301", in: warehouse)
        #expect(values["primary|students"] == 300 && values["junior|students"] == 200)
        #expect(values["primary|books"] == (count >= 4 ? 5_000 : 6_000))

        // The new tables work on the upgraded warehouse: a run starts and records its files.
        let run = try warehouse.startRun(command: "eduetl ingest")
        try warehouse.recordRunFiles(run, [(0, "a.csv", .reading)])
        #expect(try HandMadeLoads.dump("SELECT path, state FROM run_files", in: warehouse.connection) == [["ta.csv", "treading"]])
    }
}
