import EduAudit
import EduCSV
import EduNormalise
import EduStandards
import EduWarehouse
import Foundation

/// `eduetl ingest`: files read and normalised in parallel (one worker per core), loaded by one
/// writer in the order they were named, each in its own transaction; the run is recorded.
public final class Ingest {
    public struct Options: Sendable {
        /// What to read, each with its own year and county where it has them.
        public var inputs: [IngestInput]
        /// The year and county for inputs that give none.
        public var year: Int?
        public var county: String?
        public var csv: CSVOptions
        public var workers: Int
        public var command: String

        public init(paths: [String], year: Int? = nil, county: String? = nil, csv: CSVOptions = CSVOptions(),
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount, command: String = "eduetl ingest") {
            self.inputs = paths.map { IngestInput(path: $0) }
            self.year = year
            self.county = county
            self.csv = csv
            self.workers = max(1, workers)
            self.command = command
        }

        public init(inputs: [IngestInput], year: Int? = nil, county: String? = nil, csv: CSVOptions = CSVOptions(),
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount, command: String = "eduetl ingest") {
            self.init(paths: [], year: year, county: county, csv: csv, workers: workers, command: command)
            self.inputs = inputs
        }

        public var paths: [String] { inputs.map(\.path) }
    }

    public enum FileOutcome: Sendable, Equatable {
        case loaded(values: Int, rejects: Int, conflicts: Int, superseded: [String])
        case unchanged
        case rejected(String)
    }

    public struct FileReport: Sendable {
        public var path: String
        public var outcome: FileOutcome
        /// What reading the file worked around or settled against it (a county the file names that
        /// the flag overrode, replaced bytes …): also kept as the file's message in the warehouse.
        public var warnings: [String] = []
    }

    public struct Summary: Sendable {
        public var run: Int64
        public var files: [FileReport]
        public var counts: Warehouse.RunCounts
        /// Earlier runs whose process died, marked 'interrupted' by this one, naming their files.
        public var interrupted: [Warehouse.InterruptedRun] = []
    }

    let options: Options
    let catalogue: Catalogue
    let standards: Standards?
    let auditRules: AuditRules?
    let warehouse: Warehouse

    public init(options: Options, catalogue: Catalogue, standards: Standards? = nil, auditRules: AuditRules? = nil, warehouse: Warehouse) {
        self.options = options
        self.catalogue = catalogue
        self.standards = standards
        self.auditRules = auditRules
        self.warehouse = warehouse
    }

    /// The files the inputs stand for, and the paths among them that cannot be read, with why.
    public static func discover(_ inputs: [IngestInput]) -> [FoundFile] {
        FileDiscovery.files(in: inputs)
    }

    /// Runs the ingest over `found` (default: what the inputs stand for now); `progress` is called
    /// on the writer's thread after each file (done, total, path). A path that cannot be read is
    /// recorded as rejected and the batch goes on; the warehouse failing stops it.
    public func run(found given: [FoundFile]? = nil, progress: (Int, Int, String) -> Void = { _, _, _ in }) throws -> Summary {
        let found = given ?? Self.discover(options.inputs)
        let paths = found.map(\.path)
        guard !paths.isEmpty else { throw IngestError.noFiles(options.paths) }
        try warehouse.syncCatalogue(catalogue)
        if let standards { try warehouse.syncStandards(standards) }
        if let auditRules { try warehouse.syncAuditRules(auditRules) }
        let (run, interrupted) = try warehouse.startRun(command: options.command, pid: Int64(getpid()),
                                                              isGone: ProcessLiveness.recordedRunIsGone)
        // One preparer (and set of loaded digests) per year and county the inputs settle on.
        let normaliser = Normaliser(catalogue: catalogue)
        var preparers: [Flags: (preparer: FilePreparer, digests: Set<String>)] = [:]
        let catalogueDigest = self.catalogueDigest()
        for input in found.map(\.input) {
            let flags = Flags(year: input.year ?? options.year, county: input.county ?? options.county)
            guard preparers[flags] == nil else { continue }
            let settings = loadSettings(flags, catalogueDigest: catalogueDigest)
            let preparer = FilePreparer(normaliser: normaliser, resolver: RecordResolver(catalogue: catalogue, year: flags.year, county: flags.county),
                                        csv: options.csv, settings: settings)
            preparers[flags] = (preparer, try warehouse.loadedDigests(settings: settings))
        }
        let perFile = found.compactMap { preparers[Flags(year: $0.input.year ?? options.year, county: $0.input.county ?? options.county)] }
        let queue = PreparedQueue(count: paths.count, window: options.workers * 2)
        for _ in 0..<min(options.workers, paths.count) {
            Thread.detachNewThread {
                while let index = queue.claim() {
                    guard queue.startReading(index) else { return }
                    #if DEBUG
                    IngestTestHooks.startsReading(paths[index])
                    #endif
                    let (preparer, digests) = perFile[index]
                    let prepared = found[index].problem.map { preparer.rejected(path: paths[index], because: $0) }
                        ?? preparer.prepare(path: paths[index], knownDigests: digests)
                    queue.deliver(index, prepared)
                }
            }
        }
        var summary = Summary(run: run, files: [], counts: Warehouse.RunCounts(), interrupted: interrupted)
        do {
            for index in paths.indices {
                let outcome: FileOutcome
                let prepared: FilePreparer.Prepared
                do {
                    prepared = try take(index, from: queue, paths: paths, run: run)
                    try warehouse.recordRunFiles(run, [(index, paths[index], .loading)])
                    outcome = try write(prepared, run: run, counts: &summary.counts)
                    try warehouse.recordRunFiles(run, [(index, paths[index], .done)])
                } catch let error as WarehouseError {
                    throw IngestError.warehouseFailed(file: paths[index], error)
                }
                summary.files.append(FileReport(path: paths[index], outcome: outcome, warnings: prepared.warnings))
                progress(index + 1, paths.count, paths[index])
            }
        } catch {
            queue.cancel()
            try? warehouse.finishRun(run, counts: summary.counts, failed: true)
            throw error
        }
        try warehouse.finishRun(run, counts: summary.counts)
        return summary
    }

    /// File `index` once prepared; meanwhile, records the files the workers start and finish
    /// reading, so a run that dies names the files it was in the middle of.
    private func take(_ index: Int, from queue: PreparedQueue, paths: [String], run: Int64) throws -> FilePreparer.Prepared {
        while true {
            switch queue.step(index) {
            case .ready(let prepared):
                return prepared
            case .record(let states):
                try warehouse.recordRunFiles(run, states.map { ($0.position, paths[$0.position], $0.state) })
                queue.recorded(states)
            }
        }
    }

    struct Flags: Hashable {
        var year: Int?
        var county: String?
    }

    /// The catalogue's file's SHA-256, or the built-in one's name (which carries its fingerprint),
    /// read once a run.
    func catalogueDigest() -> String {
        (try? FileDigest.sha256(path: catalogue.source).hex) ?? catalogue.source
    }

    /// What besides a file's bytes decides what it loads as: the flags and the catalogue. How empty
    /// markers read is named too: a catalogue written before `empty_markers` reads them as 0 now,
    /// so its files load again.
    func loadSettings(_ flags: Flags, catalogueDigest: String) -> String {
        var parts = ["catalogue=\(catalogueDigest.prefix(16))", "empty_markers=\(catalogue.emptyMarkers.rawValue)"]
        if let year = flags.year { parts.append("year=\(year)") }
        if let county = flags.county { parts.append("county=\(county)") }
        if let encoding = options.csv.encoding { parts.append("encoding=\(encoding)") }
        if let delimiter = options.csv.delimiter { parts.append("delimiter=\(delimiter)") }
        return parts.joined(separator: ";")
    }

    private func write(_ prepared: FilePreparer.Prepared, run: Int64, counts: inout Warehouse.RunCounts) throws -> FileOutcome {
        switch prepared {
        case .unchanged:
            counts.filesUnchanged += 1
            return .unchanged
        case .rejected(let source, let reason):
            try warehouse.recordRejectedFile(source, reason: reason, run: run)
            counts.filesRejected += 1
            return .rejected(reason)
        case .ready(let file):
            do {
                let result = try warehouse.load(file, run: run)
                if result.outcome == .unchanged {
                    counts.filesUnchanged += 1
                    return .unchanged
                }
                counts.filesLoaded += 1
                counts.values += result.values
                counts.rejects += result.rejects
                counts.conflicts += result.conflicts
                return .loaded(values: result.values, rejects: result.rejects, conflicts: result.conflicts, superseded: result.superseded)
            } catch let error as WarehouseError where !error.stopsTheBatch {
                // Something in this file the warehouse refused: the file is rejected, the batch goes on.
                try warehouse.recordRejectedFile(file.source, reason: "the warehouse refused it: \(error)", run: run)
                counts.filesRejected += 1
                return .rejected("the warehouse refused it: \(error)")
            }
        }
    }
}
