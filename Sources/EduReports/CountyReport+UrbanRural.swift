import EduNormalise
import EduStandards
import EduWarehouse

extension CountyReport {
    /// One basic indicator of a stage by 城区 / 镇区 / 乡村: each area's mean, the highest and lowest
    /// area and their ratio (two areas or more), and the counted schools no area takes.
    public struct UrbanRuralComparison: Sendable, Equatable {
        public var stage: Stage
        public var indicator: String
        public var means: [UrbanRuralArea: UrbanRuralMeanRow]
        public var gap: UrbanRuralGapRow?
        /// The stage's counted schools with the indicator that report no 城乡分类 (nil when the
        /// county's CVs do not give the total).
        public var unclassifiedSchools: Int?
    }

    /// Per stage, each basic indicator (in the standard's order) that any area has a mean for.
    public var urbanRuralComparisons: [UrbanRuralComparison] {
        var comparisons: [UrbanRuralComparison] = []
        for stage in stages {
            let means = summary.urbanRuralMeans.filter { $0.stage == stage }
            var ids = summary.basicIndicators.filter { id in means.contains { $0.indicator == id } }
            for row in means where !ids.contains(row.indicator) { ids.append(row.indicator) }
            for id in ids {
                let areas = means.filter { $0.indicator == id }
                let counted = summary.balance.first { $0.stage == stage && $0.standard == .basic && $0.indicator == id }?.schools
                comparisons.append(UrbanRuralComparison(
                    stage: stage, indicator: id, means: Dictionary(areas.map { ($0.area, $0) }, uniquingKeysWith: { first, _ in first }),
                    gap: summary.urbanRuralGaps.first { $0.stage == stage && $0.indicator == id },
                    unclassifiedSchools: counted.map { max($0 - areas.reduce(0) { $0 + $1.schools }, 0) }))
            }
        }
        return comparisons
    }

    /// 城乡对比: per stage and basic indicator, each area's mean and schools, the highest and the
    /// lowest area, their ratio, and the schools without 城乡分类.
    public func urbanRuralTable() -> ReportTable {
        var columns = [ReportLabels.stageColumn, ReportLabels.indicatorColumn]
        for area in ReportLabels.areaOrder {
            columns += ["\(area.rawValue)均值", "\(area.rawValue)学校数"]
        }
        columns += ["最高", "最低", "最高÷最低", "未填城乡分类的学校数", ReportLabels.idColumn, "学段代码"]
        let rows: [[ReportTable.Cell]] = urbanRuralComparisons.map { comparison in
            let indicator = ReportLabels.indicator(comparison.indicator)
            var cells: [ReportTable.Cell] = [.text(ReportLabels.stage(comparison.stage)), .text(indicator.label)]
            for area in ReportLabels.areaOrder {
                let mean = comparison.means[area]
                cells += [.number(mean?.mean, decimals: indicator.decimals), .number(mean.map { Double($0.schools) }, decimals: 0)]
            }
            let gap = comparison.gap
            cells += [
                .text(gap.map { "\($0.highestArea.rawValue) \(Self.number($0.highestMean, decimals: indicator.decimals))" }),
                .text(gap.map { "\($0.lowestArea.rawValue) \(Self.number($0.lowestMean, decimals: indicator.decimals))" }),
                .number(gap?.ratio, decimals: 2), .number(comparison.unclassifiedSchools.map(Double.init), decimals: 0),
                .text(comparison.indicator), .text(comparison.stage.rawValue),
            ]
            return cells
        }
        var notes = [ReportLabels.urbanRuralNote]
        if rows.isEmpty { notes.insert("没有学校填报城乡分类，无法作城乡对比。", at: 0) }
        return ReportTable(id: "urban-rural", name: "城乡对比", title: "\(title)：城乡对比", columns: columns, rows: rows,
                           idColumns: [columns.count - 2, columns.count - 1], notes: notes)
    }
}

extension ReportLabels {
    public static let urbanRuralNote = "城区、镇区、乡村取自各校填报的“城乡分类”（或国家城乡划分代码）；均值按在校生数加权，只计入县域统计的学校；"
        + "最高÷最低为各区域均值中最高与最低之比，至少有两类区域才计算；未填城乡分类的学校不参加城乡对比。"
}
