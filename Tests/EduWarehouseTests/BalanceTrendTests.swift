import EduIngest
import EduNormalise
import EduStandards
@testable import EduWarehouse
import Foundation
import Testing

/// county_balance_trend and the school movers (issue 15, years compared) on a county of three
/// years, 2021, 2023 and 2024 (2022 missing), written as CSV returns with a 统计年度 column; the
/// CVs and changes computed here from the same figures, independently of the SQL.
struct BalanceTrendTests {
    struct School {
        var code: String
        var name: String
        var type = "小学"
        /// year → (students, books, full-time teachers)
        var figures: [Int: (students: Double, books: Double, teachers: Double)]
    }

    static let years = [2021, 2023, 2024]

    /// Five counted primary schools and a 教学点 under 50 pupils (left out of the county figures,
    /// however much its figures move). 柳林小学 has no 2021 return.
    static let schools = [
        School(code: "3603219101", name: "甲小学", figures: [2021: (400, 8000, 20), 2023: (420, 8800, 22), 2024: (430, 9030, 24)]),
        School(code: "3603219102", name: "乙小学", figures: [2021: (120, 1500, 8), 2023: (110, 1650, 8), 2024: (100, 3000, 9)]),
        School(code: "3603219103", name: "丙小学", figures: [2021: (300, 9000, 15), 2023: (310, 9300, 16), 2024: (305, 6100, 16)]),
        School(code: "3603219104", name: "丁小学", figures: [2021: (80, 900, 6), 2023: (85, 1020, 6), 2024: (90, 1080, 5)]),
        School(code: "3603219105", name: "柳林小学", figures: [2023: (200, 4000, 10), 2024: (210, 4200, 12)]),
        School(code: "3603219106", name: "上坪教学点", type: "教学点", figures: [2021: (20, 100, 2), 2023: (18, 90, 2), 2024: (19, 2000, 2)]),
    ]

    /// The returns, one file a year, ingested into a new warehouse for county 360321.
    static func warehouse() throws -> Warehouse {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-trend-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for year in years {
            let rows = schools.compactMap { school in
                school.figures[year].map { "\(school.code),\(school.name),\(school.type),\(year),\(Int($0.students)),\(Int($0.books)),\(Int($0.teachers))" }
            }
            let csv = (["学校标识码,学校名称,办学类型,统计年度,在校学生数,图书册数,专任教师数"] + rows).joined(separator: "\r\n") + "\r\n"
            try Data(csv.utf8).write(to: folder.appendingPathComponent("示例县\(year).csv"))
        }
        return try BalanceViewTests.ingest([folder.path])
    }

    /// The enrolment-weighted mean and CV of INDICATORS.md over the counted schools of a year.
    static func expected(_ year: Int, _ value: @Sendable (Double, Double, Double) -> Double) -> (mean: Double, cv: Double) {
        let counted = schools.filter { $0.type == "小学" }.compactMap { $0.figures[year] }
        let pupils = counted.reduce(0) { $0 + $1.students }
        let mean = counted.reduce(0) { $0 + $1.students * value($1.students, $1.books, $1.teachers) } / pupils
        let variance = counted.reduce(0) { sum, school in
            let deviation = value(school.students, school.books, school.teachers) - mean
            return sum + school.students / pupils * deviation * deviation
        }
        return (mean, variance.squareRoot() / mean)
    }

    static let indicators: [(id: String, value: @Sendable (Double, Double, Double) -> Double)] = [
        ("books_per_student", { students, books, _ in books / students }),
        ("teachers_per_student", { students, _, teachers in teachers / students }),
    ]

    @Test func eachYearSitsBesideThePreviousYearHeld() throws {
        let warehouse = try Self.warehouse()
        let rows = try warehouse.countyBalanceTrend(county: "360321")
        for (id, value) in Self.indicators {
            let series = rows.filter { $0.stage == .primary && $0.standard == .basic && $0.indicator == id }
            #expect(series.map(\.year) == Self.years, "\(id)")
            for (index, row) in series.enumerated() {
                let want = Self.expected(row.year, value)
                #expect(HandMadeLoads.close(row.mean, want.mean) && HandMadeLoads.close(row.cv, want.cv), "\(id) \(row.year)")
                guard index > 0 else {
                    #expect(row.previousYear == nil && row.previousCV == nil && row.cvChange == nil && row.meanChange == nil)
                    continue
                }
                // 2023's previous year is 2021: the warehouse holds no 2022.
                let before = Self.expected(Self.years[index - 1], value)
                #expect(row.previousYear == Self.years[index - 1])
                #expect(HandMadeLoads.close(row.previousMean, before.mean) && HandMadeLoads.close(row.previousCV, before.cv))
                #expect(HandMadeLoads.close(row.meanChange, want.mean - before.mean, tolerance: 1e-7))
                #expect(HandMadeLoads.close(row.cvChange, want.cv - before.cv, tolerance: 1e-7))
            }
        }
        // The composite over two of the eight indicators has no value, so no change either; it
        // still names the previous year held.
        let composite = rows.filter { $0.stage == .primary && $0.indicator == DerivedIndicator.compositeID }
        #expect(composite.map(\.year) == Self.years)
        #expect(composite.map(\.previousYear) == [nil, 2021, 2023])
        #expect(composite.allSatisfy { $0.cv == nil && $0.cvChange == nil && $0.mean == nil && $0.meanChange == nil })
        #expect(try warehouse.countyBalanceTrend(county: "360399").isEmpty)
    }

    /// The trend is county_balance's own rows, read by name: the same figures, row for row.
    @Test func theTrendCarriesCountyBalanceRowForRow() throws {
        let warehouse = try Self.warehouse()
        let balance = try HandMadeLoads.dump("""
            SELECT year, county_code, stage, standard, indicator, mean, cv FROM county_balance
            ORDER BY county_code, stage, standard, indicator, year
            """, in: warehouse.connection)
        let trend = try HandMadeLoads.dump("""
            SELECT year, county_code, stage, standard, indicator, mean, cv FROM county_balance_trend
            ORDER BY county_code, stage, standard, indicator, year
            """, in: warehouse.connection)
        #expect(!balance.isEmpty && trend == balance)
    }

    /// A query on one county reaches county_balance with the county: with county_balance a table
    /// indexed by county, the plan searches that index rather than scanning every county.
    @Test func aCountyFilterReachesCountyBalance() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-trend-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let connection = try SQLiteConnection(path: folder.appendingPathComponent("plan.sqlite").path)
        try connection.execute("""
            CREATE TABLE county_balance (year INTEGER, county_code TEXT, stage TEXT, standard TEXT, indicator TEXT, mean REAL, cv REAL);
            CREATE INDEX county_balance_county ON county_balance(county_code, year);
            """)
        try connection.execute(Schema.balanceTrendMigration)
        let plan = try HandMadeLoads.dump("EXPLAIN QUERY PLAN SELECT * FROM county_balance_trend WHERE county_code = '360321'", in: connection)
            .map { $0.joined(separator: " ") }.joined(separator: "\n")
        #expect(plan.contains("SEARCH county_balance USING INDEX county_balance_county (county_code=?)"), "\(plan)")
    }

    @Test func theMoversAreTheLargestRelativeChangesFirst() throws {
        let warehouse = try Self.warehouse()
        #expect(try warehouse.previousYear(before: 2024, county: "360321") == 2023)
        #expect(try warehouse.previousYear(before: 2023, county: "360321") == 2021)
        #expect(try warehouse.previousYear(before: 2021, county: "360321") == nil)

        var want: [(code: String, indicator: String, before: Double, now: Double)] = []
        for school in Self.schools where school.type == "小学" {
            guard let now = school.figures[2024], let before = school.figures[2023] else { continue }
            for (id, value) in Self.indicators {
                want.append((school.code, id, value(before.students, before.books, before.teachers), value(now.students, now.books, now.teachers)))
            }
        }
        want.sort { abs($0.now / $0.before - 1) > abs($1.now / $1.before - 1) }
        let movers = try warehouse.schoolMovers(year: 2024, county: "360321", limit: 4)
        #expect(movers.map { "\($0.schoolCode) \($0.indicator)" } == want.prefix(4).map { "\($0.code) \($0.indicator)" })
        // 乙小学's books per pupil doubled and more (1650 / 110 → 3000 / 100); 丙小学's fell by a third.
        #expect(movers.first?.schoolCode == "3603219102" && movers.first?.indicator == "books_per_student")
        for (row, expected) in zip(movers, want) {
            #expect(row.previousYear == 2023 && row.year == 2024 && row.stage == .primary)
            #expect(HandMadeLoads.close(row.previousValue, expected.before) && HandMadeLoads.close(row.value, expected.now))
            #expect(HandMadeLoads.close(row.change, expected.now - expected.before))
            #expect(HandMadeLoads.close(row.relativeChange, expected.now / expected.before - 1))
        }
        // The 教学点 is left out of the county figures, so out of the movers, though its books rose twentyfold.
        let all = try warehouse.schoolMovers(year: 2024, county: "360321", limit: 100)
        #expect(all.count == want.count)
        #expect(!all.contains { $0.schoolCode == "3603219106" })
        // 柳林小学 has no 2021 figures: against 2021 it is not a mover.
        #expect(try !warehouse.schoolMovers(year: 2023, county: "360321", limit: 100).contains { $0.schoolCode == "3603219105" })
        #expect(try warehouse.schoolMovers(year: 2021, county: "360321").isEmpty)
    }
}
