import EduNormalise
import EduStandards
import EduWarehouse
import Foundation

/// Text made safe for HTML element content and attribute values.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                // Control characters other than tab and line feed have no place in a page.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" || (0x7F...0x9F).contains(scalar.value) {
                    result += " "
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// A page's start, up to its header's title: the same head (UTF-8, the report's styles, the
    /// generating command) for every page eduetl writes.
    static func pageStart(title: String, generator: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="\(escape(generator))">
        <title>\(escape(title))</title>
        <style>\(HTMLCountyReport.style)</style>
        </head>
        <body>
        <header>
        <h1>\(escape(title))</h1>

        """
    }
}

/// The county summary as one self-contained HTML page: no scripts, no external fonts, images,
/// styles or links; Chinese labels; inline SVG charts of each CV against its limit and of each
/// school's value against each quality minimum; the CV, non-compliance and school tables; what the
/// checks (审核) found, the CVs over figures with errors marked.
/// Every text from the warehouse (school names, reasons, file names) is escaped.
public enum HTMLCountyReport {
    public static func page(_ report: CountyReport) -> String {
        var html = HTMLText.pageStart(title: report.title, generator: "eduetl report") + """
        <p class="meta">行政区划代码 \(HTMLText.escape(report.summary.countyCode)) · 学年 \(report.summary.year) · \
        导出日期 \(report.generatedDay) · 数据来源 \(report.summary.sourceFiles.count) 个文件</p>
        </header>

        """
        html += overview(report)
        html += auditBanner(report)
        html += "<section id=\"cv\">\n<h2>差异系数</h2>\n"
        html += "<p class=\"note\">差异系数按在校生数加权计算；虚线为标准值，红色为超过标准值，浅色为不单独判定。"
            + "综合差异系数为基本均衡\(report.summary.basicIndicators.count)项指标差异系数的平均值。</p>\n"
        html += "<p class=\"note\">\(HTMLText.escape(ReportLabels.judgedNote))</p>\n"
        html += "<div class=\"pair\">\n"
        for stage in report.stages {
            html += "<figure><figcaption>\(HTMLText.escape(ReportLabels.stage(stage)))差异系数</figcaption>\n"
            html += SVGCharts.cvChart(report, stage: stage) + "</figure>\n"
        }
        html += "</div>\n"
        html += "<div class=\"tablebox\">" + balanceTable(report) + "</div>\n"
        html += balanceNotes(report)
        html += "</section>\n"
        html += auditSection(report)
        html += urbanRuralSection(report)
        html += trendSection(report)
        if !report.summary.targets.isEmpty {
            let targets = report.targetsTable()
            html += "<section id=\"targets\">\n<h2>县级指标</h2>\n"
            html += targets.notes.map { "<p class=\"note\">\(HTMLText.escape($0))</p>\n" }.joined()
            html += "<div class=\"tablebox\">" + table(targets, caption: nil) + "</div>\n</section>\n"
        }
        html += schoolCharts(report)
        html += "<section id=\"noncompliant\">\n<h2>优质均衡未达标学校</h2>\n"
        let compliance = report.complianceTable()
        html += compliance.notes.map { "<p class=\"note\">\(HTMLText.escape($0))</p>\n" }.joined()
        // One school's rows share its stage, code, name, students, count met, reason and note.
        let grouping = Grouping(key: [0, 1], spanned: [0, 1, 2, 3, 4, 10, 11, 12])
        html += compliance.rows.isEmpty ? "<p>没有未达标的学校。</p>\n"
            : "<div class=\"tablebox\">" + table(compliance, caption: nil, grouping: grouping) + "</div>\n"
        html += "</section>\n"
        html += scaleSection(report)
        html += "<section id=\"schools\">\n<h2>各校指标</h2>\n"
        let schools = report.schoolsTable()
        html += schools.notes.map { "<p class=\"note\">\(HTMLText.escape($0))</p>\n" }.joined()
        // A table per stage, its minimums under the header; the stage column left out.
        let ids = report.schoolIndicatorIDs
        let firstIndicator = schools.columns.firstIndex(of: ReportLabels.label(ids.first ?? "")) ?? 5
        for stage in report.stages {
            var part = schools
            part.rows = schools.rows.filter { $0.last?.value == .text(stage.rawValue) }
            guard !part.rows.isEmpty else { continue }
            part.idColumns.insert(0)
            var minimums = Array(repeating: "", count: schools.columns.count)
            minimums[1] = "优质均衡最低标准"
            for (offset, id) in ids.enumerated() {
                if let minimum = report.minimum(id, stage: stage) { minimums[firstIndicator + offset] = "≥ " + CountyReport.trimmed(minimum) }
            }
            html += "<h3>\(HTMLText.escape(ReportLabels.stage(stage)))</h3>\n"
            html += "<div class=\"tablebox wide\">" + table(part, caption: nil, subheader: minimums) + "</div>\n"
        }
        html += "</section>\n"
        html += footer(report)
        return html + "</body>\n</html>\n"
    }

    /// Per stage: the composite CV (or why it cannot be computed), how many of the judged CVs (the
    /// composite and the quality standard's) are within their limits, how many schools comply.
    static func overview(_ report: CountyReport) -> String {
        var html = "<section class=\"cards\">\n"
        for stage in report.stages {
            let judged = report.judgedRows(stage: stage)
            let counted = report.summary.compliance.filter { $0.stage == stage && $0.excludedReason == nil }
            let schools = report.summary.schools.filter { $0.stage == stage }
            let excluded = schools.filter { $0.excludedReason != nil }.count
            html += "<div class=\"card\"><h3>\(HTMLText.escape(ReportLabels.stage(stage)))</h3>\n<dl>\n"
            if let composite = report.composite(stage: stage) {
                let limit = "标准值 ≤ \(CountyReport.number(composite.cvLimit, decimals: 2))"
                if let cv = composite.cv {
                    let met = composite.cvMet == true
                    html += "<dt>综合差异系数</dt><dd class=\"big \(met ? "ok" : "bad")\">\(CountyReport.number(cv, decimals: 4))"
                    html += "<small>\(limit)，\(met ? "达标" : "未达标")</small>"
                    if let mark = report.auditMark(composite) { html += "<small class=\"auditmark\">\(HTMLText.escape(mark))</small>" }
                    html += "</dd>\n"
                } else {
                    html += "<dt>综合差异系数</dt><dd class=\"big bad\">无法计算<small>\(limit)；"
                        + "\(composite.compositeGaps.count)项指标没有差异系数，见下表说明</small></dd>\n"
                }
            }
            html += "<dt>差异系数达标</dt><dd>\(judged.filter { $0.cvMet == true }.count) / \(judged.count) 项"
            html += "<small>综合差异系数与优质均衡各项；基本均衡各项不单独判定</small></dd>\n"
            html += "<dt>优质均衡学校达标</dt><dd>\(counted.filter { $0.complies == true }.count) / \(counted.count) 所"
            let unknown = counted.filter { $0.complies == nil }.count
            if unknown > 0 { html += "<small>\(unknown) 所数据不全无法判定</small>" }
            html += "</dd>\n<dt>学校数</dt><dd>\(schools.count) 所"
            if excluded > 0 { html += "<small>其中 \(excluded) 所不计入县域统计</small>" }
            html += "</dd>\n</dl></div>\n"
        }
        return html + "</section>\n"
    }

    /// Each quality indicator: the schools of each stage against its minimum, side by side.
    static func schoolCharts(_ report: CountyReport) -> String {
        var html = "<section id=\"charts\">\n<h2>各校指标与优质均衡最低标准</h2>\n"
        html += "<p class=\"note\">每所学校一条，按数值从高到低；虚线为学校最低标准，红色为低于最低标准，灰色为不计入县域统计的学校"
        if let rule = report.rule {
            html += "；点线为最低标准的" + CountyReport.number(rule.unmetFloor * 100, decimals: 0) + "%（未达标指标不得低于此线）"
        }
        html += "。</p>\n"
        for indicator in report.summary.qualityIndicators {
            html += "<h3>\(HTMLText.escape(ReportLabels.label(indicator)))</h3>\n<div class=\"pair\">\n"
            for stage in report.stages {
                guard let chart = SVGCharts.schoolChart(report, indicator: indicator, stage: stage) else { continue }
                var caption = ReportLabels.stage(stage)
                if let minimum = report.minimum(indicator, stage: stage) { caption += "（最低标准 \(CountyReport.trimmed(minimum))）" }
                html += "<figure><figcaption>\(HTMLText.escape(caption))</figcaption>\n\(chart)</figure>\n"
            }
            html += "</div>\n"
        }
        return html + "</section>\n"
    }

    /// The CVs of every stage side by side: 指标 and 标准, then per stage 均值, 差异系数, 标准值 and
    /// 是否达标 under a heading with its schools and students (a row with fewer says so).
    static func balanceTable(_ report: CountyReport) -> String {
        let stages = report.stages
        var keys: [(standard: BalanceStandard, indicator: String)] = []
        for stage in stages {
            for row in report.balanceRows(stage: stage) where !keys.contains(where: { $0.standard == row.standard && $0.indicator == row.indicator }) {
                keys.append((row.standard, row.indicator))
            }
        }
        var html = "<table class=\"balance\">\n<thead><tr><th rowspan=\"2\">\(ReportLabels.indicatorColumn)</th>"
            + "<th rowspan=\"2\">\(ReportLabels.standardColumn)</th>"
        var most: [Stage: (schools: Int, students: Double)] = [:]
        for stage in stages {
            let rows = report.summary.balance.filter { $0.stage == stage }
            let entry = (rows.map(\.schools).max() ?? 0, rows.map(\.students).max() ?? 0)
            most[stage] = entry
            html += "<th colspan=\"4\">\(HTMLText.escape(ReportLabels.stage(stage)))<small>\(entry.0) 所学校，"
                + "\(CountyReport.number(entry.1, decimals: 0)) 名学生</small></th>"
        }
        html += "</tr>\n<tr>"
        for _ in stages {
            html += [ReportLabels.meanColumn, ReportLabels.cvColumn, ReportLabels.cvLimitColumn, ReportLabels.metColumn]
                .map { "<th>\($0)</th>" }.joined()
        }
        html += "</tr></thead>\n<tbody>\n"
        var previous: BalanceStandard?
        for key in keys {
            let indicator = ReportLabels.indicator(key.indicator)
            html += previous != nil && key.standard != previous ? "<tr class=\"group\">" : "<tr>"
            previous = key.standard
            html += "<td>\(HTMLText.escape(indicator.label))</td><td>\(HTMLText.escape(ReportLabels.standard(key.standard)))</td>"
            for stage in stages {
                guard let row = report.summary.balance.first(where: {
                    $0.stage == stage && $0.standard == key.standard && $0.indicator == key.indicator
                }) else {
                    html += "<td></td><td></td><td></td><td></td>"
                    continue
                }
                let failed = row.judged && (row.cvMet == false || row.cv == nil) ? " short" : ""
                let mark = report.auditMark(row)
                var mean = row.mean.map { CountyReport.number($0, decimals: indicator.decimals) } ?? ""
                if key.indicator == "teachers_per_student", let value = row.mean, value > 0 {
                    mean += "<small>师生比 1:\(CountyReport.number(1 / value, decimals: 1))</small>"
                }
                var cv = row.cv.map { CountyReport.number($0, decimals: 4) } ?? (row.judged ? ReportLabels.cannotCompute : "无数据")
                if let entry = most[stage], row.schools < entry.schools {
                    cv += "<small>\(row.schools) 所，\(CountyReport.number(row.students, decimals: 0)) 人</small>"
                }
                if let mark { cv += "<small class=\"auditmark\">\(HTMLText.escape(mark))</small>" }
                let cvClass = failed.isEmpty && mark != nil ? " audit" : failed
                html += "<td class=\"num\">\(mean)</td><td class=\"num\(cvClass)\">\(cv)</td>"
                html += "<td class=\"num\">\(CountyReport.number(row.cvLimit, decimals: 2))</td>"
                html += (failed.isEmpty ? (row.judged ? "<td>" : "<td class=\"unjudged\">") : "<td class=\"short\">")
                    + ReportLabels.verdict(row) + "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Rows that belong together (one school's), by the columns that say so, and the columns
    /// shown once for the group (rowspan).
    struct Grouping {
        var key: [Int]
        var spanned: Set<Int>
    }

    /// A table without the machines' id columns; numbers right-aligned, long text wrapped,
    /// marks as classes; with a grouping, a group's shared cells span its rows.
    static func table(_ table: ReportTable, caption: String?, grouping: Grouping? = nil, subheader: [String]? = nil) -> String {
        let shown = table.columns.indices.filter { !table.idColumns.contains($0) }
        var html = "<table>\n"
        if let caption { html += "<caption>\(HTMLText.escape(caption))</caption>\n" }
        html += "<thead><tr>" + shown.map { index in
            let title = table.columns[index]
            return (title.count > 5 ? "<th class=\"long\">" : "<th>") + HTMLText.escape(title) + "</th>"
        }.joined() + "</tr>\n"
        if let subheader {
            html += "<tr class=\"minimums\">" + shown.map { index in
                "<td>" + HTMLText.escape(index < subheader.count ? subheader[index] : "") + "</td>"
            }.joined() + "</tr>\n"
        }
        html += "</thead>\n<tbody>\n"
        func key(_ row: Int) -> [ReportTable.Cell.Value] {
            (grouping?.key ?? []).map { $0 < table.rows[row].count ? table.rows[row][$0].value : .empty }
        }
        var groupEnd = 0
        for (rowIndex, row) in table.rows.enumerated() {
            var span = 1
            let startsGroup = rowIndex >= groupEnd
            if grouping != nil, startsGroup {
                groupEnd = rowIndex + 1
                while groupEnd < table.rows.count, key(groupEnd) == key(rowIndex) { groupEnd += 1 }
                span = groupEnd - rowIndex
            }
            html += grouping != nil && startsGroup && rowIndex > 0 ? "<tr class=\"group\">" : "<tr>"
            for index in shown {
                let spanned = grouping?.spanned.contains(index) ?? false
                if spanned && !startsGroup { continue }
                let cell = index < row.count ? row[index] : ReportTable.Cell(.empty)
                var classes: [String] = []
                switch cell.value {
                case .number, .percent: classes.append("num")
                case .text(let text) where text.count > 10: classes.append("long")
                default: break
                }
                switch cell.mark {
                case .none: break
                case .shortfall: classes.append("short")
                case .excluded: classes.append("excl")
                case .audited: classes.append("audit")
                }
                html += "<td"
                if spanned && span > 1 { html += " rowspan=\"\(span)\"" }
                if !classes.isEmpty { html += " class=\"\(classes.joined(separator: " "))\"" }
                html += ">" + HTMLText.escape(cell.display)
                if let hint = cell.hint { html += "<small>\(HTMLText.escape(hint))</small>" }
                html += "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    static func footer(_ report: CountyReport) -> String {
        var html = "<footer id=\"notes\">\n<h2>说明</h2>\n<ul>\n"
        html += "<li>\(HTMLText.escape(ReportLabels.sharedFiguresNote))</li>\n"
        html += "<li>\(HTMLText.escape(ReportLabels.excludedNote))</li>\n"
        html += "<li>师生比以“每名学生拥有专任教师数”计算差异系数（师生比 1:x 中 x = 1 ÷ 该值）。</li>\n"
        html += "</ul>\n<h3>数据来源文件</h3>\n<ol class=\"files\">\n"
        html += report.summary.sourceFiles.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined()
        return html + "</ol>\n<p class=\"meta\">由 eduetl report 生成。</p>\n</footer>\n"
    }

    /// System fonts only: the page must render the same offline.
    static let style = """
    :root { --ok: #4a7ebb; --bad: #c0392b; --excl: #fff2c2; --line: #d0d7e2; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1280px; padding: 16px 24px 40px; color: #222; background: #fff;
      font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei",
      "Droid Sans Fallback", sans-serif; font-size: 14px; line-height: 1.5; }
    h1 { font-size: 24px; margin: 8px 0 2px; }
    h2 { font-size: 19px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #2f5597; }
    h3 { font-size: 15px; margin: 18px 0 6px; }
    .meta { color: #555; margin: 0 0 8px; }
    .note { color: #444; margin: 4px 0; }
    .cards { display: flex; gap: 16px; flex-wrap: wrap; margin-top: 12px; }
    .card { flex: 1 1 300px; border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; background: #f7f9fc; }
    .card h3 { margin: 0 0 6px; font-size: 17px; }
    .card dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 14px; margin: 0; }
    .card dt { color: #555; }
    .card dd { margin: 0; font-weight: bold; }
    .card dd small { font-weight: normal; color: #555; margin-left: 8px; }
    .big { font-size: 20px; }
    .ok { color: #1e6b34; }
    .bad { color: var(--bad); }
    .pair { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
    figure { margin: 0; flex: 1 1 560px; max-width: 620px; }
    figcaption { font-weight: bold; margin: 4px 0; }
    svg.chart { width: 100%; height: auto; font-family: inherit; }
    .tablebox { overflow-x: auto; }
    table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
    caption { text-align: left; font-weight: bold; padding: 4px 0; }
    th, td { border: 1px solid #c9d1dd; padding: 3px 8px; vertical-align: middle; }
    th, td { white-space: nowrap; }
    td.long { white-space: normal; min-width: 12em; max-width: 22em; }
    th.long { white-space: normal; min-width: 4.5em; }
    .wide td.long { min-width: 7em; }
    tr.group td { border-top: 2px solid #8ea0bd; }
    tr.minimums td { background: #eef2f9; font-weight: bold; text-align: right; font-size: 12px; }
    tr.minimums td:first-child { text-align: left; }
    th { background: #d9e1f2; font-weight: bold; text-align: center; }
    th small { display: block; font-weight: normal; color: #444; font-size: 11px; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td small { display: block; color: #666; font-size: 11px; }
    td.short { background: #ffc7ce; color: #9c0006; }
    td.excl { background: var(--excl); }
    td.unjudged { color: #666; }
    td.audit { background: #f8cbad; color: #833c0b; }
    small.auditmark, .card dd small.auditmark { color: #b45309; font-weight: bold; }
    .banner { border-left: 4px solid #b45309; background: #fdf1e7; padding: 6px 12px; margin: 12px 0; }
    .wide table { font-size: 12px; }
    .wide th { white-space: normal; min-width: 4.5em; max-width: 7em; }
    .wide th, .wide td { padding: 2px 5px; }
    footer { margin-top: 28px; color: #333; }
    ol.files { font-size: 13px; color: #444; }
    @media print { body { max-width: none; } .pair { display: block; } figure { page-break-inside: avoid; } }
    """
}
