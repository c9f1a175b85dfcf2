import EduAudit
import EduIngest
import EduNormalise
import EduReports
import EduStandards
import EduWarehouse
import Foundation

/// The three sample counties in one warehouse (青石县 360321 from SampleInputs, 东湖区 360392 and 柳溪县
/// 360399 from their folders), ingested once through the EduIngest API with the checks synced, as
/// `eduetl ingest` does; each test exports its own copy of the county summaries and the ranking.
struct SampleProvince: Sendable {
    let databasePath: String

    static let shared = Result { try SampleProvince() }
    nonisolated(unsafe) static var folder: String?

    static func get() throws -> SampleProvince { try shared.get() }

    private init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-province-wh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        Self.folder = folder.path
        atexit { if let folder = SampleProvince.folder { try? FileManager.default.removeItem(atPath: folder) } }
        databasePath = folder.appendingPathComponent("warehouse.sqlite").path
        let warehouse = try Warehouse(path: databasePath)
        let root = SampleCounty.root
        let catalogue = try CatalogueLoader.load(path: root.appendingPathComponent("Pipelines/catalogue.yml").path)
        let standards = try StandardsLoader.load(path: root.appendingPathComponent("Pipelines/standards.yml").path)
        let rules = try AuditRulesLoader.load(path: root.appendingPathComponent("Pipelines/checks.yml").path)
        let samples = root.appendingPathComponent("SampleInputs")
        let options = Ingest.Options(inputs: [IngestInput(path: samples.path),
                                              IngestInput(path: samples.appendingPathComponent("东湖区").path, county: "360392"),
                                              IngestInput(path: samples.appendingPathComponent("柳溪县").path, county: "360399")],
                                     county: "360321")
        let result = try Ingest(options: options, catalogue: catalogue, standards: standards, auditRules: rules, warehouse: warehouse).run()
        guard result.counts.filesRejected == 0, result.counts.filesLoaded > 0 else {
            throw SampleCounty.Failure(description: "the sample counties did not load: \(result.counts)")
        }
    }

    /// Every county's summary of 2024 and the ranking beside them, in `formats`, into `folder`.
    func export(into folder: String, formats: [ReportFormat] = ReportFormat.allCases)
        throws -> (counties: [CountyExports.Written], ranking: ProvinceRanking, paths: [String]) {
        let warehouse = try Warehouse(path: databasePath)
        let exports = CountyExports(warehouse: warehouse, exporter: CountyReportExporter(folder: folder, formats: formats),
                                    standards: nil, generated: SampleCounty.exportDay)
        let counties = try exports.chosen(year: 2024, counties: nil).map { try exports.export(year: $0.year, county: $0.county) }
        let ranking = try exports.exportRanking(year: 2024, beside: counties)
        return (counties, ranking.ranking, ranking.paths)
    }
}
