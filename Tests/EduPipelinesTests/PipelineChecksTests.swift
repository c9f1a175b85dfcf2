import EduIngest
@testable import EduPipelines
import EduWarehouse
import Foundation
import Testing

/// `checks:` in a pipeline: the checks file its ingest syncs, so a pipeline may audit with its own
/// thresholds and severities; Pipelines/checks.yml (or $EDUETL_CHECKS, or the built-in copy) when missing.
@Suite struct PipelineChecksTests {
    static let checks = SchedulerTests.root.appendingPathComponent("Pipelines/checks.yml")

    @Test func theChecksKeyIsReadAndDefaultsToThePipelinesFolder() throws {
        let text = "name: a\ninputs: [returns]\nwarehouse: w.sqlite\n"
        #expect(try PipelineSpecLoader.parse(text, source: "p.yml").checks == "Pipelines/checks.yml")
        #expect(try PipelineSpecLoader.parse(text + "checks: config/县checks.yml\n", source: "p.yml").checks == "config/县checks.yml")
        do {
            _ = try PipelineSpecLoader.parse(text + "checks: [a.yml]\n", source: "p.yml")
            Issue.record("a list for checks was taken")
        } catch {
            #expect(error.description.hasPrefix("p.yml line 4:"), "\(error.description)")
        }
    }

    /// The same return (−500 m², an error under Pipelines/checks.yml) passes `audit: stop-on-error`
    /// with a pipeline whose checks make negative_value a warning: its own file is the one applied.
    @Test func aPipelinesOwnChecksAreTheOnesApplied() throws {
        let folder = try SchedulerTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let own = folder.appendingPathComponent("县checks.yml")
        let text = try String(contentsOf: Self.checks, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "  negative_value:\n    severity: error", with: "  negative_value:\n    severity: warning")
        #expect(edited != text)
        try edited.write(to: own, atomically: true, encoding: .utf8)

        var spec = try AuditPipelineTests.pipeline(in: folder, audit: .stopOnError)
        spec.checks = own.path
        let (result, log, files) = try AuditPipelineTests.run(spec)
        #expect(!result.failed, "\(result.message ?? "")")
        #expect(log.contains { $0.contains("(negative_value, warning): 1") }, "\(log)")
        #expect(files.contains { $0.hasSuffix(".html") }, "the summaries are exported: \(files)")

        // The default file's error stops the same pipeline.
        let strict = try SchedulerTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: strict) }
        var standard = try AuditPipelineTests.pipeline(in: strict, audit: .stopOnError)
        standard.checks = Self.checks.path
        #expect(try AuditPipelineTests.run(standard).0.failed)
    }

    /// A broken checks file fails the run, naming the file and its line; nothing is ingested.
    @Test func aBrokenChecksFileFailsTheRunWithItsLine() throws {
        let folder = try SchedulerTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken.yml")
        try "version: 1\nrules:\n  negative_value:\n    severity: fatal\n    message: x\n".write(to: broken, atomically: true, encoding: .utf8)
        var spec = try AuditPipelineTests.pipeline(in: folder, audit: .report)
        spec.checks = broken.path
        let (result, _, files) = try AuditPipelineTests.run(spec)
        #expect(result.failed)
        #expect(result.message?.contains("broken.yml line 4") == true, "\(result.message ?? "")")
        #expect(files.isEmpty, "\(files)")
    }
}
