import EduNormalise
import EduWarehouse
import Foundation

/// Every county of a year side by side (`county_overview`), arranged for the exporters: per stage,
/// the counties by the rank of their basic composite CV (1 = the most balanced), those without a
/// composite CV last with why; the quality CVs met, the complying schools and the county targets
/// met; and the county summaries written beside the ranking. The XLSX, CSV, HTML and JSON files
/// share the tables built here.
public struct ProvinceRanking: Sendable {
    public let year: Int
    /// county_overview's rows, each stage's counties in ranking order.
    public let rows: [CountyOverviewRow]
    /// County code → the files of its summary written beside the ranking (none when not written).
    public let countyReports: [String: [String]]
    public let generated: Date

    public init(year: Int, rows: [CountyOverviewRow], countyReports: [String: [String]] = [:], generated: Date = Date()) {
        self.year = year
        self.rows = rows
        self.countyReports = countyReports
        self.generated = generated
    }

    /// 全部县区2024年义务教育均衡发展县域排名.
    public var title: String { "\(ProvinceRanking.heading)\(year)年义务教育均衡发展县域排名" }

    /// What the file names start with, in the place of a county's name.
    public static let heading = "全部县区"

    /// "2026-11-26" in the local time zone.
    public var generatedDay: String { ReportFiles.day(of: generated) }

    /// The stages with counties: primary before junior.
    public var stages: [Stage] {
        let present = Set(rows.map(\.stage))
        return Stage.allCases.filter(present.contains)
    }

    /// The counties, each once, by code: those ranked and those with a summary beside the ranking
    /// (a county whose schools are all left out has no CV to rank, but its summary is still listed).
    public var counties: [(code: String, name: String?)] {
        var names: [String: String] = [:]
        for row in rows {
            if let name = row.countyName { names[row.countyCode] = name }
        }
        return Set(rows.map(\.countyCode)).union(countyReports.keys).sorted().map { ($0, names[$0]) }
    }

    /// A stage's counties: ranked ones by rank (ties by code), then those without a composite CV by code.
    public func rows(stage: Stage) -> [CountyOverviewRow] {
        rows.filter { $0.stage == stage }.sorted { lhs, rhs in
            switch (lhs.basicRank, rhs.basicRank) {
            case let (left?, right?): return left != right ? left < right : lhs.countyCode < rhs.countyCode
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return lhs.countyCode < rhs.countyCode
            }
        }
    }

    /// 青石县, or the code where the warehouse has no name for the county.
    public static func countyName(_ row: CountyOverviewRow) -> String { row.countyName ?? row.countyCode }

    /// Why a county has no composite CV: 无法计算综合差异系数：生均图书册数（册）：没有学校填报图书册数；….
    public static func whyNoComposite(_ row: CountyOverviewRow) -> String? {
        guard row.basicCV == nil else { return nil }
        let gaps = row.compositeGaps.map(ReportLabels.compositeGap)
        return "无法计算综合差异系数" + (gaps.isEmpty ? "：没有计入统计的学校" : "：" + gaps.joined(separator: "；"))
    }

    /// The county summary a reader opens first, among the files written: the page, the workbook,
    /// the JSON, else its CV table; by file name (they sit in the same folder).
    public func mainReport(_ county: String) -> String? {
        let names = (countyReports[county] ?? []).map { ($0 as NSString).lastPathComponent }
        for suffix in [".html", ".xlsx", ".json"] {
            if let name = names.first(where: { $0.hasSuffix(suffix) }) { return name }
        }
        return names.first { $0.contains("-county-balance-") } ?? names.first
    }

    /// "7/7": of `total`, `met`; empty with nothing to count.
    static func ratio(_ met: Int, _ total: Int) -> String { total == 0 ? "" : "\(met)/\(total)" }
}
