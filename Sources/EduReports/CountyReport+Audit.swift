import EduAudit
import EduNormalise
import EduWarehouse

/// The summary's 审核 section: what the checks found in the county's returns. The errors (figures
/// that cannot be right) are listed, because a CV computed over them is not to be trusted; the
/// warnings are only counted, the full list being `eduetl audit`'s to send back to the schools.
extension CountyReport {
    /// Whether the checks were run: the warehouse has them synced. An older warehouse has none, and
    /// its report must say so rather than claim 0 findings.
    public var auditChecked: Bool { summary.auditFindings != nil }

    /// The findings counted as `eduetl audit` counts them (by rule and severity); nil when the
    /// checks were not run.
    public var audit: AuditReport? {
        summary.auditFindings.map {
            AuditReport(year: summary.year, countyCode: summary.countyCode, countyName: summary.countyName, findings: $0, generated: generated)
        }
    }

    /// The error findings, in the warehouse's order (township, school, stage, rule, indicator).
    public var auditErrorFindings: [AuditFindingRow] {
        summary.auditFindings?.filter { $0.severity == .error } ?? []
    }

    /// The CVs computed over figures with error findings, in the report's order (stage, then row);
    /// those of one stage with `stage`.
    public func auditedCVs(stage: Stage? = nil) -> [CountySummary.BalanceRow] {
        guard auditChecked else { return [] }
        return (stage.map { [$0] } ?? stages).flatMap { balanceRows(stage: $0) }.filter { $0.auditErrors > 0 }
    }

    /// A CV's mark: ⚠ 含2条审核错误, or nil for a CV whose figures have none (or when not checked).
    public func auditMark(_ row: CountySummary.BalanceRow) -> String? {
        auditChecked && row.auditErrors > 0 ? ReportLabels.auditMark(row.auditErrors) : nil
    }

    /// 说明 of a CV row with its mark first: ⚠ 含2条审核错误；高于规定学历的口径：….
    func markedNote(_ row: CountySummary.BalanceRow) -> String? {
        let parts = [auditMark(row), balanceNote(row)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "；")
    }

    /// The 审核错误 cell of a CV row: the count (0 included) once the checks ran, empty when they did not.
    func auditErrorsCell(_ row: CountySummary.BalanceRow) -> ReportTable.Cell {
        guard auditChecked else { return ReportTable.Cell(.empty) }
        return .number(Double(row.auditErrors), decimals: 0, mark: row.auditErrors > 0 ? .audited : .none)
    }

    /// 审核发现9条：错误4条，提示5条。, or that the checks were not run.
    public var auditSummary: String {
        guard let audit else { return ReportLabels.auditNotRun }
        return "审核发现\(audit.findings.count)条：错误\(audit.errors)条，提示\(audit.warnings)条。"
    }

    /// 按问题类型：数值为负（错误）1条，…。, or nil without findings.
    public var auditCountsNote: String? {
        guard let counts = audit?.counts, !counts.isEmpty else { return nil }
        return "按问题类型：" + counts.map { "\(AuditLabels.rule($0.rule))（\(AuditLabels.severity($0.severity))）\($0.findings)条" }
            .joined(separator: "，") + "。"
    }

    /// Where the whole list is: the command that exports it, for this year and county.
    public var auditPointer: String {
        "全部问题清单（按乡镇分表，含提示）请运行 eduetl audit --year \(summary.year) --county \(summary.countyCode) 导出。"
    }

    /// 有3项差异系数所依据的数据含审核错误…, or nil when no CV (of the stage) is marked.
    public func auditedCVsNote(stage: Stage? = nil) -> String? {
        let marked = auditedCVs(stage: stage)
        guard !marked.isEmpty else { return nil }
        let names = marked.map { "\(ReportLabels.indicator($0.indicator).shortName)（\(ReportLabels.stage($0.stage))，\(ReportLabels.standard($0.standard))）" }
        return "有\(marked.count)项差异系数所依据的数据含审核错误，已标“⚠ 含N条审核错误”：" + names.joined(separator: "、")
            + "。须待学校更正重报后重新计算。"
    }

    /// For the headline: `审核 4 errors, 5 warnings (3 CVs computed over figures with errors)`, or that the checks were not run.
    public var auditHeadline: String {
        guard let audit else { return "审核 not run (the warehouse has no checks synced)" }
        var text = "审核 \(audit.errors) error\(audit.errors == 1 ? "" : "s"), \(audit.warnings) warning\(audit.warnings == 1 ? "" : "s")"
        let marked = auditedCVs().count
        if marked > 0 { text += " (\(marked) CV\(marked == 1 ? "" : "s") computed over figures with errors)" }
        return text
    }

    /// The notes every format gives the 审核 section: the counts, by rule, what is listed, the marked CVs, where the rest is.
    public var auditNotes: [String] {
        var notes = [auditSummary]
        guard auditChecked else { return notes }
        if let counts = auditCountsNote { notes.append(counts) }
        if let marked = auditedCVsNote() { notes.append(marked) }
        notes.append(ReportLabels.auditListNote)
        notes.append(auditPointer)
        return notes
    }

    /// The error findings, a row each: where (township, school, stage), what (rule, message,
    /// indicator, the figure and what it should be) and the cell it came from; the ids last.
    public func auditTable() -> ReportTable {
        let columns = ["乡镇", ReportLabels.schoolCodeColumn, ReportLabels.schoolNameColumn, ReportLabels.stageColumn, "问题类型", "问题",
                       ReportLabels.indicatorColumn, "填报值", "应为", "来源文件", "工作表", "单元格", "问题类型代码", "学段代码", ReportLabels.idColumn]
        let rows: [[ReportTable.Cell]] = auditErrorFindings.map { finding in
            let whole = finding.value.map { $0 == $0.rounded() } ?? true
            return [
                .text(finding.township ?? AuditReport.noTownship), .text(finding.schoolCode), .text(finding.schoolName),
                .text(ReportLabels.stage(finding.stage)), .text(AuditLabels.rule(finding.rule)), .text(finding.message),
                .text(AuditLabels.indicator(finding)), .number(finding.value, decimals: whole ? 0 : 2, mark: .shortfall),
                .text(finding.expected), .text(finding.sourceFile), .text(finding.sheet), .text(finding.cell),
                .text(finding.rule.rawValue), .text(finding.stage.rawValue), .text(finding.indicator),
            ]
        }
        return ReportTable(id: "audit", name: "审核", title: "\(title)：审核错误", columns: columns, rows: rows,
                           idColumns: [12, 13, 14], notes: auditNotes)
    }

    /// The counts by rule and severity, then the totals of errors and warnings (问题类型 合计).
    public func auditCountsTable() -> ReportTable {
        let columns = ["问题类型", "严重程度", "问题数", "问题类型代码", "严重程度代码"]
        var rows: [[ReportTable.Cell]] = (audit?.counts ?? []).map { count in
            [.text(AuditLabels.rule(count.rule)), .text(AuditLabels.severity(count.severity)), .number(Double(count.findings), decimals: 0),
             .text(count.rule.rawValue), .text(count.severity.rawValue)]
        }
        if let audit {
            for severity in AuditSeverity.allCases {
                let number = audit.findings.filter { $0.severity == severity }.count
                rows.append([.text("合计"), .text(AuditLabels.severity(severity)), .number(Double(number), decimals: 0),
                             ReportTable.Cell(.empty), .text(severity.rawValue)])
            }
        }
        return ReportTable(id: "audit-counts", name: "审核汇总", title: "\(title)：审核发现", columns: columns, rows: rows,
                           idColumns: [3, 4], notes: [auditSummary])
    }
}

extension ReportLabels {
    public static let auditErrorsColumn = "审核错误"

    /// The mark of a CV computed over figures with error findings: ⚠ 含2条审核错误.
    public static func auditMark(_ errors: Int) -> String { "⚠ 含\(errors)条审核错误" }

    public static let auditNotRun = "未运行审核：仓库中没有审核规则（Pipelines/checks.yml，导入时同步），本汇总的数据未经审核，"
        + "差异系数也未标出审核错误。请在 Pipelines/checks.yml 就位后重新运行 eduetl ingest，再导出汇总。"
    public static let auditListNote = "错误（数值不可能正确，须学校更正后重报）逐条列出；提示（数值异常，请学校核实）只计数。"
    /// Under the CV tables once the checks ran: what the 审核错误 column counts.
    public static let auditErrorsNote = "“审核错误”为计算该差异系数所用数据（该指标的数据和计入学校的在校生数；综合差异系数为其各项指标的数据）"
        + "中的审核错误条数；不为0的差异系数标“⚠ 含N条审核错误”，结论须待更正后重算。"
}
