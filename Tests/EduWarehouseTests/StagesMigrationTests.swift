@testable import EduWarehouse
import Foundation
import Testing

/// A warehouse written by the released schema (migrations 001–003) with data in it, opened by
/// this version: migration 004 runs in place and every loaded value, id and index is kept.
struct StagesMigrationTests {
    /// Applies only the released migrations, as eduetl did before 004, and fills the warehouse
    /// with rows a nine-year school's return leaves: parts, a whole-school figure, an overridden
    /// value, a conflict and an empty marker; ids with gaps, as superseded files leave them.
    static func releasedWarehouse() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-003-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("warehouse.sqlite").path
        let connection = try SQLiteConnection(path: path)
        try connection.execute(Warehouse.pragmas)
        try connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        for migration in Schema.migrations.prefix(3) {
            try connection.execute(migration.sql)
            try connection.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, '2024-11-01T00:00:00Z')").run([.text(migration.name)])
        }
        try connection.execute("""
            INSERT INTO ingest_runs (id, started_at, finished_at, status) VALUES (1, '2024-11-01T00:00:00Z', '2024-11-01T00:01:00Z', 'finished');
            INSERT INTO source_files (id, path, absolute_path, sha256, bytes, format, loaded_at, status, run_id)
            VALUES (1, '新华.csv', '/r/新华.csv', 'aa', 10, 'csv', '2024-11-01T00:00:00Z', 'loaded', 1),
                   (2, '新华补.csv', '/r/新华补.csv', 'bb', 10, 'csv', '2024-11-01T00:00:00Z', 'loaded', 1);
            INSERT INTO sheets (id, file_id, name, layout) VALUES (1, 1, '学校', 'table'), (2, 2, '学校', 'table');
            INSERT INTO schools (code, name, county_code, school_type) VALUES ('3603210301', '青石镇新华学校', '360321', '九年一贯制学校');
            INSERT INTO loaded_values (id, year, county_code, school_code, stage, field, value, unit, sheet_id, cell, current) VALUES
                (3, 2024, '360321', '3603210301', 'primary', 'students', 300, '人', 1, 'E3', 1),
                (4, 2024, '360321', '3603210301', 'junior', 'students', 200, '人', 1, 'E4', 1),
                (7, 2024, '360321', '3603210301', 'whole_school', 'books', 9000, '册', 1, 'F3', 0),
                (8, 2024, '360321', '3603210301', 'whole_school', 'books', 10000, '册', 2, 'F3', 1),
                (11, 2024, '360321', '3603210301', 'junior', 'computers', 30, '台', 1, 'G4', 1);
            INSERT INTO conflicts (run_id, year, school_code, stage, field, old_value, old_sheet_id, old_cell, new_value, new_sheet_id, new_cell)
            VALUES (1, 2024, '3603210301', 'whole_school', 'books', 9000, 1, 'F3', 10000, 2, 'F3');
            INSERT INTO empty_markers (sheet_id, year, school_code, stage, field, cell, written)
            VALUES (1, 2024, '3603210301', 'primary', 'computers', 'G3', '—');
            """)
        return path
    }

    static let everyRow = [
        "SELECT * FROM loaded_values ORDER BY id", "SELECT * FROM conflicts ORDER BY id", "SELECT * FROM empty_markers",
        "SELECT * FROM source_files ORDER BY id", "SELECT * FROM sheets ORDER BY id",
        "SELECT code, name, county_code, township, school_type, urban_rural, updated_by_file FROM schools ORDER BY code",
    ]

    @Test func aReleasedWarehouseMigratesInPlaceWithItsValues() throws {
        let path = try Self.releasedWarehouse()
        let before = try Self.everyRow.map { try HandMadeLoads.dump($0, in: SQLiteConnection(path: path)) }
        #expect(before.first?.count == 5)

        let warehouse = try Warehouse(path: path)
        #expect(try Self.everyRow.map { try HandMadeLoads.dump($0, in: warehouse.connection) } == before)
        let applied = try HandMadeLoads.dump("SELECT name FROM schema_migrations ORDER BY name", in: warehouse.connection)
        #expect(applied == [["t001-warehouse"], ["t002-balance"], ["t003-pipeline-runs"], ["t004-stages-and-schools"], ["t005-run-files"],
                            ["t006-judged-balance"], ["t007-audit"], ["t008-breakdowns"], ["t009-county-names"], ["t010-school-parts"],
                            ["t011-audit-by-county"], ["t012-balance-by-county"],
                            ["t013-balance-trend"], ["t014-county-overview"],
                            ["t015-compact-values"]])
        #expect(try HandMadeLoads.dump("PRAGMA integrity_check", in: warehouse.connection) == [["tok"]])
        #expect(try HandMadeLoads.dump("PRAGMA foreign_key_check", in: warehouse.connection).isEmpty)
        // No scratch table is left behind, in main or temp.
        #expect(try HandMadeLoads.dump("SELECT name FROM sqlite_temp_master", in: warehouse.connection).isEmpty)
        #expect(try HandMadeLoads.dump("SELECT name FROM sqlite_master WHERE name LIKE '%migrating%'", in: warehouse.connection).isEmpty)

        // The indexes, the partial unique one included.
        // (The county index came with 011, for one county's findings; loaded_values is a view over value_cells since 015.)
        let indexes = try HandMadeLoads.dump("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'value_cells' ORDER BY name",
                                             in: warehouse.connection)
        #expect(indexes.map(\.first) == ["tvalue_cells_county", "tvalue_cells_key", "tvalue_cells_overridden", "tvalue_cells_sheet"])
        let key = indexes.first { $0.first == "tvalue_cells_key" }
        #expect(key?.last?.contains("UNIQUE INDEX") == true && key?.last?.contains("WHERE current = 1") == true)
        #expect(throws: WarehouseError.self) {
            try warehouse.connection.execute("""
                INSERT INTO loaded_values (year, county_code, school_code, stage, field, value, sheet_id, cell)
                VALUES (2024, '360321', '3603210301', 'primary', 'students', 301, 1, 'E9')
                """)
        }

        // The shares as before: 10,000 books over 300 + 200 pupils; the junior part's own computers.
        #expect(try HandMadeLoads.schoolValues("3603210301", in: warehouse) == [
            "primary|students": 300, "primary|books": 6_000, "junior|students": 200, "junior|books": 4_000, "junior|computers": 30,
        ])

        // The stage CHECK now takes senior and preschool, and still refuses a made-up stage.
        try warehouse.connection.execute("""
            INSERT INTO loaded_values (year, county_code, school_code, stage, field, value, sheet_id, cell)
            VALUES (2024, '360321', '3603210301', 'senior', 'students', 500, 2, 'E5'),
                   (2024, '360321', '3603210302', 'preschool', 'students', 60, 2, 'E6')
            """)
        #expect(throws: WarehouseError.self) {
            try warehouse.connection.execute("""
                INSERT INTO loaded_values (year, county_code, school_code, stage, field, value, sheet_id, cell)
                VALUES (2024, '360321', '3603210301', 'upper_secondary', 'students', 1, 2, 'E7')
                """)
        }
        // New values take ids after the kept ones; the shares now include the senior part.
        #expect(try warehouse.connection.prepare("SELECT min(id) FROM loaded_values WHERE stage = 'senior'").rows().first?.first?.int == 12)
        let shares = try HandMadeLoads.schoolValues("3603210301", in: warehouse)
        #expect(shares["senior|books"] == 5_000 && shares["primary|books"] == 3_000 && shares["junior|books"] == 2_000)

        // Every view still answers, and the migrated warehouse loads returns with the new columns.
        for view in try HandMadeLoads.dump("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name", in: warehouse.connection) {
            let name = try #require(view.first?.dropFirst())
            _ = try warehouse.connection.prepare("SELECT * FROM \(name) LIMIT 1").rows()
        }
        try HandMadeLoads.load([
            HandMadeLoads.Part(code: "3603210301", name: "青石镇新华学校", type: "九年一贯制学校", stage: .primary, values: ["classes": 6],
                               identity: ["ownership": "831县级教育部门", "address": "青石镇新华路1号"]),
        ], as: "新华2.csv", into: warehouse)
        #expect(try HandMadeLoads.dump("SELECT ownership, sponsor, address FROM schools", in: warehouse.connection)
            == [["tpublic", "t831县级教育部门", "t青石镇新华路1号"]])

        // Opened again, nothing is migrated twice.
        _ = try Warehouse(path: path)
        #expect(try HandMadeLoads.dump("SELECT count(*) FROM schema_migrations", in: SQLiteConnection(path: path)) == [["i15"]])
    }
}
