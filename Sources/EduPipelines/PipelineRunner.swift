import EduAudit
import EduIngest
import EduNormalise
import EduReports
import EduStandards
import EduWarehouse
import Foundation

/// Runs one pipeline as one recorded run (a row of `pipeline_runs`): its inputs ingested with its
/// year, county, catalogue, standards and checks, then (with `audit:`) the checks' findings written and summed
/// up, then each county summary exported. A run that fails part way is recorded as failed with the
/// reason; what was ingested and exported before stays. With `audit: stop-on-error`, an error finding
/// fails the run before the county summaries: the audit files are written, the summaries are not.
public struct PipelineRunner {
    public struct Result: Sendable {
        public var runID: Int64
        public var failed: Bool
        public var message: String?
        public var ingestRunID: Int64?
        public var filesLoaded: Int
        public var filesUnchanged: Int
        public var filesRejected: Int
        public var exports: [String]
    }

    /// Why a run could not even be recorded (the warehouse cannot be opened).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let spec: PipelineSpec
    /// Files read at once by the ingest (default: cores).
    public var workers: Int
    /// Where the progress lines go (one line each, without newline).
    public var log: (String) -> Void
    /// The date the reports are dated by.
    public var today: () -> Date

    public init(spec: PipelineSpec, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                log: @escaping (String) -> Void = { _ in }, today: @escaping () -> Date = Date.init) {
        self.spec = spec
        self.workers = workers
        self.log = log
        self.today = today
    }

    /// Runs the pipeline for `slot` (nil: by hand). Throws only when the run cannot be recorded.
    public func run(slot: Date?) throws -> Result {
        let warehouse: Warehouse
        let runID: Int64
        do {
            warehouse = try Warehouse(path: spec.warehouse)
            runID = try PipelineHistory(warehouse: warehouse, pipeline: spec.name).start(file: spec.source, slot: slot)
        } catch {
            throw Failure(description: "\(spec.name): cannot record the run in \(spec.warehouse): \(error)")
        }
        var outcome = Warehouse.PipelineRunOutcome()
        var audited: [AuditTally] = []
        do {
            try perform(warehouse: warehouse, outcome: &outcome, audited: &audited)
        } catch {
            outcome.failed = true
            outcome.message = "\(error)"
        }
        if !outcome.failed && outcome.message == nil {
            outcome.message = "\(outcome.filesLoaded) loaded, \(outcome.filesUnchanged) unchanged, \(outcome.filesRejected) rejected; "
                + "\(outcome.exports.count) files exported" + (audited.isEmpty ? "" : "; " + AuditTally.total(audited))
        }
        do {
            try warehouse.finishPipelineRun(runID, outcome)
        } catch {
            throw Failure(description: "\(spec.name): cannot record the end of run \(runID): \(error)")
        }
        return Result(runID: runID, failed: outcome.failed, message: outcome.message, ingestRunID: outcome.ingestRunID,
                      filesLoaded: outcome.filesLoaded, filesUnchanged: outcome.filesUnchanged,
                      filesRejected: outcome.filesRejected, exports: outcome.exports)
    }

    private func perform(warehouse: Warehouse, outcome: inout Warehouse.PipelineRunOutcome, audited: inout [AuditTally]) throws {
        let catalogue = try CatalogueLoader.load(pipelineCatalogue: spec.catalogue)
        let standards = try StandardsLoader.load(pipelineStandards: spec.standards)
        let auditRules = try AuditRulesLoader.load(pipelineChecks: spec.checks)
        let inputs = InputGlob.expand(spec.inputs)
        let paths = inputs.map(\.path)
        if paths.isEmpty {
            log("\(spec.name): nothing to ingest in \(spec.inputs.map(\.path).joined(separator: ", "))")
        } else {
            let options = Ingest.Options(inputs: inputs, year: spec.year, county: spec.county, workers: workers,
                                         command: "eduetl run \(spec.source)")
            do {
                let summary = try Ingest(options: options, catalogue: catalogue, standards: standards, auditRules: auditRules,
                                         warehouse: warehouse).run()
                outcome.ingestRunID = summary.run
                outcome.filesLoaded = summary.counts.filesLoaded
                outcome.filesUnchanged = summary.counts.filesUnchanged
                outcome.filesRejected = summary.counts.filesRejected
                log("\(spec.name): ingest run \(summary.run): \(summary.counts.filesLoaded) loaded, "
                    + "\(summary.counts.filesUnchanged) unchanged, \(summary.counts.filesRejected) rejected")
            } catch IngestError.noFiles {
                log("\(spec.name): no returns in \(paths.joined(separator: ", "))")
            }
        }
        guard let exports = spec.exports else { return }
        let countyExports = CountyExports(warehouse: warehouse,
                                          exporter: CountyReportExporter(folder: exports.destination, formats: exports.formats),
                                          standards: standards, generated: today())
        let chosen = try countyExports.chosen(year: spec.year, counties: exports.counties)
        if chosen.isEmpty {
            log("\(spec.name): the warehouse has no school values to export"
                + (spec.year.map { " for \($0)" } ?? "") + (exports.counties.map { " in \($0.joined(separator: ", "))" } ?? ""))
        }
        if let mode = spec.audit, !chosen.isEmpty,
           let stop = try audit(chosen, mode: mode, warehouse: warehouse, destination: exports, outcome: &outcome, audited: &audited) {
            outcome.failed = true
            outcome.message = stop
            log("\(spec.name): \(stop)")
            return
        }
        var written: [CountyExports.Written] = []
        for pair in chosen {
            let county = try countyExports.export(year: pair.year, county: pair.county)
            written.append(county)
            outcome.exports += county.paths
            log("\(spec.name): \(county.report.headline)")
            for path in county.paths { log("\(spec.name): exported \(path)") }
        }
        if exports.ranking { try rank(Set(chosen.map(\.year)).sorted(), beside: written, with: countyExports, outcome: &outcome) }
        // The checks' findings again at the end, where the run's output is read first.
        if !audited.isEmpty { log("\(spec.name): \(AuditTally.recap(audited))") }
    }

    /// Writes the ranking of every county of each year beside the summaries (`exports: ranking: true`).
    private func rank(_ years: [Int], beside written: [CountyExports.Written], with countyExports: CountyExports,
                      outcome: inout Warehouse.PipelineRunOutcome) throws {
        for year in years {
            let ranking = try countyExports.exportRanking(year: year, beside: written)
            if ranking.paths.isEmpty { log("\(spec.name): no county of \(year) has balance figures to rank") }
            outcome.exports += ranking.paths
            for path in ranking.paths { log("\(spec.name): exported \(path)") }
        }
    }

    /// Writes and sums up the findings of each county and year (as `eduetl audit`) into the exports'
    /// destination, in the export formats audit writes (xlsx, csv, json). Returns why the run stops
    /// (stop-on-error and an error finding, or no checks to apply), nil to go on to the exports.
    private func audit(_ chosen: [(year: Int, county: String)], mode: AuditMode, warehouse: Warehouse,
                       destination exports: PipelineSpec.Exports, outcome: inout Warehouse.PipelineRunOutcome,
                       audited: inout [AuditTally]) throws -> String? {
        let formats = exports.formats.compactMap { AuditFormat(rawValue: $0.rawValue) }
        let audits = AuditExports(warehouse: warehouse, exporter: AuditReportExporter(folder: exports.destination, formats: formats),
                                  generated: today())
        guard try audits.hasRules() else {
            let problem = "the warehouse has no checks to apply; the audit needs an ingest with Pipelines/checks.yml in place"
            if mode == .stopOnError { return problem + "; the county summaries were not exported" }
            log("\(spec.name): \(problem)")
            return nil
        }
        var failing: [(year: Int, county: String, errors: Int)] = []
        for pair in chosen {
            let written = try audits.export(year: pair.year, county: pair.county)
            outcome.exports += written.paths
            log("\(spec.name): audit \(written.report.headline)")
            for count in written.report.counts {
                log("\(spec.name):   \(AuditLabels.severity(count.severity)) \(AuditLabels.rule(count.rule)) "
                    + "(\(count.rule.rawValue), \(count.severity.rawValue)): \(count.findings)")
            }
            for path in written.paths { log("\(spec.name): exported \(path)") }
            if written.report.hasErrors { failing.append((pair.year, pair.county, written.report.errors)) }
            audited.append(AuditTally(county: pair.county, label: written.report.countyLabel, year: pair.year,
                                      errors: written.report.errors, warnings: written.report.warnings))
        }
        guard mode == .stopOnError, let first = failing.first else { return nil }
        let errors = failing.reduce(0) { $0 + $1.errors }
        let places = failing.map { "\($0.county) \($0.year): \($0.errors)" }.joined(separator: ", ")
        return "the checks found \(errors) error\(errors == 1 ? "" : "s") in the returns (\(places)); the county summaries were not "
            + "exported (audit: stop-on-error). Correct the returns and ingest again; `eduetl audit --year \(first.year) "
            + "--county \(first.county) --db \(spec.warehouse)` lists them"
    }
}
