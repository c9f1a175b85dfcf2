import EduStandards
import EduWarehouse
import Foundation

/// The county summaries of a warehouse, chosen, read, arranged and written: what `eduetl report`
/// and a pipeline's `exports` both do, so the two cannot drift apart.
public struct CountyExports {
    public let warehouse: Warehouse
    public let exporter: CountyReportExporter
    /// The quality standard's compliance rule, for the wording of why a school fails.
    public let rule: CountyReport.ComplianceRule?
    /// The day the files are dated by.
    public let generated: Date

    public init(warehouse: Warehouse, exporter: CountyReportExporter, standards: Standards?, generated: Date = Date()) {
        self.warehouse = warehouse
        self.exporter = exporter
        rule = standards.map { CountyReport.ComplianceRule(minMet: $0.minMet, unmetFloor: $0.unmetFloor) }
        self.generated = generated
    }

    /// One county's export: the report (for its headline) and the files written.
    public struct Written {
        public var report: CountyReport
        public var paths: [String]
        /// The warehouse has no standards synced, so the summary has no CVs to show.
        public var lacksStandards: Bool { report.summary.balance.isEmpty }
    }

    /// The years and counties with school values, of `year` (nil: every year) and among
    /// `counties` (nil: every county).
    public func chosen(year: Int?, counties: [String]?) throws -> [(year: Int, county: String)] {
        try warehouse.yearsAndCounties().filter { pair in
            (year == nil || pair.year == year) && (counties?.contains(pair.county) ?? true)
        }
    }

    /// Reads, arranges and writes the summary of a year and county.
    public func export(year: Int, county: String) throws -> Written {
        let summary = try CountySummary(warehouse: warehouse, year: year, county: county)
        let report = CountyReport(summary: summary, rule: rule, generated: generated)
        return Written(report: report, paths: try exporter.export(report))
    }
}
