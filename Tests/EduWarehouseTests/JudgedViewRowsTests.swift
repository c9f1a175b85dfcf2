@testable import EduWarehouse
import Foundation
import Testing

/// The rows of migration 006's views as the warehouse types them: the composite's note read into
/// its reasons, an area or degree field eduetl never writes, or a county figure naming neither
/// its cell nor its schools, is a WarehouseError naming the column.
struct JudgedViewRowsTests {
    @Test func theCompositeNoteIsReadIntoItsReasons() {
        let gaps = CompositeGap.parse("sports_area_per_student: no school reported sports_area; books_per_student: the mean is 0; x: odd")
        #expect(gaps == [CompositeGap(indicator: "sports_area_per_student", reason: .noSchoolReported(field: "sports_area")),
                         CompositeGap(indicator: "books_per_student", reason: .meanIsZero),
                         CompositeGap(indicator: "x", reason: .other("odd"))])
        #expect(CompositeGap.parse(nil).isEmpty && CompositeGap.parse("").isEmpty)
        #expect(CompositeGap.parse("no colon here") == [CompositeGap(indicator: "", reason: .other("no colon here"))])
    }

    @Test func anAreaEduetlNeverWritesIsAnError() throws {
        let (warehouse, folder) = try HandEditedWarehouseTests.scratchWarehouse()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try warehouse.urbanRuralMeans(year: 2024, county: "360321").isEmpty)
        try warehouse.connection.execute("""
            DROP VIEW urban_rural_gaps; DROP VIEW urban_rural_means;
            CREATE VIEW urban_rural_means AS SELECT 2024 AS year, '360321' AS county_code, 'primary' AS stage,
                'books_per_student' AS indicator, '郊区' AS area, 3 AS schools, 300.0 AS students, 28.5 AS mean;
            """)
        do {
            _ = try warehouse.urbanRuralMeans(year: 2024, county: "360321")
            Issue.record("an area eduetl never writes was read")
        } catch let error as WarehouseError {
            #expect(error.reason == .unexpectedValue(column: "area", value: "郊区"))
        }
    }

    @Test func aCountyFigureWithNeitherItsCellNorItsSchoolsIsAnError() throws {
        let (warehouse, folder) = try HandEditedWarehouseTests.scratchWarehouse()
        defer { try? FileManager.default.removeItem(at: folder) }
        try warehouse.connection.execute("""
            DROP VIEW county_targets;
            CREATE VIEW county_targets AS SELECT 2024 AS year, '360321' AS county_code, 'primary_books_per_student' AS indicator,
                28.2 AS value, 30.0 AS target, '>=' AS comparison, 0 AS met, NULL AS source_file, NULL AS sheet, NULL AS cell,
                NULL AS computed_from_schools
            UNION ALL SELECT 2024, '360322', 'junior_books_per_student', 41.0, 40.0, '>=', 1, NULL, NULL, NULL, 9;
            """)
        let computed = try warehouse.countyTargets(year: 2024, county: "360322")
        #expect(computed.map(\.source) == [.computed(schools: 9)])
        #expect(throws: WarehouseError.self) { try warehouse.countyTargets(year: 2024, county: "360321") }
    }
}
