import EduAudit
import EduIngest
import EduNormalise
import EduPipelines
import EduStandards
import EduWarehouse
import Foundation

/// Uploads ingested one at a time (an actor: a second upload waits for the first); the warehouse's
/// own lock keeps an `eduetl ingest` in another process out of the way too.
actor IngestQueue {
    private let settings: WebSettings

    init(settings: WebSettings) {
        self.settings = settings
    }

    struct Outcome: Sendable {
        var files: [Ingest.FileReport]
        var mappings: [String: [HeaderMappingRow]]
    }

    /// Ingests the folder of an upload with the catalogue, standards and checks as they are now.
    func ingest(folder: String, year: Int?, county: String?) throws -> Outcome {
        let catalogue: Catalogue, standards: Standards, rules: AuditRules
        do {
            catalogue = try settings.cataloguePath.map { try CatalogueLoader.load(path: $0) } ?? CatalogueLoader.loadDefault()
            standards = try StandardsLoader.load(path: settings.standardsPath)
            rules = try settings.checksPath.map { try AuditRulesLoader.load(path: $0) } ?? AuditRulesLoader.loadDefault()
        } catch {
            throw PageProblem.brokenChecks("\(error)")
        }
        let warehouse = try Warehouse(path: settings.database)
        let options = Ingest.Options(inputs: [IngestInput(path: folder)], year: year, county: county, command: "eduetl serve (upload)")
        let summary = try Ingest(options: options, catalogue: catalogue, standards: standards, auditRules: rules, warehouse: warehouse).run()
        var mappings: [String: [HeaderMappingRow]] = [:]
        for file in summary.files {
            let absolute = URL(fileURLWithPath: file.path).standardizedFileURL.path
            mappings[file.path] = try warehouse.headerMapping(ofFileAt: absolute)
        }
        return Outcome(files: summary.files, mappings: mappings)
    }

    /// A pipeline run by hand from the page, after any upload in progress; refused while the
    /// scheduler (or another run) holds its lock. Returns its progress lines and how it ended.
    func run(_ spec: PipelineSpec) throws -> (lines: [String], result: PipelineRunner.Result) {
        let lock: RunLock
        do {
            lock = try RunLock.acquire(path: RunLock.path(warehouse: spec.warehouse, pipeline: spec.name))
        } catch {
            if case .held(let pid) = error { throw PageProblem.badRequest("流水线 \(spec.name) 正在运行（进程 \(pid)），请稍后再试。") }
            throw error
        }
        defer { lock.release() }
        let lines = LineLog()
        let result = try PipelineRunner(spec: spec, log: { lines.append($0) }).run(slot: nil)
        return (lines.lines, result)
    }
}

/// The runner's progress lines, gathered as it logs them.
private final class LineLog {
    var lines: [String] = []
    func append(_ line: String) { lines.append(line) }
}
