import EduAudit
import EduIngest
import EduNormalise
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
}
