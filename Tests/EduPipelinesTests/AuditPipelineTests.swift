import EduIngest
@testable import EduPipelines
import EduWarehouse
import Foundation
import Testing

/// `audit:` in a pipeline: the findings written beside the exports and summed up in the log; with
/// stop-on-error an error finding keeps the county summaries from being exported and fails the run.
@Suite struct AuditPipelineTests {
    /// One school with a negative 教学及辅助用房面积 (an error finding, negative_value).
    static let lines = [
        "学校标识码,学校名称,乡镇,办学类型,统计年度,在校学生数,班级数,教职工数,专任教师数,教学及辅助用房面积",
        "3603219701,甲小学,白鹭镇,小学,2024,500,10,35,30,-500",
    ]

    static func pipeline(in folder: URL, audit: AuditMode?) throws -> PipelineSpec {
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: folder.appendingPathComponent("示例县2024.csv"))
        return PipelineSpec(name: "audited", inputs: [IngestInput(path: folder.appendingPathComponent("示例县2024.csv").path)],
                            warehouse: folder.appendingPathComponent("w.sqlite").path, year: 2024, county: "360321",
                            catalogue: SchedulerTests.catalogue, standards: SchedulerTests.standards,
                            exports: .init(formats: [.csv, .html], destination: folder.appendingPathComponent("out").path),
                            audit: audit, source: folder.appendingPathComponent("audited.yml").path)
    }

    static func run(_ spec: PipelineSpec) throws -> (PipelineRunner.Result, [String], [String]) {
        var lines: [String] = []
        let result = try PipelineRunner(spec: spec, workers: 1, log: { lines.append($0) }).run(slot: nil)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: spec.exports?.destination ?? "")) ?? []
        return (result, lines, files.sorted())
    }

    @Test func stopOnErrorExportsNoSummaryAndFailsSayingHowManyErrors() throws {
        let folder = try SchedulerTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (result, log, files) = try Self.run(Self.pipeline(in: folder, audit: .stopOnError))
        #expect(result.failed)
        let message = result.message ?? ""
        #expect(message.contains("the checks found 1 error in the returns"), "\(message)")
        #expect(message.contains("`eduetl audit --year 2024 --county 360321"), "\(message)")
        #expect(files.allSatisfy { $0.contains("-audit-") }, "\(files)")
        #expect(files.count == 1 && files.first?.hasSuffix(".csv") == true, "only the audit's CSV (html is not an audit format): \(files)")
        #expect(!result.exports.contains { !$0.contains("-audit-") })
        #expect(log.contains { $0.contains("audit ") && $0.contains("1 error") }, "\(log)")
        let runs = try Warehouse(path: folder.appendingPathComponent("w.sqlite").path).pipelineRuns(pipeline: "audited")
        #expect(runs.last?.status == .failed)
    }

    @Test func reportExportsAndLogsTheSummary() throws {
        let folder = try SchedulerTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (result, log, files) = try Self.run(Self.pipeline(in: folder, audit: .report))
        #expect(!result.failed, "\(result.message ?? "")")
        #expect(files.filter { $0.contains("-audit-") }.count == 1, "\(files)")
        #expect(files.contains { $0.hasSuffix(".html") } && files.contains { $0.hasSuffix(".csv") && !$0.contains("-audit-") }, "\(files)")
        #expect(log.contains { $0.hasPrefix("audited: audit ") && $0.contains("1 error") }, "\(log)")
        #expect(log.contains { $0.contains("(negative_value, error): 1") }, "\(log)")
        // Said again at the end, after the exports, and in the run's message.
        #expect(log.last == "audited: 审核: 青石县 360321 2024 1 error, 0 warnings (`eduetl audit --year 2024 --county 360321` lists them)", "\(log)")
        #expect(result.message?.hasSuffix("files exported; 审核 1 error, 0 warnings") == true, "\(result.message ?? "")")
    }

    @Test func noAuditKeyNoAuditFiles() throws {
        let folder = try SchedulerTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (result, _, files) = try Self.run(Self.pipeline(in: folder, audit: nil))
        #expect(!result.failed && !files.isEmpty && !files.contains { $0.contains("-audit-") }, "\(files)")
    }

    static let text = """
        name: annual-returns
        inputs: [returns]
        warehouse: warehouse.sqlite
        exports:
          formats: [xlsx]
          destination: reports/
        audit: %@
        """

    @Test func theAuditKeyIsReadAndABadValueRefusedWithItsLine() throws {
        #expect(try PipelineSpecLoader.parse(Self.text.replacingOccurrences(of: "%@", with: "report"), source: "p.yml").audit == .report)
        #expect(try PipelineSpecLoader.parse(Self.text.replacingOccurrences(of: "%@", with: "stop-on-error"), source: "p.yml").audit
                == .stopOnError)
        let none = Self.text.components(separatedBy: "\n").dropLast().joined(separator: "\n")
        #expect(try PipelineSpecLoader.parse(none, source: "p.yml").audit == nil)
        for bad in ["stop", "[report]"] {
            do {
                _ = try PipelineSpecLoader.parse(Self.text.replacingOccurrences(of: "%@", with: bad), source: "p.yml")
                Issue.record("audit: \(bad) was taken")
            } catch {
                #expect(error.description.hasPrefix("p.yml line 7: 'audit' must be report or stop-on-error"), "\(error.description)")
            }
        }
        let noExports = "name: a\ninputs: [returns]\nwarehouse: w.sqlite\naudit: report\n"
        do {
            _ = try PipelineSpecLoader.parse(noExports, source: "p.yml")
            Issue.record("audit without exports was taken")
        } catch {
            #expect(error.description.hasPrefix("p.yml line 4: 'audit' needs 'exports'"), "\(error.description)")
        }
    }
}
