import Foundation
import Testing

/// Each module does its own job (issue 11, point 19): the warehouse stores, and reads its views;
/// it parses no YAML, builds no report, keeps no scheduler logic and looks at no process. The
/// county export is written once, in EduReports, and both `eduetl report` and pipelines call it.
struct ModuleBoundariesTests {
    static func sources(of module: String) throws -> [(file: String, text: String)] {
        let folder = BinaryRunner.root.appendingPathComponent("Sources/\(module)")
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return try walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map { name in
            (name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    @Test(arguments: [
        ("import EduConfig", "parses no configuration file (standards.yml is EduStandards')"),
        ("import Yams", "parses no YAML"),
        ("CountySummary", "builds no report model (EduReports does)"),
        ("CountyReport", "builds no report model (EduReports does)"),
        ("ISO8601DateFormatter().date", "reads no cron slots (EduPipelines does)"),
        ("lastFinishedSlot", "decides nothing for the scheduler (PipelineHistory does)"),
        ("kill(", "looks at no process (ProcessLiveness in EduIngest does)"),
        ("getpid()", "looks at no process (the caller passes its pid)"),
    ])
    func theWarehouseOnlyStores(needle: String, why: String) throws {
        let files = try Self.sources(of: "EduWarehouse")
        #expect(files.count > 10, "EduWarehouse's sources were not found")
        for (file, text) in files {
            #expect(!text.contains(needle), "EduWarehouse/\(file) has '\(needle)': the warehouse \(why)")
        }
    }

    @Test func countyExportsAreWrittenInOnePlace() throws {
        let command = try Self.sources(of: "eduetl").filter { $0.file.hasSuffix("ReportCommand.swift") }
        let pipeline = try Self.sources(of: "EduPipelines").filter { $0.file.hasSuffix("PipelineRunner.swift") }
        #expect(command.count == 1 && pipeline.count == 1)
        for (file, text) in command + pipeline {
            #expect(text.contains("CountyExports("), "\(file) does not export through CountyExports")
            #expect(!text.contains("CountySummary("), "\(file) builds a summary itself")
            #expect(!text.contains("exporter.export("), "\(file) writes the files itself")
        }
    }

    @Test func processLivenessIsCheckedInOnePlace() throws {
        var checks: [String] = []
        for module in ["EduCore", "EduZip", "EduXLSX", "EduCSV", "EduConfig", "EduNormalise", "EduStandards", "EduWarehouse",
                       "EduIngest", "EduReports", "EduPipelines", "eduetl"] {
            for (file, text) in try Self.sources(of: module) where text.contains("kill(") {
                checks.append("\(module)/\(file)")
            }
        }
        #expect(checks == ["EduIngest/ProcessLiveness.swift"])
    }
}
