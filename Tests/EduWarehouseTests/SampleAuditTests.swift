import EduAudit
import EduIngest
import Foundation
@testable import EduWarehouse
import Testing

/// The checks on the sample returns: 柳溪县's township 白石镇 made one of each mistake, and gives exactly
/// the findings SampleInputs/柳溪县/EXPECTED_FINDINGS.json lists (worked by hand in
/// Scripts/samples/make_audit_township.py); the other sample files give only the findings the README
/// names, each checked by hand against the file.
struct SampleAuditTests {
    static let folder = BalanceViewTests.root.appendingPathComponent("SampleInputs/柳溪县")

    static func expected() throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("EXPECTED_FINDINGS.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func findings(_ warehouse: Warehouse, where condition: String) throws -> [String] {
        try warehouse.connection.prepare("""
            SELECT school_code, school_name, stage, rule, severity, indicator, sheet, coalesce(cell, '-'), message, source_file
            FROM audit_findings WHERE \(condition) ORDER BY school_code, stage, rule, indicator
            """).rows().map { row in (0..<10).map { row[$0].text ?? "NULL" }.joined(separator: " | ") }
    }

    @Test func theTownshipThatMadeTheUsualMistakesGivesExactlyTheExpectedFindings() throws {
        let warehouse = try BalanceViewTests.ingest([IngestInput(path: Self.folder.path, county: "360399")])
        try warehouse.syncAuditRules(try #require(AuditFindingsTests.rules))
        let expected = try Self.expected()
        let file = try #require(expected["file"] as? String)
        let want = try #require(expected["findings"] as? [[String: Any]]).map { finding in
            ["school_code", "school_name", "stage", "rule", "severity", "indicator", "sheet", "cell", "message"]
                .map { (finding[$0] as? String) ?? "-" }.joined(separator: " | ") + " | SampleInputs/柳溪县/\(file)"
        }.sorted()
        let got = try Self.findings(warehouse, where: "year = 2024 AND county_code = '360399'")
            .map { $0.replacingOccurrences(of: BalanceViewTests.root.path + "/", with: "") }
        #expect(got == want, "\(got.joined(separator: "\n"))")
        // One of each check, and the year before gives none.
        #expect(Set(got.map { $0.components(separatedBy: " | ")[3] }) == Set(AuditRuleID.allCases.map(\.rawValue)))
        #expect(try Self.findings(warehouse, where: "year = 2023").isEmpty)
    }

    /// 青石县's returns give none; 东湖区's give the two the README names, each read by hand in the
    /// workbook against its hidden 小学(2023) sheet: 沙湾小学's books went from 1,507 to 2,771 (+84%), and
    /// 青溪乡中心小学's pupils from 543 to 739 (+36%) when 竹坑小学 (2023 only) merged into it.
    @Test func theOtherSampleFilesGiveOnlyTheFindingsCheckedByHand() throws {
        let warehouse = try BalanceViewTests.ingestSamples()
        try warehouse.syncAuditRules(try #require(AuditFindingsTests.rules))
        #expect(try Self.findings(warehouse, where: "county_code = '360321'").isEmpty)
        let district = try Self.findings(warehouse, where: "county_code = '360392'").map {
            $0.components(separatedBy: " | ").prefix(9).joined(separator: " | ")
        }
        #expect(district == [
            "2136039212 | 东湖区白鹭镇沙湾小学 | primary | year_over_year | warning | books | 小学 | Z21 | 图书册数由上年的1507变为2771，变化超过50%",
            "2136039213 | 东湖区青溪乡中心小学 | primary | year_over_year | warning | students | 小学 | N23 | 在校学生数由上年的543变为739，变化超过30%",
        ], "\(district.joined(separator: "\n"))")
    }
}
