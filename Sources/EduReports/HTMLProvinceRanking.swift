import EduNormalise
import Foundation

/// The ranking as one self-contained HTML page, as the county summary's: no scripts, no external
/// fonts, images or styles; Chinese labels; an inline SVG chart per stage of each county's basic
/// composite CV against the limit, the ranking tables, and links to the county summaries written
/// beside it (same folder, so the links hold wherever the folder is copied).
public enum HTMLProvinceRanking {
    public static func page(_ ranking: ProvinceRanking) -> String {
        var html = HTMLText.pageStart(title: ranking.title, generator: "eduetl report --all-counties") + """
        <p class="meta">学年 \(ranking.year) · \(ranking.counties.count) 个县区 · 导出日期 \(ranking.generatedDay)</p>
        </header>
        <section id="chart">
        <h2>综合差异系数排名</h2>
        <p class="note">每个县区一条，按基本均衡综合差异系数从低到高；虚线为标准值，红色为超过标准值；无法计算的县区列于最后。</p>
        <div class="pair">

        """
        for stage in ranking.stages {
            guard let chart = SVGCharts.rankingChart(ranking, stage: stage) else { continue }
            html += "<figure><figcaption>\(HTMLText.escape(ReportLabels.stage(stage)))</figcaption>\n\(chart)</figure>\n"
        }
        html += "</div>\n</section>\n"
        for stage in ranking.stages {
            let table = ranking.table(stage: stage)
            html += "<section id=\"ranking-\(stage.rawValue)\">\n<h2>\(HTMLText.escape(ReportLabels.stage(stage)))排名</h2>\n"
            html += "<div class=\"tablebox\">" + self.table(table) + "</div>\n" + notes(table) + "</section>\n"
        }
        html += countyReports(ranking)
        html += "<footer id=\"notes\">\n<h2>说明</h2>\n<ul>\n"
        html += ProvinceRanking.notes.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined()
        return html + "</ul>\n<p class=\"meta\">由 eduetl report --all-counties 生成。</p>\n</footer>\n</body>\n</html>\n"
    }

    /// A ranking table without its id column; the report column a link to the county's summary; the
    /// 说明 (a reason can run to a paragraph) listed under the table by county, not in a narrow cell.
    static func table(_ table: ReportTable) -> String {
        let noteColumn = table.columns.firstIndex(of: ReportLabels.noteColumn)
        let shown = table.columns.indices.filter { !table.idColumns.contains($0) && $0 != noteColumn }
        let reportColumn = table.columns.firstIndex(of: "县域汇总报告")
        var html = "<table>\n<thead><tr>" + shown.map { "<th>\(HTMLText.escape(table.columns[$0]))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for index in shown {
                let cell = index < row.count ? row[index] : ReportTable.Cell(.empty)
                var classes: [String] = []
                switch cell.value {
                case .number, .percent: classes.append("num")
                case .text(let text) where text.count > 10 && index != reportColumn: classes.append("long")
                default: break
                }
                switch cell.mark {
                case .none, .excluded: break
                case .shortfall: classes.append("short")
                case .audited: classes.append("audit")
                }
                html += classes.isEmpty ? "<td>" : "<td class=\"\(classes.joined(separator: " "))\">"
                html += index == reportColumn ? link(cell.display, text: "打开") : HTMLText.escape(cell.display)
                html += "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// The tables' 说明, by county, for under the table.
    static func notes(_ table: ReportTable) -> String {
        let noteColumn = table.columns.firstIndex(of: ReportLabels.noteColumn)
        let nameColumn = table.columns.firstIndex(of: "县（区）")
        let notes = table.rows.compactMap { row -> String? in
            guard let noteColumn, let nameColumn, noteColumn < row.count, nameColumn < row.count, !row[noteColumn].display.isEmpty else {
                return nil
            }
            return "<li>\(HTMLText.escape(row[nameColumn].display))：\(HTMLText.escape(row[noteColumn].display))</li>\n"
        }
        return notes.isEmpty ? "" : "<ul class=\"note\">\n" + notes.joined() + "</ul>\n"
    }

    /// Each county's summary files, linked.
    static func countyReports(_ ranking: ProvinceRanking) -> String {
        var html = "<section id=\"reports\">\n<h2>各县区汇总报告</h2>\n<ul class=\"files\">\n"
        for county in ranking.counties {
            let files = (ranking.countyReports[county.code] ?? []).map { ($0 as NSString).lastPathComponent }
            let name = HTMLText.escape(county.name.map { "\($0)（\(county.code)）" } ?? county.code)
            html += files.isEmpty ? "<li>\(name)：未导出</li>\n"
                : "<li>\(name)：" + files.map { link($0, text: $0) }.joined(separator: "，") + "</li>\n"
        }
        return html + "</ul>\n</section>\n"
    }

    /// A link to a file of the same folder; empty without a file.
    static func link(_ file: String, text: String) -> String {
        guard !file.isEmpty else { return "" }
        let href = file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: ":;?#"))) ?? file
        return "<a href=\"\(HTMLText.escape(href))\">\(HTMLText.escape(text))</a>"
    }
}
