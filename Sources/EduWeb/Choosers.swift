import EduReports

/// Lists of what the warehouse holds, each a link to its page.
enum Choosers {
    typealias Held = [(year: Int, county: String, name: String?)]

    static func years(_ held: Held) -> String {
        var html = "<section><h2>仓库中的数据</h2>\n<div class=\"tablebox\"><table><thead><tr><th>学年</th><th>县区</th><th>县域报告</th><th>审核</th></tr></thead><tbody>\n"
        for entry in held {
            let label = HTMLPage.escape(entry.name.map { "\($0)（\(entry.county)）" } ?? entry.county)
            html += "<tr><td>\(entry.year)</td><td>\(label)</td>"
                + "<td><a href=\"/county?year=\(entry.year)&amp;county=\(entry.county)\">汇总</a></td>"
                + "<td><a href=\"/audit?year=\(entry.year)&amp;county=\(entry.county)\">审核结果</a></td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        let years = Set(held.map(\.year)).sorted()
        html += "<p>县区排名：" + years.map { "<a href=\"/ranking?year=\($0)\">\($0)年</a>" }.joined(separator: " · ") + "</p>\n</section>"
        return html
    }

    static func counties(_ held: Held, path: String, what: String) -> String {
        guard !held.isEmpty else { return "<section><p>仓库中还没有学校数据。</p></section>" }
        let items = held.map { entry in
            "<li><a href=\"\(path)?year=\(entry.year)&amp;county=\(entry.county)\">\(entry.year)年 "
                + "\(HTMLPage.escape(entry.name ?? entry.county))（\(entry.county)）\(what)</a></li>"
        }
        return "<section><ul>\n" + items.joined(separator: "\n") + "\n</ul></section>"
    }

    static func yearsOnly(_ held: Held, path: String) -> String {
        let years = Set(held.map(\.year)).sorted()
        guard !years.isEmpty else { return "<section><p>仓库中还没有学校数据。</p></section>" }
        return "<section><ul>\n" + years.map { "<li><a href=\"\(path)?year=\($0)\">\($0)年</a></li>" }.joined(separator: "\n") + "\n</ul></section>"
    }
}
