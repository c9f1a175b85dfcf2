import EduNormalise

/// The page's sections for what migration 006 added: the notes under the CV table, class and
/// school size, and the urban-rural comparison. Every text is escaped.
extension HTMLCountyReport {
    /// Under the CV table, each stage's 说明: why its composite cannot be computed, which field
    /// fed the required degree.
    static func balanceNotes(_ report: CountyReport) -> String {
        var html = ""
        for stage in report.stages {
            let name = ReportLabels.stage(stage)
            if let note = report.compositeNote(stage: stage) {
                html += "<p class=\"note bad\">\(HTMLText.escape(name))\(HTMLText.escape(note))。</p>\n"
            }
            if let basis = report.degreeBasis(stage: stage) {
                html += "<p class=\"note\">\(HTMLText.escape(name))\(HTMLText.escape(basis))。</p>\n"
            }
        }
        return html
    }

    /// 班额与规模: how many schools were checked, and the ones over a limit.
    static func scaleSection(_ report: CountyReport) -> String {
        let table = report.scaleTable()
        var html = "<section id=\"scale\">\n<h2>班额与规模</h2>\n"
        html += table.notes.map { "<p class=\"note\">\(HTMLText.escape($0))</p>\n" }.joined()
        html += table.rows.isEmpty ? "<p>没有班额或学校规模超过上限的学校。</p>\n"
            : "<div class=\"tablebox\">" + HTMLCountyReport.table(table, caption: nil) + "</div>\n"
        return html + "</section>\n"
    }

    /// 城乡对比: a table per stage of the basic indicators' 城区 / 镇区 / 乡村 means and their ratio.
    static func urbanRuralSection(_ report: CountyReport) -> String {
        let table = report.urbanRuralTable()
        var html = "<section id=\"urban-rural\">\n<h2>城乡对比</h2>\n"
        html += table.notes.map { "<p class=\"note\">\(HTMLText.escape($0))</p>\n" }.joined()
        for stage in report.stages {
            var part = table
            part.rows = table.rows.filter { $0.last?.value == .text(stage.rawValue) }
            guard !part.rows.isEmpty else { continue }
            part.idColumns.insert(0)
            html += "<h3>\(HTMLText.escape(ReportLabels.stage(stage)))</h3>\n"
            html += "<div class=\"tablebox\">" + HTMLCountyReport.table(part, caption: nil) + "</div>\n"
        }
        return html + "</section>\n"
    }
}
