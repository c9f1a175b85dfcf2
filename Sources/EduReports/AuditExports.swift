import EduWarehouse
import Foundation

/// The findings of the checks (审核) of a warehouse, read, arranged and written: what `eduetl audit`
/// does (and a pipeline may), in one place, as `CountyExports` is for the county summaries.
public struct AuditExports {
    public let warehouse: Warehouse
    public let exporter: AuditReportExporter
    /// The day the files are dated by.
    public let generated: Date

    public init(warehouse: Warehouse, exporter: AuditReportExporter, generated: Date = Date()) {
        self.warehouse = warehouse
        self.exporter = exporter
        self.generated = generated
    }

    /// One county's export: the report (for its summary and exit status) and the files written.
    public struct Written {
        public var report: AuditReport
        public var paths: [String]
    }

    /// The counties with school values in `year`, by code.
    public func counties(year: Int) throws -> [String] {
        try warehouse.yearsAndCounties().filter { $0.year == year }.map(\.county)
    }

    /// Whether the warehouse has the checks synced (ingest syncs them from Pipelines/checks.yml).
    public func hasRules() throws -> Bool { try warehouse.hasAuditRules() }

    /// Reads, arranges and writes the findings of a year and county.
    public func export(year: Int, county: String) throws -> Written {
        let report = try AuditReport(warehouse: warehouse, year: year, county: county, generated: generated)
        return Written(report: report, paths: try exporter.export(report))
    }
}
