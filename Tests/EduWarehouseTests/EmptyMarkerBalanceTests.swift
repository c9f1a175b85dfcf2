import EduIngest
import EduNormalise
@testable import EduWarehouse
import Foundation
import Testing

/// Issue 13, point 1, end to end (a CSV return read, normalised and loaded; the figures read back
/// from county_balance): a school whose 县级以上骨干教师数 is 无 left the backbone CV, which fell from
/// 0.6345 (fails the primary quality limit of 0.50) to 0.4497 (passes). Under `empty_markers: zero`
/// 无 is 0 and the school counts; under `missing` it leaves the CV, as before the issue.
///
/// The return (figures computed independently by Scripts/fixtures/marker_cv_figures.py, exact
/// fractions), X = 100 × backbone / students:
///
///     school            students  backbone  X
///     城关第一小学          420        12     2.857143
///     城关第二小学          380        10     2.631579
///     河西小学              510         5     0.980392
///     东山小学              250        10     4.000000
///     南岭小学              260        无     0 (zero) / left out (missing)
///
/// zero:    ΣP = 1820, X̄ = 3700/1820 = 2.032967, Σ(P/ΣP)(X − X̄)² = 1.663939, S = 1.289937,
///          CV = 1.289937 / 2.032967 = 0.634510 → 0.6345 > 0.50: not met.
/// missing: ΣP = 1560, X̄ = 3700/1560 = 2.371795, Σ(P/ΣP)(X − X̄)² = 1.137632, S = 1.066598,
///          CV = 1.066598 / 2.371795 = 0.449701 → 0.4497 ≤ 0.50: met.
/// (Check: CV_zero² = (1 + CV_missing²)(1 + 260/1560) − 1 = 1.202232 × 7/6 − 1 = 0.402604.)
struct EmptyMarkerBalanceTests {
    static let csv = """
        学校标识码,学校名称,办学类型,统计年度,在校学生数,专任教师数,县级以上骨干教师数\r
        3603219801,示例县城关第一小学,小学,2024,420,24,12\r
        3603219802,示例县城关第二小学,小学,2024,380,22,10\r
        3603219803,示例县河西小学,小学,2024,510,28,5\r
        3603219804,示例县东山小学,小学,2024,250,15,10\r
        3603219805,示例县南岭小学,小学,2024,260,15,无\r

        """

    static func ingest(_ meaning: EmptyMarkerMeaning) throws -> Warehouse {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-markers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(csv.utf8).write(to: folder.appendingPathComponent("示例县2024年小学.csv"))
        var catalogue = BalanceViewTests.catalogue
        catalogue.emptyMarkers = meaning
        let warehouse = try Warehouse(path: folder.appendingPathComponent("warehouse.sqlite").path)
        let options = Ingest.Options(inputs: [IngestInput(path: folder.path)], county: "360321")
        let summary = try Ingest(options: options, catalogue: catalogue, standards: BalanceViewTests.standards, warehouse: warehouse).run()
        #expect(summary.counts.filesLoaded == 1)
        #expect(summary.counts.rejects == 0)
        return warehouse
    }

    static func backbone(_ warehouse: Warehouse) throws -> SQLiteRow {
        try #require(try warehouse.connection.prepare("""
            SELECT schools, students, mean, cv, cv_limit, cv_met FROM county_balance
            WHERE year = 2024 AND county_code = '360321' AND stage = 'primary' AND standard = 'quality'
              AND indicator = 'backbone_teachers_per_100_students'
            """).rows().first)
    }

    @Test func withZeroTheSchoolCountsAndTheCVFails() throws {
        let warehouse = try Self.ingest(.zero)
        let row = try Self.backbone(warehouse)
        #expect(row[0].int == 5)
        #expect(row[1].double == 1820)
        #expect(abs((row[2].double ?? 0) - 3700.0 / 1820) < 1e-9)
        let cv = try #require(row[3].double)
        #expect((cv * 10_000).rounded() / 10_000 == 0.6345, "cv \(cv)")
        #expect(abs(cv - 0.6345097868509316) < 1e-9)
        #expect(row[4].double == 0.5)
        #expect(row[5].int == 0)
        // Another indicator of the same schools is unchanged: every school has its teachers.
        let teachers = try warehouse.connection.prepare("""
            SELECT schools FROM county_balance WHERE stage = 'primary' AND standard = 'basic' AND indicator = 'teachers_per_student'
            """).rows().first?.first?.int
        #expect(teachers == 5)
    }

    @Test func withMissingTheSchoolLeavesTheCVAndItPasses() throws {
        let warehouse = try Self.ingest(.missing)
        let row = try Self.backbone(warehouse)
        #expect(row[0].int == 4)
        #expect(row[1].double == 1560)
        #expect(abs((row[2].double ?? 0) - 3700.0 / 1560) < 1e-9)
        let cv = try #require(row[3].double)
        #expect((cv * 10_000).rounded() / 10_000 == 0.4497, "cv \(cv)")
        #expect(abs(cv - 0.44970085575344854) < 1e-9)
        #expect(row[5].int == 1)
        // No figure loaded; the marker is kept.
        let loaded = try warehouse.connection.prepare("""
            SELECT count(*) FROM loaded_values WHERE school_code = '3603219805' AND field = 'backbone_teachers'
            """).rows().first?.first?.int
        #expect(loaded == 0)
        let marker = try warehouse.connection.prepare("SELECT field, cell, written FROM empty_markers").rows()
        #expect(marker.map { $0.map(\.text) } == [["backbone_teachers", "G6", "无"]])
    }

    /// Which loaded zeros came from a marker: the value's cell joins empty_markers (the README's query).
    @Test func aLoadedZeroShowsTheMarkerItCameFrom() throws {
        let warehouse = try Self.ingest(.zero)
        let rows = try warehouse.connection.prepare("""
            SELECT v.school_code, v.stage, v.field, v.value, v.cell, m.written
            FROM loaded_values v
            JOIN empty_markers m ON m.sheet_id = v.sheet_id AND m.cell = v.cell AND m.school_code = v.school_code
                                AND m.stage = v.stage AND m.field = v.field
            WHERE v.current = 1
            """).rows()
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row[0].text == "3603219805")
        #expect(row[1].text == "primary")
        #expect(row[2].text == "backbone_teachers")
        #expect(row[3].double == 0)
        #expect(row[4].text == "G6")
        #expect(row[5].text == "无")
        // Through school_values, as the README shows it.
        let shown = try warehouse.connection.prepare("""
            SELECT v.school_name, v.indicator, v.value, v.cell, m.written
            FROM school_values v
            JOIN sheets sh ON sh.name = v.sheet JOIN source_files f ON f.id = sh.file_id AND f.path = v.source_file
            JOIN empty_markers m ON m.sheet_id = sh.id AND m.cell = v.cell AND m.school_code = v.school_code AND m.field = v.indicator
            WHERE f.status = 'loaded'
            """).rows()
        #expect(shown.map { $0.map(\.text) } == [["示例县南岭小学", "backbone_teachers", nil, "G6", "无"]])
        #expect(shown.first?[2].double == 0)
        // The school then fails the backbone minimum (1 per 100) instead of leaving compliance open.
        let met = try warehouse.connection.prepare("""
            SELECT value, met FROM school_compliance WHERE school_code = '3603219805' AND indicator = 'backbone_teachers_per_100_students'
            """).rows().first
        #expect(met?[0].double == 0)
        #expect(met?[1].int == 0)
    }
}
