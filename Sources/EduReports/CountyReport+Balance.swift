import EduNormalise
import EduStandards
import EduWarehouse

extension CountyReport {
    /// The indicators whose numerator is the teachers above the required degree.
    static let degreeIndicators: Set<String> = ["teachers_above_required_degree_per_student", "teachers_above_required_degree_per_100_students"]

    /// The CV table: one stage (a sheet or a page's section), or every stage with a 学段 column
    /// (the CSV file). Columns: 指标, 标准, 学校数, 学生数, 均值, 差异系数, 标准值, 是否达标, 说明, ids,
    /// 审核错误 (last, so the CSV's earlier columns keep their places; empty when the checks were not run).
    /// 是否达标 is 不单独判定 for a basic indicator (the 2012 standard judges only the composite), and
    /// 无法计算 for a composite without a value, 说明 saying why. A CV over figures with error findings
    /// is marked, and its 说明 starts with ⚠ 含N条审核错误.
    public func balanceTable(stage: Stage?) -> ReportTable {
        let stages = stage.map { [$0] } ?? self.stages
        let withStage = stage == nil
        var columns = [ReportLabels.indicatorColumn, ReportLabels.standardColumn, ReportLabels.schoolsColumn,
                       ReportLabels.studentsColumn, ReportLabels.meanColumn, ReportLabels.cvColumn,
                       ReportLabels.cvLimitColumn, ReportLabels.metColumn, ReportLabels.noteColumn, ReportLabels.idColumn]
        if withStage { columns = [ReportLabels.stageColumn] + columns + ["学段代码", "标准代码"] }
        columns.append(ReportLabels.auditErrorsColumn)
        var rows: [[ReportTable.Cell]] = []
        for stage in stages {
            for row in balanceRows(stage: stage) {
                let indicator = ReportLabels.indicator(row.indicator)
                let failed: ReportTable.Mark = row.judged && row.cvMet == false ? .shortfall : .none
                var mean = ReportTable.Cell.number(row.mean, decimals: indicator.decimals)
                if row.indicator == "teachers_per_student", let value = row.mean, value > 0 {
                    mean.hint = "师生比 1:" + Self.number(1 / value, decimals: 1)
                }
                var cells: [ReportTable.Cell] = [
                    .text(indicator.label), .text(ReportLabels.standard(row.standard)),
                    .number(Double(row.schools), decimals: 0), .number(row.students, decimals: 0), mean,
                    .number(row.cv, decimals: 4, mark: failed == .none && row.cv != nil && auditMark(row) != nil ? .audited : failed),
                    .number(row.cvLimit, decimals: 2),
                    .text(ReportLabels.verdict(row), mark: row.judged && row.cv == nil ? .shortfall : failed),
                    .text(markedNote(row), mark: auditMark(row) == nil ? .none : .audited),
                    .text(row.indicator),
                ]
                if withStage { cells = [.text(ReportLabels.stage(stage))] + cells + [.text(stage.rawValue), .text(row.standard.rawValue)] }
                rows.append(cells + [auditErrorsCell(row)])
            }
        }
        let stageName = stage.map(ReportLabels.stage) ?? ""
        let idColumns: Set<Int> = withStage ? [10, 11, 12] : [9]
        var notes = ["差异系数按在校生数加权计算；综合差异系数为基本均衡\(summary.basicIndicators.count)项指标差异系数的平均值。",
                     ReportLabels.judgedNote, ReportLabels.excludedNote]
        notes += auditChecked ? [auditedCVsNote(stage: stage), ReportLabels.auditErrorsNote].compactMap { $0 } : [ReportLabels.auditNotRun]
        return ReportTable(
            id: stage.map { "balance-\($0.rawValue)" } ?? "balance", name: "\(stageName)差异系数",
            title: "\(title)：\(stageName)差异系数", columns: columns, rows: rows, idColumns: idColumns, notes: notes)
    }

    /// 说明 of a CV row: why a composite cannot be computed, or which field fed the required degree.
    public func balanceNote(_ row: CountySummary.BalanceRow) -> String? {
        if row.indicator == DerivedIndicator.compositeID, row.cv == nil { return compositeNote(stage: row.stage) }
        if Self.degreeIndicators.contains(row.indicator) { return degreeBasis(stage: row.stage) }
        return nil
    }

    /// 综合差异系数无法计算：基本均衡8项指标中5项没有差异系数（生均教学及辅助用房面积（㎡）：没有学校填报教学及辅助用房面积；…）,
    /// or nil when the stage's composite has a value.
    public func compositeNote(stage: Stage) -> String? {
        guard let row = composite(stage: stage), row.cv == nil else { return nil }
        var text = "综合差异系数无法计算"
        guard !row.compositeGaps.isEmpty else { return text }
        text += "：基本均衡\(summary.basicIndicators.count)项指标中\(row.compositeGaps.count)项没有差异系数（"
        return text + row.compositeGaps.map(ReportLabels.compositeGap).joined(separator: "；") + "）"
    }

    /// Which field fed the teachers above the required degree for a stage's counted schools:
    /// 高于规定学历的口径：专科及以上学历 25所, with the stage's required degree where the returns did not split it.
    public func degreeBasis(stage: Stage) -> String? {
        let fields = summary.schools.filter { $0.stage == stage && $0.excludedReason == nil }.compactMap(\.requiredDegreeField)
        guard !fields.isEmpty else { return nil }
        let counts = RequiredDegreeField.allCases.compactMap { field -> String? in
            let count = fields.filter { $0 == field }.count
            return count == 0 ? nil : "\(ReportLabels.degreeField(field)) \(count)所"
        }
        var text = "\(ReportLabels.degreeColumn)：" + counts.joined(separator: "，")
        if fields.contains(.aboveRequiredDegree), let degree = ReportLabels.requiredDegree(stage) {
            text += "（\(ReportLabels.stage(stage))规定学历为\(degree)）"
        }
        return text
    }

    /// The CVs of a stage the standards judge: the composite and each quality CV.
    public func judgedRows(stage: Stage) -> [CountySummary.BalanceRow] {
        balanceRows(stage: stage).filter(\.judged)
    }
}
