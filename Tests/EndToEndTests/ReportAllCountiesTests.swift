import Foundation
import Testing

/// `eduetl report --all-counties`: every county's summary, and beside them the ranking of every
/// county; refused with --county (a usage error, exit 2, nothing written).
struct ReportAllCountiesTests {
    @Test func allCountiesWritesEachSummaryAndTheRankingBesideThem() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let samples = IngestCommandTests.samples
        for (paths, county) in [(IngestCommandTests.countyFiles, "360321"), ([samples.appendingPathComponent("东湖区").path], "360392"),
                                ([samples.appendingPathComponent("柳溪县").path], "360399")] {
            let ingest = try IngestCommandTests.ingest(paths, db: db, ["--county", county])
            #expect(ingest.status == 0, "\(county): \(ingest.stderr)")
        }
        let out = folder.appendingPathComponent("out").path
        let both = try BinaryRunner.run(["report", "--year", "2024", "--all-counties", "--county", "360321", "--db", db.path, "--out", out])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--all-counties ranks every county of the year, so it cannot be given with --county 360321"), "\(both.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))

        let report = try BinaryRunner.run(["report", "--year", "2024", "--all-counties", "--db", db.path, "--out", out, "--format", "csv,html"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("eduetl report: 全部县区2024年义务教育均衡发展县域排名: 3 counties ranked"), "\(report.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        for county in ["青石县-360321", "东湖区-360392", "柳溪县-360399"] {
            #expect(files.contains { $0.hasPrefix(county + "-2024-county-summary-") && $0.hasSuffix(".html") }, "\(county): \(files)")
        }
        let ranking = files.filter { $0.hasPrefix("全部县区-2024-county-ranking-") }.sorted()
        #expect(ranking.count == 2 && ranking.first?.hasSuffix(".csv") == true && ranking.last?.hasSuffix(".html") == true, "\(files)")

        // Without --all-counties, no ranking.
        let plain = try BinaryRunner.run(["report", "--year", "2024", "--db", db.path, "--out", out, "--format", "json"])
        #expect(plain.status == 0 && !plain.stdout.contains("county-ranking"), "\(plain.stdout)")
    }
}
