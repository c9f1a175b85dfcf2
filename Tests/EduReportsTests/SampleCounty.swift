import EduIngest
import EduNormalise
import EduReports
import EduStandards
@testable import EduWarehouse
import Foundation

/// The sample county (SampleInputs, 青石县 360321, 2024) ingested once through the EduIngest API
/// with the project's catalogue and standards, as `eduetl ingest` does; its summary read back
/// through `countySummary`. The warehouse stays for the test run, so the tests can ask its views
/// what the reports must say.
struct SampleCounty: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// 2026-11-26 12:00 UTC: a fixed export day for the names.
    static let exportDay = Date(timeIntervalSince1970: 1_795_694_400)

    let databasePath: String
    let summary: CountySummary
    /// The district 东湖区 (360392) of the same warehouse: its returns give no teaching space,
    /// sports ground, computers, degrees or titles, so its composite CV cannot be computed.
    let district: CountySummary
    let rule: CountyReport.ComplianceRule

    static let shared = Result { try SampleCounty() }
    /// The warehouse's folder, removed when the test process exits.
    nonisolated(unsafe) static var folder: String?

    static func get() throws -> SampleCounty { try shared.get() }

    private init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-report-wh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        Self.folder = folder.path
        atexit { if let folder = SampleCounty.folder { try? FileManager.default.removeItem(atPath: folder) } }
        databasePath = folder.appendingPathComponent("warehouse.sqlite").path
        let warehouse = try Warehouse(path: databasePath)
        let catalogue = try CatalogueLoader.load(path: Self.root.appendingPathComponent("Pipelines/catalogue.yml").path)
        let standards = try StandardsLoader.load(path: Self.root.appendingPathComponent("Pipelines/standards.yml").path)
        // The district inside SampleInputs is another county, with its own code.
        let options = Ingest.Options(inputs: [IngestInput(path: Self.root.appendingPathComponent("SampleInputs").path),
                                              IngestInput(path: Self.root.appendingPathComponent("SampleInputs/东湖区").path, county: "360392")],
                                     county: "360321")
        let result = try Ingest(options: options, catalogue: catalogue, standards: standards, warehouse: warehouse).run()
        guard result.counts.filesRejected == 0, result.counts.filesLoaded > 0 else {
            throw Failure(description: "the sample county did not load: \(result.counts)")
        }
        summary = try CountySummary(warehouse: warehouse, year: 2024, county: "360321")
        district = try CountySummary(warehouse: warehouse, year: 2024, county: "360392")
        rule = CountyReport.ComplianceRule(minMet: standards.minMet, unmetFloor: standards.unmetFloor)
    }

    func report(_ summary: CountySummary? = nil) -> CountyReport {
        CountyReport(summary: summary ?? self.summary, rule: rule, generated: Self.exportDay)
    }

    /// Rows of a query on the warehouse's views, each value as Double, String or nil.
    func query(_ sql: String) throws -> [[Any?]] {
        let warehouse = try Warehouse(path: databasePath)
        return try warehouse.connection.prepare(sql).rows().map { row in
            row.map { value -> Any? in
                if let number = value.double { return number }
                return value.text
            }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
