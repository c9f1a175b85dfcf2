import EduAudit
import EduIngest
import EduStandards
import Foundation
@testable import EduWarehouse
import Testing

/// The views migration 012 rebuilt so a county's query costs that county (county_balance,
/// school_compliance, county_targets, urban_rural_means and _gaps, audit_findings) give the rows
/// their earlier texts give, on warehouses of several counties and years, after supersedes,
/// conflicts and a standards edit; and a county asked for alone gets the rows of the whole list.
struct BalanceByCountyTests {
    /// A view as it is now and as it was, with the columns that identify a row.
    struct Compared {
        var view: String
        var oldText: String
        var key: String
    }

    static var compared: [Compared] {
        let countyBalance = Schema.auditedCountyBalance
        let created = countyBalance.range(of: "CREATE VIEW county_balance").map { String(countyBalance[$0.lowerBound...]) } ?? countyBalance
        return [
            Compared(view: "audit_findings", oldText: Schema.auditFindingsByCounty,
                     key: "year, county_code, school_code, stage, rule, indicator, cell, message"),
            Compared(view: "county_balance", oldText: created, key: "year, county_code, stage, standard, indicator"),
            Compared(view: "school_compliance", oldText: Schema.judgedSchoolCompliance, key: "year, county_code, school_code, stage, indicator"),
            Compared(view: "county_targets", oldText: Schema.judgedCountyTargets, key: "year, county_code, indicator"),
            Compared(view: "urban_rural_means", oldText: Schema.urbanRuralViews, key: "year, county_code, stage, indicator, area"),
            Compared(view: "urban_rural_gaps", oldText: "", key: "year, county_code, stage, indicator"),
        ]
    }

    /// Creates the old texts as temp views named old_<view>, each reading the others' old versions.
    static func createOldViews(_ connection: SQLiteConnection) throws {
        for view in compared { try connection.execute("DROP VIEW IF EXISTS temp.old_\(view.view)") }
        for view in compared where !view.oldText.isEmpty {
            var text = view.oldText
            for other in compared {
                text = text.replacingOccurrences(of: "CREATE VIEW \(other.view) AS", with: "CREATE TEMP VIEW old_\(other.view) AS")
                    .replacingOccurrences(of: "FROM \(other.view) ", with: "FROM old_\(other.view) ")
                    .replacingOccurrences(of: "FROM \(other.view)\n", with: "FROM old_\(other.view)\n")
            }
            try connection.execute(text)
        }
    }

    /// Two dumps' rows equal, numbers within 1e-9 of each other (the SD is now summed in one pass).
    static func same(_ a: [[String]], _ b: [[String]]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { left, right in
            left.count == right.count && zip(left, right).allSatisfy { x, y in
                if x == y { return true }
                guard x.hasPrefix("d"), y.hasPrefix("d"), let u = Double(x.dropFirst()), let v = Double(y.dropFirst()) else { return false }
                return abs(u - v) <= 1e-9 * max(abs(u), abs(v), 1e-3)
            }
        }
    }

    /// Every compared view equals its old text, whole and county by county; returns the rows per view.
    @discardableResult
    static func expectSameAsBefore(_ warehouse: Warehouse, _ moment: String) throws -> [String: Int] {
        let connection = warehouse.connection
        try createOldViews(connection)
        var counts: [String: Int] = [:]
        let counties = try HandMadeLoads.dump("SELECT DISTINCT county_code FROM school_parts", in: connection).compactMap(\.first)
        for view in compared {
            let columns = try HandMadeLoads.dump("SELECT name FROM pragma_table_info('\(view.view)')", in: connection)
                .compactMap(\.first).map { String($0.dropFirst()) }
            let oldColumns = try HandMadeLoads.dump("SELECT name FROM pragma_table_info('old_\(view.view)')", in: connection)
                .compactMap(\.first).map { String($0.dropFirst()) }
            #expect(columns == oldColumns, "\(moment): \(view.view)'s columns")
            let list = columns.joined(separator: ", ")
            let now = try HandMadeLoads.dump("SELECT \(list) FROM \(view.view) ORDER BY \(view.key)", in: connection)
            let before = try HandMadeLoads.dump("SELECT \(list) FROM old_\(view.view) ORDER BY \(view.key)", in: connection)
            #expect(same(now, before), "\(moment): \(view.view)\nnow:    \(now.prefix(40))\nbefore: \(before.prefix(40))")
            let countyColumn = try #require(columns.firstIndex(of: "county_code"))
            for county in counties {
                let code = String(county.dropFirst())
                let one = try HandMadeLoads.dump("SELECT \(list) FROM \(view.view) WHERE county_code = '\(code)' ORDER BY \(view.key)",
                                                 in: connection)
                #expect(same(one, before.filter { $0[countyColumn] == county }), "\(moment): \(view.view) of \(code)")
            }
            counts[view.view] = now.count
        }
        return counts
    }

    @Test func theSamplesViewsAreThoseOfBefore() throws {
        let warehouse = try BalanceViewTests.ingestSamples()
        try warehouse.syncAuditRules(try #require(AuditFindingsTests.rules))
        let counts = try Self.expectSameAsBefore(warehouse, "the samples")
        #expect(counts["county_balance"] ?? 0 >= 80 && counts["school_compliance"] ?? 0 >= 100 && counts["urban_rural_gaps"] ?? 0 >= 8, "\(counts)")
        #expect(try HandMadeLoads.dump("SELECT sum(audit_errors) FROM county_balance", in: warehouse.connection) != [["i0"]])
    }

    /// A standards edit (other limits, an exclusion that leaves more schools out, a county's plan)
    /// is followed: the views read the standards when asked.
    @Test func aStandardsEditIsFollowed() throws {
        let warehouse = try BalanceViewTests.ingestSamples()
        try warehouse.syncAuditRules(try #require(AuditFindingsTests.rules))
        var standards = BalanceViewTests.standards
        standards.cvLimits[.basic]?[.primary] = 0.3
        standards.exclusions.append(Standards.Exclusion(schoolType: "小学", belowStudents: 400, reason: "小学 under 400"))
        standards.countyPlans = ["360392": ["primary_books_per_student": 50]]
        standards.minMet = 5
        try warehouse.syncStandards(standards)
        let counts = try Self.expectSameAsBefore(warehouse, "edited standards")
        #expect(counts["county_balance"] ?? 0 >= 80, "\(counts)")
        let excluded = try HandMadeLoads.dump("SELECT count(*) FROM school_indicators WHERE excluded_reason = '小学 under 400'", in: warehouse.connection)
        #expect(excluded != [["i0"]])
    }

    /// Two counties and two years worked to every corner: a 教学点 left out, an indicator no school of
    /// a stage reported (the composite NULL with its note), a mean of 0, urban and rural areas, a part
    /// above its whole and a negative figure (errors on the CVs), the plan figures computed from the schools.
    @Test func twoCountiesAndTwoYearsAreThoseOfBefore() throws {
        let header = "学校标识码,学校名称,办学类型,城乡分类,统计年度,在校学生数,班级数,专任教师数,高于规定学历教师数,骨干教师数,"
            + "教学及辅助用房面积,体育运动场馆面积,教学仪器设备资产值,图书册数,计算机台数"
        let warehouse = try JudgedBalanceTests.ingest(files: [
            "甲县2024.csv": [
                header,
                "3603219801,甲一小,小学,城区,2024,800,18,50,45,6,3600,6000,1800000,24000,90",
                "3603219802,甲二小,小学,乡村,2024,300,6,20,22,2,1500,2400,500000,9000,30",
                "3603219803,甲教学点,教学点,乡村,2024,30,3,3,3,0,200,0,50000,900,2",
                "3603219804,甲中学,初中,镇区,2024,900,20,70,66,8,5400,9000,2700000,36000,120",
                "3603219805,甲三小,小学,镇区,2024,420,10,-3,20,1,1800,2100,600000,12600,",
            ],
            "甲县2023.csv": [
                header,
                "3603219801,甲一小,小学,城区,2023,760,18,48,40,5,3600,6000,1700000,22000,",
                "3603219802,甲二小,小学,乡村,2023,280,6,19,17,2,1500,2400,450000,8000,",
            ],
            "乙县2024.csv": [
                header.replacingOccurrences(of: "学校标识码", with: "行政区划代码,学校标识码"),
                "360322,3603229801,乙一小,小学,城区,2024,500,12,30,28,3,2500,0,900000,15000,40",
                "360322,3603229802,乙二小,小学,城区,2024,200,6,12,11,1,900,0,300000,5000,12",
                "360322,3603229803,乙中学,初中,乡村,2024,600,14,45,40,4,3600,5000,1500000,20000,60",
            ],
        ])
        try warehouse.syncAuditRules(try #require(AuditFindingsTests.rules))
        let connection = warehouse.connection
        #expect(try HandMadeLoads.dump("SELECT DISTINCT county_code, year FROM school_parts ORDER BY 1, 2", in: connection)
            == [["t360321", "i2023"], ["t360321", "i2024"], ["t360322", "i2024"]])
        let counts = try Self.expectSameAsBefore(warehouse, "two counties, two years")
        #expect(counts["audit_findings"] ?? 0 >= 2 && counts["urban_rural_gaps"] ?? 0 >= 4 && counts["county_targets"] ?? 0 >= 6, "\(counts)")
        // The corners were reached: a note on the composite, an error counted against a CV.
        let notes = try HandMadeLoads.dump("SELECT composite_note FROM county_balance WHERE composite_note IS NOT NULL ORDER BY 1", in: connection)
        #expect(notes.contains { $0[0].contains("no school reported") } && notes.contains { $0[0].contains("the mean is 0") }, "\(notes)")
        #expect(try HandMadeLoads.dump("SELECT count(*) FROM county_balance WHERE audit_errors > 0", in: connection) != [["i0"]])
    }

    /// Loads that supersede a file and conflict between files keep the views those of before.
    @Test func supersedesAndConflictsKeepThemThoseOfBefore() throws {
        let loads = try SchoolPartsTests.Loads()
        let header = SchoolPartsTests.header
        try loads.load("a.csv", [
            header,
            "3603219701,甲学校,小学,2024,600,12,36,,,",
            "3603219701,甲学校,初中,2024,300,6,24,,,",
            "3603219701,甲学校,全校,2024,,,,5400,27000,120",
            "3603219702,乙小学,小学,2024,400,10,25,2400,12000,60",
        ])
        try loads.load("c.csv", [header, "3603229703,丙小学,小学,2024,500,11,30,2600,15000,50"], county: "360322")
        try Self.expectSameAsBefore(loads.warehouse, "first loads")
        try loads.load("b.csv", [header, "3603219702,乙小学,小学,2024,420,10,25,,13000,"])
        try Self.expectSameAsBefore(loads.warehouse, "a conflict")
        try loads.load("a.csv", [header, "3603219702,乙小学,小学,2024,400,10,25,2400,12000,60"])
        try Self.expectSameAsBefore(loads.warehouse, "a supersede")
    }
}
