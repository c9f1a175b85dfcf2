import EduAudit
import EduIngest
import EduNormalise
import EduPipelines
import EduStandards
import EduWarehouse
import Foundation

/// Uploads ingested one at a time, in the order they came, on a thread of their own (the pages stay
/// quick while a batch is read); each job's progress kept for its page. A pipeline run from the page
/// takes its turn in the same line. The warehouse's own lock keeps an `eduetl ingest` in another
/// process out of the way too.
final class IngestQueue: @unchecked Sendable {
    private let settings: WebSettings
    private let worker = DispatchQueue(label: "eduetl.serve.ingest")
    // Guards `jobs` and `order`, read by the pages while the worker writes them.
    private let lock = NSLock()
    private var jobs: [String: UploadJob] = [:]
    private var order: [String] = []
    /// The finished jobs a page can still show; older ones are forgotten (their files stay in uploads/).
    static let kept = 100

    init(settings: WebSettings) {
        self.settings = settings
    }

    /// Puts `job` in line and returns at once; its page follows it by id.
    func submit(_ job: UploadJob) {
        lock.withLock {
            jobs[job.id] = job
            order.append(job.id)
            while order.count > Self.kept, let oldest = order.first, jobs[oldest]?.isDone ?? true {
                order.removeFirst()
                jobs[oldest] = nil
            }
        }
        worker.async { [self] in
            lock.withLock { jobs[job.id]?.started = Date() }
            let state: UploadJob.State
            do {
                state = .finished(try ingest(folder: job.folder, year: job.year, county: job.county) { done, total, path in
                    self.update(job.id, .reading(done: done, total: total, last: (path as NSString).lastPathComponent))
                })
            } catch {
                state = .failed("\(error)")
            }
            lock.withLock {
                jobs[job.id]?.state = state
                jobs[job.id]?.finished = Date()
            }
        }
    }

    func job(_ id: String) -> UploadJob? { lock.withLock { jobs[id] } }

    /// The uploads before `id` still waiting or being read.
    func ahead(of id: String) -> Int {
        lock.withLock {
            let before = order.prefix { $0 != id }
            return before.filter { jobs[$0]?.isDone == false }.count
        }
    }

    /// The latest jobs, newest first.
    func recent(_ count: Int) -> [UploadJob] {
        lock.withLock { order.suffix(count).reversed().compactMap { jobs[$0] } }
    }

    private func update(_ id: String, _ state: UploadJob.State) {
        lock.withLock { jobs[id]?.state = state }
    }

    /// Ingests the folder of an upload with the catalogue, standards and checks as they are now.
    private func ingest(folder: String, year: Int?, county: String?, progress: (Int, Int, String) -> Void) throws -> UploadJob.Outcome {
        let catalogue: Catalogue, standards: Standards, rules: AuditRules
        do {
            catalogue = try CatalogueFile(settings: settings).load()
            standards = try StandardsLoader.load(path: settings.standardsPath)
            rules = try settings.checksPath.map { try AuditRulesLoader.load(path: $0) } ?? AuditRulesLoader.loadDefault()
        } catch {
            throw PageProblem.brokenChecks("\(error)")
        }
        let warehouse = try Warehouse(path: settings.database)
        let options = Ingest.Options(inputs: [IngestInput(path: folder)], year: year, county: county, command: "eduetl serve (upload)")
        let found = Ingest.discover(options.inputs)
        progress(0, found.count, "")
        let summary = try Ingest(options: options, catalogue: catalogue, standards: standards, auditRules: rules, warehouse: warehouse)
            .run(found: found, progress: progress)
        var mappings: [String: [HeaderMappingRow]] = [:]
        for file in summary.files {
            let absolute = URL(fileURLWithPath: file.path).standardizedFileURL.path
            mappings[file.path] = try warehouse.headerMapping(ofFileAt: absolute)
        }
        return UploadJob.Outcome(files: summary.files, mappings: mappings)
    }

    /// A pipeline run by hand from the page, after the uploads before it; refused while the scheduler
    /// (or another run) holds its lock. Returns its progress lines and how it ended.
    func run(_ spec: PipelineSpec) async throws -> (lines: [String], result: PipelineRunner.Result) {
        try await withCheckedThrowingContinuation { continuation in
            worker.async {
                continuation.resume(with: Result { try Self.runNow(spec) })
            }
        }
    }

    private static func runNow(_ spec: PipelineSpec) throws -> (lines: [String], result: PipelineRunner.Result) {
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
