extension CountyReport {
    /// The county targets in the plans' order, then any other.
    public var orderedTargets: [CountySummary.TargetRow] {
        let order = ReportLabels.countyRateOrder
        return summary.targets.enumerated().sorted { lhs, rhs in
            let (a, b) = (order.firstIndex(of: lhs.element.indicator) ?? order.count, order.firstIndex(of: rhs.element.indicator) ?? order.count)
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// The county's figures against their targets (county_targets), when the warehouse has any:
    /// rates from a county sheet (县级报表, with its cell) and the figures the plans set that are
    /// computed from the schools (由N所学校计算).
    public func targetsTable() -> ReportTable {
        let columns = [ReportLabels.indicatorColumn, ReportLabels.valueColumn, "目标", ReportLabels.metColumn,
                       ReportLabels.sourceColumn, ReportLabels.idColumn]
        let rows: [[ReportTable.Cell]] = orderedTargets.map { target in
            let mark: ReportTable.Mark = target.met ? .none : .shortfall
            let value: ReportTable.Cell.Value
            let goal: String
            switch ReportLabels.countyFigureKind(target.indicator) {
            case .rate:
                value = .percent(target.value, decimals: 1)
                goal = CountyReport.number(target.target * 100, decimals: 1) + "%"
            case .perStudent(let decimals):
                value = .number(target.value, decimals: decimals)
                goal = CountyReport.trimmed(target.target)
            }
            return [
                .text(ReportLabels.countyRate(target.indicator)), ReportTable.Cell(value, mark: mark),
                .text(target.comparison.symbol + " " + goal), .text(target.met ? "是" : "否", mark: mark),
                .text(ReportLabels.source(target.source)), .text(target.indicator),
            ]
        }
        return ReportTable(id: "targets", name: "县级指标", title: "\(title)：县级指标", columns: columns, rows: rows,
                           idColumns: [5], notes: [ReportLabels.targetsNote, ReportLabels.computedTargetsNote])
    }
}

extension ReportLabels {
    public static let targetsNote = "目标取自 standards.yml 的 county_targets，本县规划（county_plans）另定的以规划为准；毛入园率、升学率等毛比率可超过100%。"
    public static let computedTargetsNote = "“由N所学校计算”的指标没有县级报表数据，按计入县域统计的学校合计：生均图书 = 图书册数之和 ÷ 在校生数之和，"
        + "学历比例 = 高于规定学历（小学专科及以上、初中本科及以上）教师数之和 ÷ 专任教师数之和。"
}
