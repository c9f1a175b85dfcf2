@testable import EduWarehouse
import Testing

/// The balance views judge compulsory education only: senior and preschool parts, and figures
/// that belong to no part, never reach school_indicators, county_balance or school_compliance,
/// and adding them leaves the primary and junior figures as they were.
struct BalanceStagesTests {
    typealias Part = HandMadeLoads.Part

    /// Single-stage compulsory schools: (code, stage, students, books, computers).
    static let compulsory: [(String, String, Double, Double, Double)] = [
        ("3603210201", "primary", 45, 279, 4), ("3603210202", "primary", 37, 137, 3), ("3603210203", "primary", 89, 935, 9),
        ("3603210211", "junior", 300, 9_000, 40), ("3603210212", "junior", 500, 12_500, 45),
    ]

    static var compulsoryParts: [Part] {
        compulsory.map { code, stage, students, books, computers in
            Part(code: code, name: "学校\(code.suffix(2))", type: stage == "primary" ? "小学" : "初级中学",
                 stage: stage == "primary" ? .primary : .junior, values: ["students": students, "books": books, "computers": computers])
        }
    }

    static let otherParts: [Part] = [
        Part(code: "3603210221", name: "青石县第二中学", type: "高级中学", stage: .senior,
             values: ["students": 900, "books": 50, "computers": 400]),
        Part(code: "3603210231", name: "青石县城关幼儿园", type: "幼儿园", stage: .preschool,
             values: ["students": 120, "books": 5_000, "computers": 1]),
        Part(code: "3603210241", name: "青石县特殊教育学校", type: "特殊教育学校", stage: .wholeSchool,
             values: ["students": 80, "books": 3_000, "computers": 10]),
    ]

    static let views = ["school_indicators", "school_indicator_values", "county_balance", "school_compliance"]

    static func balanceDumps(_ warehouse: Warehouse) throws -> [String: [[String]]] {
        var dumps: [String: [[String]]] = [:]
        for view in views {
            dumps[view] = try HandMadeLoads.dump("SELECT * FROM \(view) ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9", in: warehouse.connection)
        }
        return dumps
    }

    @Test func seniorAndPreschoolPartsStayOutOfTheBalance() throws {
        let before = try HandMadeLoads.newWarehouse("compulsory")
        try HandMadeLoads.load(Self.compulsoryParts, as: "义务教育.csv", into: before)
        let after = try HandMadeLoads.newWarehouse("all-stages")
        try HandMadeLoads.load(Self.compulsoryParts, as: "义务教育.csv", into: after)
        try HandMadeLoads.load(Self.otherParts, as: "高中幼儿园特教.csv", into: after)

        // They loaded, and school_values shows them …
        let stages = try HandMadeLoads.dump("SELECT DISTINCT stage FROM school_values ORDER BY stage", in: after.connection)
        #expect(stages == [["tjunior"], ["tpreschool"], ["tprimary"], ["tsenior"], ["twhole_school"]])
        // … but no balance view does, and the compulsory figures are those without them.
        for view in Self.views {
            let judged = try HandMadeLoads.dump("SELECT DISTINCT stage FROM \(view) ORDER BY stage", in: after.connection)
            #expect(judged == [["tjunior"], ["tprimary"]], "\(view)")
        }
        let withThem = try Self.balanceDumps(after)
        let without = try Self.balanceDumps(before)
        for view in Self.views {
            #expect(withThem[view] == without[view], "\(view)")
            #expect(withThem[view]?.isEmpty == false, "\(view)")
        }
    }

    @Test func compulsoryCVsMatchAHandComputation() throws {
        let warehouse = try HandMadeLoads.newWarehouse("cv")
        try HandMadeLoads.load(Self.compulsoryParts + Self.otherParts, as: "全部.csv", into: warehouse)
        for stage in ["primary", "junior"] {
            let schools = Self.compulsory.filter { $0.1 == stage }
            let total = schools.map(\.2).reduce(0, +)
            let mean = schools.map(\.3).reduce(0, +) / total
            let variance = schools.map { $0.2 / total * ($0.3 / $0.2 - mean) * ($0.3 / $0.2 - mean) }.reduce(0, +)
            let row = try #require(try warehouse.connection.prepare("""
                SELECT schools, students, mean, cv FROM county_balance
                WHERE stage = ? AND standard = 'basic' AND indicator = 'books_per_student'
                """).rows([.text(stage)]).first)
            #expect(row[0].int == Int64(schools.count))
            #expect(row[1].double == total)
            #expect(HandMadeLoads.close(row[2].double, mean))
            #expect(HandMadeLoads.close(row[3].double, variance.squareRoot() / mean))
        }
        // The five primary schools of INDICATORS.md's worked example start with these three: their
        // county figure is 1,351 books over 171 pupils.
        #expect(HandMadeLoads.close(try warehouse.connection.prepare(
            "SELECT mean FROM county_balance WHERE stage = 'primary' AND indicator = 'books_per_student'").rows().first?.first?.double,
            1_351.0 / 171))
    }
}
