/// The page's 审核 parts: a line under the cards when the checks found errors or were not run (a
/// reader meets it before the CVs), and the 审核 section: the counts by rule and severity, the error
/// findings with their cells, and where the whole list is. Every text is escaped.
extension HTMLCountyReport {
    static func auditBanner(_ report: CountyReport) -> String {
        guard report.auditChecked else { return "<p class=\"banner\">未运行审核：仓库中没有审核规则，本汇总的数据未经审核，见“审核”。</p>\n" }
        guard !report.auditErrorFindings.isEmpty else { return "" }
        let text = report.auditSummary + (report.auditedCVsNote() ?? "") + "错误清单见“审核”。"
        return "<p class=\"banner\">\(HTMLText.escape(text))</p>\n"
    }

    static func auditSection(_ report: CountyReport) -> String {
        var html = "<section id=\"audit\">\n<h2>审核</h2>\n"
        guard report.auditChecked else {
            return html + "<p class=\"note bad\">\(HTMLText.escape(ReportLabels.auditNotRun))</p>\n</section>\n"
        }
        let errors = report.auditTable()
        // The counts by rule are the table below, not a sentence.
        let notes = errors.notes.filter { $0 != report.auditCountsNote }
        for (index, note) in notes.enumerated() {
            let bad = index == 0 && !errors.rows.isEmpty
            html += "<p class=\"note\(bad ? " bad" : "")\">\(HTMLText.escape(note))</p>\n"
        }
        let counts = report.auditCountsTable()
        html += "<div class=\"tablebox\">" + table(counts, caption: "按问题类型") + "</div>\n"
        html += errors.rows.isEmpty ? "<p>没有审核错误。</p>\n"
            : "<h3>审核错误</h3>\n<div class=\"tablebox\">" + table(errors, caption: nil) + "</div>\n"
        return html + "</section>\n"
    }
}
