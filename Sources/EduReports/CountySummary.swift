import EduNormalise
import EduStandards
import EduWarehouse

/// What the county summaries report, read from the warehouse's views: the balance CVs, every
/// school's indicators (and why a school is left out), the quality compliance, class and school
/// size, county targets, the basic indicators by 城区 / 镇区 / 乡村, and what the checks (审核) found.
/// The exporters format this; the views do the arithmetic.
public struct CountySummary: Sendable {
    public var year: Int
    public var countyCode: String
    public var countyName: String?
    public var balance: [BalanceRow]
    public var schools: [SchoolRow]
    public var compliance: [ComplianceRow]
    public var targets: [TargetRow]
    /// Every school part's pupils per class and the whole school's pupils, against their limits.
    public var scale: [SchoolScaleRow]
    /// The basic indicators' means by area, and each one's highest and lowest area.
    public var urbanRuralMeans: [UrbanRuralMeanRow]
    public var urbanRuralGaps: [UrbanRuralGapRow]
    /// The indicators of each standard, in the standards file's order.
    public var basicIndicators: [String]
    public var qualityIndicators: [String]
    /// The loaded files the figures come from.
    public var sourceFiles: [String]
    /// The findings of the checks (audit_findings), errors and warnings; nil when the warehouse has
    /// no checks synced (an older warehouse), so the checks were not run: not the same as none found.
    public var auditFindings: [AuditFindingRow]?
    /// Years compared (历年比较): the county's CVs and means in every year the warehouse holds up to
    /// this one (county_balance_trend), the latest earlier year it holds, and the school parts
    /// whose basic indicators moved most since then.
    public var trend: [CountyBalanceTrendRow]
    public var previousYear: Int?
    public var movers: [SchoolMoverRow]

    public typealias BalanceRow = CountyBalanceRow
    public typealias SchoolRow = SchoolIndicatorsRow
    public typealias TargetRow = CountyTargetRow

    /// One school part of school_compliance, its indicators gathered in the quality standard's order.
    public struct ComplianceRow: Sendable, Equatable {
        public struct Item: Sendable, Equatable {
            public var indicator: String
            public var value: Double?
            public var minimum: Double
            public var met: Bool?
        }

        public var schoolCode: String
        public var schoolName: String?
        public var stage: Stage
        public var students: Double?
        public var excludedReason: String?
        public var items: [Item]
        public var indicatorsMet: Int
        /// The quality indicators without a figure (the view's count).
        public var indicatorsMissing: Int
        /// 无法判定 (nil) only while a missing figure could still decide it; a part that fails
        /// whatever its missing figures are does not comply.
        public var complies: Bool?

        /// The indicators without a figure, in the standard's order.
        public var missing: [String] { items.filter { $0.value == nil }.map(\.indicator) }
    }

    /// The summary of a year and county, from the warehouse's views.
    public init(warehouse: Warehouse, year: Int, county: String) throws {
        let quality = try warehouse.standardIndicators(.quality)
        self.year = year
        countyCode = county
        countyName = try warehouse.countyName(code: county)
        balance = try warehouse.countyBalance(year: year, county: county)
        schools = try warehouse.schoolIndicators(year: year, county: county)
        compliance = Self.gather(try warehouse.schoolCompliance(year: year, county: county), order: quality)
        targets = try warehouse.countyTargets(year: year, county: county)
        scale = try warehouse.schoolScale(year: year, county: county)
        urbanRuralMeans = try warehouse.urbanRuralMeans(year: year, county: county)
        urbanRuralGaps = try warehouse.urbanRuralGaps(year: year, county: county)
        basicIndicators = try warehouse.standardIndicators(.basic)
        qualityIndicators = quality
        sourceFiles = try warehouse.sourceFiles(year: year, county: county)
        auditFindings = try warehouse.hasAuditRules() ? try warehouse.auditFindings(year: year, county: county) : nil
        trend = try warehouse.countyBalanceTrend(county: county).filter { $0.year <= year }
        previousYear = try warehouse.previousYear(before: year, county: county)
        movers = try warehouse.schoolMovers(year: year, county: county, limit: Self.moversShown)
    }

    /// The school parts' changes listed under 变化最大的学校.
    public static let moversShown = 10

    /// One compliance row per school part (the view's rows arrive by part), its items in `order`.
    static func gather(_ rows: [SchoolComplianceRow], order: [String]) -> [ComplianceRow] {
        var parts: [ComplianceRow] = []
        for row in rows {
            let item = ComplianceRow.Item(indicator: row.indicator, value: row.value, minimum: row.minimum, met: row.met)
            if let last = parts.last, last.schoolCode == row.schoolCode, last.stage == row.stage {
                parts[parts.count - 1].items.append(item)
            } else {
                parts.append(ComplianceRow(schoolCode: row.schoolCode, schoolName: row.schoolName, stage: row.stage, students: row.students,
                                           excludedReason: row.excludedReason, items: [item], indicatorsMet: row.indicatorsMet,
                                           indicatorsMissing: row.indicatorsMissing, complies: row.complies))
            }
        }
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for index in parts.indices {
            parts[index].items.sort { (rank[$0.indicator] ?? order.count) < (rank[$1.indicator] ?? order.count) }
        }
        return parts
    }
}
