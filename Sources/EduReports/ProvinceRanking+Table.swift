import EduNormalise
import EduWarehouse

extension ProvinceRanking {
    /// The ranking of one stage (a sheet of the workbook, a table of the page), or of every stage
    /// with a 学段 column first (the CSV file). The last columns hold ids for machines.
    public func table(stage: Stage?) -> ReportTable {
        let stages = stage.map { [$0] } ?? self.stages
        let withStage = stage == nil
        var columns = ["排名", "县（区）", "行政区划代码", ReportLabels.schoolsColumn, ReportLabels.studentsColumn, "综合差异系数",
                       ReportLabels.cvLimitColumn, ReportLabels.metColumn, "优质均衡差异系数达标", "判定学校数", "达标学校数",
                       "学校达标比例", "无法判定学校数", "县级指标达标", "审核错误", ReportLabels.noteColumn, "县域汇总报告", "学段代码"]
        if withStage { columns.insert(ReportLabels.stageColumn, at: 0) }
        var rows: [[ReportTable.Cell]] = []
        for stage in stages {
            for row in self.rows(stage: stage) {
                var cells = cells(row)
                if withStage { cells.insert(.text(ReportLabels.stage(stage)), at: 0) }
                rows.append(cells)
            }
        }
        let name = stage.map { "\(ReportLabels.stage($0))排名" } ?? "县域排名"
        let title = title + (stage.map { "：\(ReportLabels.stage($0))" } ?? "")
        return ReportTable(id: stage.map { "ranking-\($0.rawValue)" } ?? "ranking", name: name, title: title, columns: columns,
                           rows: rows, idColumns: [columns.count - 1], notes: Self.notes)
    }

    /// One county's row, from 排名 to 学段代码.
    func cells(_ row: CountyOverviewRow) -> [ReportTable.Cell] {
        let failed: ReportTable.Mark = row.basicMet == false || row.basicCV == nil ? .shortfall : .none
        let over: ReportTable.Mark = row.basicMet == false ? .shortfall : .none
        let verdict = row.basicCV == nil ? ReportLabels.cannotCompute : ReportLabels.yesNo(row.basicMet)
        var notes: [String] = []
        if let why = Self.whyNoComposite(row) { notes.append(why) }
        if row.auditErrors > 0 { notes.append("综合差异系数所用数据含\(row.auditErrors)条审核错误") }
        return [
            .number(row.basicRank.map(Double.init), decimals: 0), .text(Self.countyName(row)), .text(row.countyCode),
            .number(Double(row.schools), decimals: 0), .number(row.students, decimals: 0),
            .number(row.basicCV, decimals: 4, mark: over), .number(row.basicCVLimit, decimals: 2), .text(verdict, mark: failed),
            .text(Self.ratio(row.qualityCVsMet, row.qualityCVs)),
            .number(Double(row.schoolsJudged), decimals: 0), .number(Double(row.schoolsComplying), decimals: 0),
            ReportTable.Cell(row.complyingShare.map { .percent($0, decimals: 1) } ?? .empty),
            .number(Double(row.schoolsUndecided), decimals: 0),
            .text(Self.ratio(row.targetsMet, row.targets)),
            .number(Double(row.auditErrors), decimals: 0, mark: row.auditErrors > 0 ? .audited : .none),
            .text(notes.isEmpty ? nil : notes.joined(separator: "；")), .text(mainReport(row.countyCode)), .text(row.stage.rawValue),
        ]
    }

    /// What every ranking table says under it.
    static let notes = [
        "排名按基本均衡综合差异系数从低到高（1为最均衡），同一学年、同一学段的县区之间比较；数值相同者名次相同；无法计算综合差异系数的县区列于最后，说明原因。",
        "优质均衡差异系数达标：达到标准值的差异系数项数 / 有差异系数的项数。",
        "学校达标比例 = 达标学校数 ÷ 判定学校数；不计入县域统计的学校不计，数据不全、无法判定的学校单列。",
        "县级指标达标：达到目标的县级指标数 / 有目标的县级指标数；县级指标为全县数据，各学段相同。",
    ]
}
