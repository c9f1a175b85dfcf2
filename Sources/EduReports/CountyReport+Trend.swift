import EduNormalise
import EduStandards
import EduWarehouse

/// 历年比较 (years compared, issue 15): each CV and mean of the county in every year the warehouse
/// holds up to the report's, and the school parts whose basic indicators moved most since the
/// previous year held. With one year there is nothing to compare, and the section says so.
extension CountyReport {
    /// One indicator of one stage over the years: the basic indicators, the composite, then the
    /// quality indicators, as the CV table orders them.
    public struct TrendSeries: Sendable, Equatable {
        public var stage: Stage
        public var standard: BalanceStandard
        public var indicator: String
        /// year → the year's row; a year without the indicator is absent.
        public var rows: [Int: CountyBalanceTrendRow]

        /// The row of the report's year, which carries the change from the previous year held.
        public func row(_ year: Int) -> CountyBalanceTrendRow? { rows[year] }
    }

    /// The years compared, earliest first.
    public var trendYears: [Int] {
        Set(summary.trend.map(\.year)).sorted()
    }

    /// Whether there are two years or more to compare.
    public var comparesYears: Bool { trendYears.count > 1 }

    /// The stage's series in the CV table's order.
    public func trendSeries(stage: Stage) -> [TrendSeries] {
        var series: [TrendSeries] = []
        for row in summary.trend where row.stage == stage {
            if let index = series.firstIndex(where: { $0.standard == row.standard && $0.indicator == row.indicator }) {
                series[index].rows[row.year] = row
            } else {
                series.append(TrendSeries(stage: stage, standard: row.standard, indicator: row.indicator, rows: [row.year: row]))
            }
        }
        func position(_ item: TrendSeries) -> (Int, Int) {
            switch item.standard {
            case .basic:
                if item.indicator == DerivedIndicator.compositeID { return (1, 0) }
                return (0, summary.basicIndicators.firstIndex(of: item.indicator) ?? summary.basicIndicators.count)
            case .quality:
                return (2, summary.qualityIndicators.firstIndex(of: item.indicator) ?? summary.qualityIndicators.count)
            }
        }
        return series.enumerated().sorted { lhs, rhs in
            let (a, b) = (position(lhs.element), position(rhs.element))
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// The stages with figures in any year compared.
    public var trendStages: [Stage] {
        let present = Set(summary.trend.map(\.stage))
        return Stage.allCases.filter(present.contains)
    }

    /// 历年比较: per stage and indicator, each year's mean and CV, and the change of the report's
    /// year from the previous year the warehouse holds for it. No rows with one year only.
    public func trendTable() -> ReportTable {
        let years = comparesYears ? trendYears : []
        var columns = [ReportLabels.stageColumn, ReportLabels.standardColumn, ReportLabels.indicatorColumn]
        for year in years { columns += ["\(year)年均值", "\(year)年差异系数"] }
        columns += ["比较年度", "均值变化", "差异系数变化", ReportLabels.idColumn, "学段代码", "标准代码"]
        var rows: [[ReportTable.Cell]] = []
        for stage in years.isEmpty ? [] : trendStages {
            for series in trendSeries(stage: stage) {
                let indicator = ReportLabels.indicator(series.indicator)
                var cells: [ReportTable.Cell] = [.text(ReportLabels.stage(stage)), .text(ReportLabels.standard(series.standard)),
                                                 .text(indicator.label)]
                for year in years {
                    let row = series.rows[year]
                    cells += [.number(row?.mean, decimals: indicator.decimals), .number(row?.cv, decimals: 4)]
                }
                let now = series.row(summary.year)
                cells += [.text(now?.previousYear.map { "\($0)→\(summary.year)" }),
                          .number(now?.meanChange, decimals: indicator.decimals),
                          .number(now?.cvChange, decimals: 4, mark: (now?.cvChange ?? 0) > 0 ? .shortfall : .none),
                          .text(series.indicator), .text(stage.rawValue), .text(series.standard.rawValue)]
                rows.append(cells)
            }
        }
        return ReportTable(id: "trend", name: "历年比较", title: "\(title)：历年比较", columns: columns, rows: rows,
                           idColumns: [columns.count - 3, columns.count - 2, columns.count - 1], notes: trendNotes)
    }

    /// What the comparison rests on: one year only, years without any CV, how changes are taken.
    public var trendNotes: [String] {
        guard comparesYears else { return [ReportLabels.oneYearNote(summary.year)] }
        var notes = ["仓库中有\(trendYears.map { "\($0)年" }.joined(separator: "、"))的数据；"
                     + "变化为\(summary.year)年减去仓库中该指标的上一年度（比较年度），差异系数变大（标红）表示校际差距扩大。"]
        let empty = trendYears.filter { year in !summary.trend.contains { $0.year == year && $0.cv != nil } }
        if !empty.isEmpty {
            notes.append("\(empty.map { "\($0)年" }.joined(separator: "、"))的数据不足以计算任何差异系数（缺少办学条件等指标所需的数据，"
                         + "例如只报了在校生数和班级数），这些年度的均值和差异系数为空。")
        }
        return notes
    }

    /// 变化最大的学校: the school parts' basic indicators that changed most, relative to the
    /// previous year held, largest first.
    public func moversTable() -> ReportTable {
        let before = summary.previousYear.map { "\($0)年" } ?? "上一年度"
        let columns = [ReportLabels.stageColumn, ReportLabels.schoolCodeColumn, ReportLabels.schoolNameColumn, ReportLabels.indicatorColumn,
                       before, "\(summary.year)年", "变化", "变化幅度", ReportLabels.idColumn, "学段代码"]
        let rows: [[ReportTable.Cell]] = summary.movers.map { mover in
            let indicator = ReportLabels.indicator(mover.indicator)
            return [.text(ReportLabels.stage(mover.stage)), .text(mover.schoolCode), .text(mover.schoolName), .text(indicator.label),
                    .number(mover.previousValue, decimals: indicator.decimals), .number(mover.value, decimals: indicator.decimals),
                    .number(mover.change, decimals: indicator.decimals), ReportTable.Cell(.percent(mover.relativeChange, decimals: 1)),
                    .text(mover.indicator), .text(mover.stage.rawValue)]
        }
        return ReportTable(id: "movers", name: "变化最大的学校", title: "\(title)：变化最大的学校", columns: columns, rows: rows,
                           idColumns: [columns.count - 2, columns.count - 1], notes: moversNotes)
    }

    public var moversNotes: [String] {
        guard let previous = summary.previousYear else { return [ReportLabels.oneYearNote(summary.year)] }
        var notes = ["各校（学段）基本均衡指标从\(previous)年到\(summary.year)年的变化，按变化幅度（变化 ÷ \(previous)年的值）的绝对值从大到小，"
                     + "列出前\(CountySummary.moversShown)项；只计两年都计入县域统计、两年都有数值（\(previous)年不为0）的学校。"]
        if summary.movers.isEmpty { notes.append("没有两年都有数值的学校指标，无法列出变化最大的学校。") }
        return notes
    }
}

extension ReportLabels {
    /// The one sentence of 历年比较 for a county the warehouse holds one year of.
    public static func oneYearNote(_ year: Int) -> String {
        "仓库中只有\(year)年的数据，无法作历年比较。"
    }
}
