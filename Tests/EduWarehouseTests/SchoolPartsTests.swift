import EduIngest
import Foundation
@testable import EduWarehouse
import Testing

/// school_shares and school_parts, kept school by school by every load (migrations 010 and 012), against
/// the same figures computed from scratch, and the views that read them against the views as 004
/// and 006 computed them from loaded_values, through loads that override, supersede and share out.
struct SchoolPartsTests {
    /// A folder of returns, loaded in steps into one warehouse.
    final class Loads {
        let folder: URL
        let warehouse: Warehouse

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-parts-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            warehouse = try Warehouse(path: folder.appendingPathComponent("warehouse.sqlite").path)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func load(_ name: String, _ lines: [String], county: String = "360321") throws {
            let file = folder.appendingPathComponent(name)
            try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: file)
            let options = Ingest.Options(inputs: [IngestInput(path: file.path)], county: county)
            let summary = try Ingest(options: options, catalogue: BalanceViewTests.catalogue, standards: JudgedBalanceTests.standards,
                                     warehouse: warehouse).run()
            #expect(summary.counts.filesRejected == 0 && summary.counts.rejects == 0)
        }
    }

    static let figureColumns = "year, county_code, school_code, stage, indicator, value, value_id"
    static let valueColumns = "year, county_code, township, school_code, school_name, stage, indicator, value, unit, source_file, sheet, cell"

    /// The kept tables equal the figures computed from scratch, and the views equal 004's and 006's.
    static func expectKeptRight(_ warehouse: Warehouse, _ moment: String) throws {
        let connection = warehouse.connection
        let partColumns = "year, county_code, school_code, stage, " + Schema.partColumns.joined(separator: ", ")
        let kept = try HandMadeLoads.dump("SELECT \(figureColumns) FROM school_shares ORDER BY \(figureColumns)", in: connection)
        let scratch = try HandMadeLoads.dump("SELECT * FROM (\(Schema.schoolSharesSelect(.all))) ORDER BY 1, 2, 3, 4, 5, 6, 7",
                                             in: connection)
        #expect(kept == scratch, "\(moment): school_shares")
        let keptParts = try HandMadeLoads.dump("SELECT \(partColumns) FROM school_parts ORDER BY \(partColumns)", in: connection)
        let scratchParts = try HandMadeLoads.dump("""
            SELECT * FROM (\(Schema.schoolPartsFromSharesSelect(.all).replacingOccurrences(of: "FROM school_shares",
                                                                                                 with: "FROM scratch_shares")))
            ORDER BY \((1...(4 + Schema.partColumns.count)).map(String.init).joined(separator: ", "))
            """, in: try Self.withScratchShares(connection))
        #expect(keptParts == scratchParts, "\(moment): school_parts")
        // And as 010 gathered them, from every figure of school_values.
        let figuresParts = try HandMadeLoads.dump("""
            SELECT * FROM (\(Schema.schoolPartsSelect(.all).replacingOccurrences(of: "FROM school_figures", with: "FROM scratch_figures")))
            ORDER BY \((1...(4 + Schema.partColumns.count)).map(String.init).joined(separator: ", "))
            """, in: try Self.withScratchFigures(connection))
        #expect(keptParts == figuresParts, "\(moment): school_parts as 010 gathered them")

        // The views against 004's school_values and 006's school_indicators, computed from loaded_values.
        try connection.execute("DROP VIEW IF EXISTS temp.old_school_values; DROP VIEW IF EXISTS temp.old_school_indicators;")
        try connection.execute(Schema.schoolValuesView.replacingOccurrences(of: "CREATE VIEW school_values", with: "CREATE TEMP VIEW old_school_values"))
        try connection.execute(Schema.judgedSchoolIndicators
            .replacingOccurrences(of: "CREATE VIEW school_indicators", with: "CREATE TEMP VIEW old_school_indicators")
            .replacingOccurrences(of: "FROM school_values", with: "FROM old_school_values"))
        let values = try HandMadeLoads.dump("SELECT \(valueColumns) FROM school_values ORDER BY \(valueColumns)", in: connection)
        let oldValues = try HandMadeLoads.dump("SELECT \(valueColumns) FROM old_school_values ORDER BY \(valueColumns)", in: connection)
        #expect(values == oldValues, "\(moment): school_values")
        let indicators = try HandMadeLoads.dump("SELECT * FROM school_indicators ORDER BY year, county_code, school_code, stage", in: connection)
        let oldIndicators = try HandMadeLoads.dump("SELECT * FROM old_school_indicators ORDER BY year, county_code, school_code, stage",
                                                   in: connection)
        #expect(indicators == oldIndicators, "\(moment): school_indicators")
        #expect(!indicators.isEmpty)
    }

    /// school_shares from scratch, as a temp table the parts' query can read.
    static func withScratchShares(_ connection: SQLiteConnection) throws -> SQLiteConnection {
        try connection.execute("""
            DROP TABLE IF EXISTS temp.scratch_shares;
            CREATE TEMP TABLE scratch_shares (year, county_code, school_code, stage, indicator, value, value_id);
            INSERT INTO temp.scratch_shares \(Schema.schoolSharesSelect(.all));
            """)
        return connection
    }

    /// 010's school_figures from scratch, as a temp table its parts' query can read.
    static func withScratchFigures(_ connection: SQLiteConnection) throws -> SQLiteConnection {
        try connection.execute("""
            DROP TABLE IF EXISTS temp.scratch_figures;
            CREATE TEMP TABLE scratch_figures (year, county_code, school_code, stage, indicator, value, value_id);
            INSERT INTO temp.scratch_figures \(Schema.schoolFiguresSelect(.all));
            """)
        return connection
    }

    static let header = "学校标识码,学校名称,学段,统计年度,在校学生数,班级数,专任教师数,教学及辅助用房面积,图书册数,计算机台数"

    @Test func keptFiguresFollowOverridesSupersedesAndSharing() throws {
        let loads = try Loads()
        // A nine-year school with whole-school area and books shared by its parts, a primary school,
        // a school whose only figures are the whole school's (no part with pupils), two years.
        try loads.load("a.csv", [
            Self.header,
            "3603219701,甲学校,小学,2024,600,12,36,,,",
            "3603219701,甲学校,初中,2024,300,6,24,,,",
            "3603219701,甲学校,全校,2024,,,,5400,27000,120",
            "3603219702,乙小学,小学,2024,400,10,25,2400,12000,60",
            "3603219703,丙特校,全校,2024,,,12,900,3000,20",
            "3603219702,乙小学,小学,2023,380,10,24,2400,11000,55",
        ])
        try Self.expectKeptRight(loads.warehouse, "first load")
        let shared = try HandMadeLoads.schoolValues("3603219701", in: loads.warehouse)
        #expect(shared["primary|books"] == 18_000 && shared["junior|books"] == 9_000, "\(shared)")
        #expect(try HandMadeLoads.schoolValues("3603219703", in: loads.warehouse)["whole_school|books"] == 3_000)
        // Another file overrides 乙's pupils and gives 甲's junior part its own books.
        try loads.load("b.csv", [
            Self.header,
            "3603219702,乙小学,小学,2024,420,10,25,,,",
            "3603219701,甲学校,初中,2024,300,6,24,,9000,",
        ])
        try Self.expectKeptRight(loads.warehouse, "an override")
        // A new version of a.csv: 甲's parts change (its primary pupils now 500), 丙 is gone,
        // 乙's 2023 row is gone: b.csv's override of 乙 stays.
        try loads.load("a.csv", [
            Self.header,
            "3603219701,甲学校,小学,2024,500,12,36,,,",
            "3603219701,甲学校,初中,2024,300,6,24,,,",
            "3603219701,甲学校,全校,2024,,,,5400,27000,120",
            "3603219702,乙小学,小学,2024,400,10,25,2400,12000,60",
        ])
        try Self.expectKeptRight(loads.warehouse, "a supersede")
        let rows = try HandMadeLoads.dump("SELECT count(*) FROM school_shares WHERE school_code = '3603219703'", in: loads.warehouse.connection)
        #expect(rows == [["i0"]], "丙's figures left with the superseded version")
        // b.csv superseded by a version without 甲: 甲's junior books are shared out again.
        try loads.load("b.csv", [Self.header, "3603219702,乙小学,小学,2024,420,10,25,,,"])
        try Self.expectKeptRight(loads.warehouse, "the override's file superseded")
    }

    /// Edits by hand in the sqlite3 shell (a figure corrected, a value deleted, one added, a value
    /// made current again) are followed by the triggers; a load leaves them working again.
    @Test func handEditsAreFollowed() throws {
        let loads = try Loads()
        try loads.load("a.csv", [
            Self.header,
            "3603219701,甲学校,小学,2024,600,12,36,,,",
            "3603219701,甲学校,初中,2024,300,6,24,,,",
            "3603219701,甲学校,全校,2024,,,,5400,27000,120",
            "3603219702,乙小学,小学,2024,400,10,25,2400,12000,60",
        ])
        let connection = loads.warehouse.connection
        #expect(try HandMadeLoads.dump("SELECT count(*) FROM school_parts_paused", in: connection) == [["i0"]])
        try connection.execute("UPDATE loaded_values SET value = 450 WHERE school_code = '3603219701' AND stage = 'primary' AND field = 'students'")
        try Self.expectKeptRight(loads.warehouse, "a pupils' figure corrected")
        #expect(try HandMadeLoads.schoolValues("3603219701", in: loads.warehouse)["primary|books"] == 27_000 * 450 / 750)
        try connection.execute("DELETE FROM loaded_values WHERE school_code = '3603219701' AND stage = 'junior' AND field = 'students'")
        try Self.expectKeptRight(loads.warehouse, "a part's pupils deleted")
        try connection.execute("""
            INSERT INTO loaded_values (year, county_code, school_code, stage, field, value, unit, sheet_id, cell)
            VALUES (2024, '360321', '3603219702', 'primary', 'multimedia_classrooms', 9, '间', 1, 'Z5')
            """)
        try Self.expectKeptRight(loads.warehouse, "a value added")
        try loads.load("b.csv", [Self.header, "3603219702,乙小学,小学,2024,410,10,25,,,"])
        try connection.execute("UPDATE loaded_values SET current = 0 WHERE sheet_id = (SELECT max(id) FROM sheets)")
        try connection.execute("""
            UPDATE loaded_values SET current = 1 WHERE school_code = '3603219702' AND field = 'students' AND sheet_id = 1
            """)
        try Self.expectKeptRight(loads.warehouse, "an override undone by hand")
    }

    /// The sample county and district, loaded as the demo loads them.
    @Test func theSamplesKeptFiguresAreTheViewsOfOld() throws {
        let warehouse = try BalanceViewTests.ingestSamples()
        try Self.expectKeptRight(warehouse, "the samples")
    }
}
