import EduIngest
import EduNormalise
import Foundation
@testable import EduWarehouse
import Testing

/// `county_overview` on the three sample counties (青石县 360321, 东湖区 360392, 柳溪县 360399), held
/// against figures worked out here from the rows of county_balance, school_compliance and
/// county_targets, and the ranking against the composite CVs sorted here.
@Suite struct CountyOverviewTests {
    /// The warehouse's path: made once, opened by each test.
    static let shared = Result { () throws -> String in
        let warehouse = try BalanceViewTests.ingest(SampleWarehouseTests.sampleInputs
            + [IngestInput(path: SampleAuditTests.folder.path, county: "360399")])
        try warehouse.syncAuditRules(try #require(AuditFindingsTests.rules))
        return warehouse.path
    }

    static func warehouse() throws -> Warehouse { try Warehouse(path: shared.get()) }

    typealias Key = String  // "2024|360321|primary"

    /// What the overview must say, from the views' own rows.
    struct Expected: Equatable {
        var schools: Int64?, students: Double?, cv: Double?, limit: Double?, met: Int64?, note: String?, auditErrors: Int64?
        var qualityCVs = 0, qualityMet = 0, judged = 0, complying = 0, undecided = 0, targets = 0, targetsMet = 0
    }

    static func expected(_ warehouse: Warehouse) throws -> [Key: Expected] {
        var result: [Key: Expected] = [:]
        for row in try warehouse.connection.prepare("SELECT * FROM county_balance").rows() {
            let key = [row.int("year").map { String($0) } ?? "", row.text("county_code") ?? "", row.text("stage") ?? ""].joined(separator: "|")
            var entry = result[key] ?? Expected()
            if row.text("standard") == "basic", row.text("indicator") == "composite" {
                entry.schools = row.int("schools")
                entry.students = row.double("students")
                entry.cv = row.double("cv")
                entry.limit = row.double("cv_limit")
                entry.met = row.int("cv_met")
                entry.note = row.text("composite_note")
                entry.auditErrors = row.int("audit_errors")
            }
            if row.text("standard") == "quality", row.double("cv") != nil {
                entry.qualityCVs += 1
                if row.int("cv_met") == 1 { entry.qualityMet += 1 }
            }
            result[key] = entry
        }
        // One verdict per counted school part, whatever its indicators' rows.
        var verdicts: [String: Int64?] = [:]
        for row in try warehouse.connection.prepare("SELECT * FROM school_compliance WHERE excluded_reason IS NULL").rows() {
            let key = [row.int("year").map { String($0) } ?? "", row.text("county_code") ?? "", row.text("stage") ?? ""].joined(separator: "|")
            verdicts[key + "|" + (row.text("school_code") ?? "")] = row.int("complies")
        }
        for (school, complies) in verdicts {
            let key = school.components(separatedBy: "|").prefix(3).joined(separator: "|")
            guard var entry = result[key] else { continue }
            switch complies {
            case 1?: entry.judged += 1; entry.complying += 1
            case .some: entry.judged += 1
            case nil: entry.undecided += 1
            }
            result[key] = entry
        }
        // The targets are the county's: both stages count them.
        for row in try warehouse.connection.prepare("SELECT * FROM county_targets").rows() {
            let prefix = "\(row.int("year") ?? 0)|\(row.text("county_code") ?? "")|"
            for key in result.keys where key.hasPrefix(prefix) {
                result[key]?.targets += 1
                if row.int("met") == 1 { result[key]?.targetsMet += 1 }
            }
        }
        return result
    }

    @Test func everyFigureAgreesWithTheViewsItReads() throws {
        let warehouse = try Self.warehouse()
        let want = try Self.expected(warehouse)
        var got: [Key: Expected] = [:]
        var shares: [Key: Double?] = [:]
        for row in try warehouse.connection.prepare("SELECT * FROM county_overview").rows() {
            let key = "\(row.int("year") ?? 0)|\(row.text("county_code") ?? "")|\(row.text("stage") ?? "")"
            #expect(got[key] == nil, "\(key) twice")
            got[key] = Expected(schools: row.int("schools"), students: row.double("students"), cv: row.double("basic_cv"),
                                limit: row.double("basic_cv_limit"), met: row.int("basic_met"), note: row.text("composite_note"),
                                auditErrors: row.int("audit_errors"), qualityCVs: row.count("quality_cvs"),
                                qualityMet: row.count("quality_cvs_met"), judged: row.count("schools_judged"),
                                complying: row.count("schools_complying"), undecided: row.count("schools_undecided"),
                                targets: row.count("targets"), targetsMet: row.count("targets_met"))
            shares[key] = row.double("complying_share")
        }
        #expect(Set(got.keys) == Set(want.keys))
        for key in want.keys.sorted() {
            #expect(got[key] == want[key], "\(key)")
            let entry = try #require(want[key])
            let share = entry.judged > 0 ? Double(entry.complying) / Double(entry.judged) : nil
            #expect(shares[key] == share, "\(key)")
        }
        // The three counties in both years they have, both stages each; 柳溪县's 2023 pupils alone give no CV.
        #expect(want.keys.filter { $0.hasPrefix("2024|") }.count == 6)
        #expect(want["2024|360321|primary"]?.cv != nil && want["2024|360392|primary"]?.cv == nil)
        #expect(want["2024|360321|primary"]?.targets == want["2024|360321|junior"]?.targets)
    }

    @Test func theRankIsTheOrderOfTheCompositeCVs() throws {
        let warehouse = try Self.warehouse()
        let rows = try warehouse.connection.prepare("SELECT year, county_code, stage, basic_cv, basic_rank FROM county_overview").rows()
        for row in rows {
            let peers = rows.filter { $0.int("year") == row.int("year") && $0.text("stage") == row.text("stage") }
            guard let cv = row.double("basic_cv") else {
                #expect(row.int("basic_rank") == nil)
                continue
            }
            let lower = peers.compactMap { $0.double("basic_cv") }.filter { $0 < cv }.count
            #expect(row.int("basic_rank") == Int64(lower + 1), "\(row.text("county_code") ?? "") \(row.text("stage") ?? "")")
        }
        // By hand: 青石县's primary composite 0.1811 before 柳溪县's 0.5681; its junior 0.1242 after 柳溪县's 0.0687.
        let overview = try warehouse.countyOverview(year: 2024)
        #expect(overview.map { "\($0.stage.rawValue) \($0.countyCode) \($0.basicRank.map(String.init) ?? "-")" } == [
            "primary 360321 1", "primary 360399 2", "primary 360392 -", "junior 360399 1", "junior 360321 2", "junior 360392 -",
        ])
        let first = try #require(overview.first)
        #expect(first.countyName == "青石县" && first.schools == 25 && first.students == 17_191)
        #expect(abs((first.basicCV ?? 0) - 0.1811) < 0.00005 && first.basicCVLimit == 0.65 && first.basicMet == true)
        let district = try #require(overview.first { $0.countyCode == "360392" })
        #expect(district.countyName == "东湖区" && district.basicCV == nil && district.basicMet == nil)
        #expect(district.compositeGaps.contains(CompositeGap(indicator: "sports_area_per_student", reason: .noSchoolReported(field: "sports_area"))))
        #expect(try warehouse.countyOverview(year: 2031).isEmpty)
    }
}
