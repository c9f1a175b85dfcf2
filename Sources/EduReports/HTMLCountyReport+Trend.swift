import EduNormalise

/// The page's 历年比较 (years compared): per stage a line chart of the CVs over the years held and
/// the table of each year's means and CVs, then the schools that moved most. Every text is escaped.
extension HTMLCountyReport {
    static func trendSection(_ report: CountyReport) -> String {
        var html = "<section id=\"trend\">\n<h2>历年比较</h2>\n"
        guard report.comparesYears else {
            return html + "<p>\(HTMLText.escape(ReportLabels.oneYearNote(report.summary.year)))</p>\n</section>\n"
        }
        let table = report.trendTable()
        html += table.notes.map { "<p class=\"note\">\(HTMLText.escape($0))</p>\n" }.joined()
        for stage in report.trendStages {
            var part = table
            part.rows = table.rows.filter { $0.dropLast().last?.value == .text(stage.rawValue) }
            guard !part.rows.isEmpty else { continue }
            part.idColumns.insert(0)
            html += "<h3>\(HTMLText.escape(ReportLabels.stage(stage)))</h3>\n"
            if let chart = SVGCharts.trendChart(report, stage: stage) {
                html += "<figure><figcaption>\(HTMLText.escape(ReportLabels.stage(stage)))历年差异系数</figcaption>\n\(chart)</figure>\n"
            } else {
                html += "<p class=\"note\">没有两个年度都有差异系数的指标，不绘制折线图。</p>\n"
            }
            html += "<div class=\"tablebox\">" + HTMLCountyReport.table(part, caption: nil) + "</div>\n"
        }
        let movers = report.moversTable()
        html += "<h3>变化最大的学校</h3>\n"
        html += movers.notes.map { "<p class=\"note\">\(HTMLText.escape($0))</p>\n" }.joined()
        if !movers.rows.isEmpty { html += "<div class=\"tablebox\">" + HTMLCountyReport.table(movers, caption: nil) + "</div>\n" }
        return html + "</section>\n"
    }
}
