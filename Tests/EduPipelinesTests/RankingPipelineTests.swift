import EduIngest
@testable import EduPipelines
import Foundation
import Testing

/// `exports: ranking:` in a pipeline: true writes the ranking of every county beside the summaries,
/// in the export formats; false or no key writes none; another value is refused with its line.
@Suite struct RankingPipelineTests {
    static let text = """
        name: annual-returns
        inputs: [returns]
        warehouse: warehouse.sqlite
        exports:
          formats: [xlsx, csv]
          destination: reports/
          ranking: %@
        """

    @Test func theRankingKeyIsReadAndABadValueRefusedWithItsLine() throws {
        func parse(_ value: String) throws -> PipelineSpec {
            try PipelineSpecLoader.parse(Self.text.replacingOccurrences(of: "%@", with: value), source: "p.yml")
        }
        #expect(try parse("true").exports?.ranking == true)
        #expect(try parse("True").exports?.ranking == true)
        #expect(try parse("false").exports?.ranking == false)
        let none = Self.text.components(separatedBy: "\n").dropLast().joined(separator: "\n")
        #expect(try PipelineSpecLoader.parse(none, source: "p.yml").exports?.ranking == false)
        for bad in ["yes please", "[true]", "1"] {
            let error = #expect(throws: PipelineError.self) { try parse(bad) }
            #expect(error?.description.hasPrefix("p.yml line 7: 'ranking' must be true (every county ranked beside the summaries) or false")
                    == true, "\(bad): \(String(describing: error))")
        }
    }

    @Test func aRankingPipelineWritesTheRankingBesideTheSummaries() throws {
        let folder = try SchedulerTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var spec = try AuditPipelineTests.pipeline(in: folder, audit: nil)
        spec.exports?.ranking = true
        let (result, log, files) = try AuditPipelineTests.run(spec)
        #expect(!result.failed, "\(result.message ?? "")")
        let ranking = files.filter { $0.contains("-county-ranking-") }
        #expect(ranking.count == 2 && ranking.allSatisfy { $0.hasPrefix("全部县区-2024-county-ranking-") }, "\(files)")
        #expect(ranking.contains { $0.hasSuffix(".csv") } && ranking.contains { $0.hasSuffix(".html") }, "\(ranking)")
        #expect(result.exports.filter { $0.contains("-county-ranking-") }.count == 2, "\(result.exports)")
        #expect(log.contains { $0.hasPrefix("audited: exported ") && $0.contains("全部县区-2024-county-ranking-") }, "\(log)")

        spec.exports?.ranking = false
        let (again, _, after) = try AuditPipelineTests.run(spec)
        #expect(!again.failed && after.filter { $0.contains("-county-ranking-") }.count == 2, "no second ranking: \(after)")
    }
}
