import EduWarehouse
import Foundation

extension CountyExports {
    /// Reads `county_overview` for the year and writes the ranking of every county beside the county
    /// summaries `written` (they are linked from it), in the exporter's folder and formats. Returns
    /// the ranking (for its counties) and the paths written; none when the year has no county figures.
    public func exportRanking(year: Int, beside written: [Written]) throws -> (ranking: ProvinceRanking, paths: [String]) {
        var reports: [String: [String]] = [:]
        for export in written where export.report.summary.year == year {
            reports[export.report.summary.countyCode, default: []] += export.paths
        }
        let ranking = ProvinceRanking(year: year, rows: try warehouse.countyOverview(year: year), countyReports: reports,
                                      generated: generated)
        guard !ranking.rows.isEmpty else { return (ranking, []) }
        let exporter = ProvinceRankingExporter(folder: exporter.folder, formats: exporter.formats)
        return (ranking, try exporter.export(ranking))
    }
}
