import EduNormalise
import EduStandards
import EduWarehouse
import Foundation

/// Inline SVG bar charts for the HTML report, drawn with nothing but SVG elements (no scripts,
/// no fonts, no links): horizontal bars so Chinese names read level, a value at the end of each
/// bar, limits and minimums as dark lines. All text is escaped.
enum SVGCharts {
    static let okColour = "#4a7ebb"
    static let shortColour = "#c0392b"
    static let excludedColour = "#b8b8b8"
    /// A CV reported but not judged (a basic indicator under the 2012 standard).
    static let unjudgedColour = "#a9bfdd"
    static let lineColour = "#222"

    // MARK: CVs against their limits

    enum CVItem {
        case group(String, limit: Double)
        case bar(label: String, cv: Double?, limit: Double, met: Bool?, judged: Bool)
    }

    /// One stage's CVs: the basic indicators, the composite and the quality indicators, each
    /// group under its limit (a dashed line), over-limit bars red.
    static func cvChart(_ report: CountyReport, stage: Stage) -> String {
        var items: [CVItem] = []
        var standard: BalanceStandard?
        for row in report.balanceRows(stage: stage) {
            if row.standard != standard {
                standard = row.standard
                items.append(.group("\(ReportLabels.standard(row.standard))（差异系数 ≤ \(CountyReport.number(row.cvLimit, decimals: 2))）",
                                    limit: row.cvLimit))
            }
            let label = row.indicator == DerivedIndicator.compositeID ? "综合差异系数" : ReportLabels.indicator(row.indicator).shortName
            items.append(.bar(label: label, cv: row.cv, limit: row.cvLimit, met: row.cvMet, judged: row.judged))
        }
        let width = 620.0, left = 150.0, right = 20.0, rowHeight = 21.0, top = 6.0, axis = 40.0
        let largest = items.reduce(0.0) { result, item in
            switch item {
            case .bar(_, let cv, let limit, _, _): return max(result, cv ?? 0, limit)
            case .group(_, let limit): return max(result, limit)
            }
        }
        let maximum = niceMaximum(largest * 1.15)
        let plot = width - left - right
        let height = top + Double(items.count) * rowHeight + axis
        let bottom = height - axis
        func x(_ value: Double) -> Double { left + plot * value / maximum }
        var svg = open(width: width, height: height, label: "\(ReportLabels.stage(stage))差异系数与标准值")
        var labels = ""  // drawn last, over the lines
        svg += grid(maximum: maximum, x: x, top: top, bottom: bottom)
        var groupStart: (y: Double, limit: Double)?
        func closeGroup(at end: Double) {
            guard let start = groupStart else { return }
            svg += line(x1: x(start.limit), y1: start.y + 2, x2: x(start.limit), y2: end, stroke: lineColour, width: 1.8, dash: "6 3")
            svg += text("标准值 \(CountyReport.number(start.limit, decimals: 2))", x: x(start.limit), y: start.y - 5, size: 11,
                        anchor: "middle", weight: "bold")
        }
        for (index, item) in items.enumerated() {
            let y = top + Double(index) * rowHeight
            switch item {
            case .group(let title, let limit):
                closeGroup(at: y)
                svg += text(title, x: 4, y: y + 15, size: 12, anchor: "start", weight: "bold")
                groupStart = (y + rowHeight, limit)
            case .bar(let label, let cv, let limit, let met, let judged):
                svg += text(label, x: left - 6, y: y + 14.5, size: 12, anchor: "end")
                guard let cv else {
                    svg += text(judged ? ReportLabels.cannotCompute : "无数据", x: left + 4, y: y + 14.5, size: 11, anchor: "start",
                                fill: judged ? shortColour : "#777")
                    continue
                }
                let colour = !judged ? unjudgedColour : met == false ? shortColour : okColour
                let verdict = judged ? "" : "（\(ReportLabels.notJudged)）"
                svg += rect(x: left, y: y + 4, width: max(x(cv) - left, 1), height: rowHeight - 8, fill: colour,
                            title: "\(label)：\(CountyReport.number(cv, decimals: 4))，标准值 ≤ \(CountyReport.number(limit, decimals: 2))\(verdict)")
                // The value after the bar, or after the limit line when it would cross it.
                var labelX = x(cv) + 4
                if labelX < x(limit) + 3, labelX + 42 > x(limit) { labelX = x(limit) + 4 }
                labels += text(CountyReport.number(cv, decimals: 4), x: labelX, y: y + 14.5, size: 11,
                               anchor: "start", fill: met == false ? shortColour : "#333", halo: true)
            }
        }
        closeGroup(at: bottom)
        svg += labels
        svg += legend([(okColour, "不超过标准值"), (shortColour, "超过标准值")], line: "标准值", x: left, y: height - 6)
        return svg + "</svg>"
    }

    // MARK: Schools against a minimum

    struct SchoolBar {
        var name: String
        var value: Double?
        var excluded: Bool
    }

    /// Each school's value of one indicator in one stage, highest first, against the quality
    /// minimum (a dashed line) and, with a compliance rule, the floor an unmet minimum must reach
    /// (a dotted line); shortfalls red, schools left out of the county figures grey.
    static func schoolChart(_ report: CountyReport, indicator: String, stage: Stage) -> String? {
        let bars = report.summary.schools.filter { $0.stage == stage }.map { school in
            SchoolBar(name: school.schoolName ?? school.schoolCode, value: school.indicators[indicator] ?? nil,
                      excluded: school.excludedReason != nil)
        }.sorted { lhs, rhs in
            // Counted schools first, highest first; schools left out below them.
            if lhs.excluded != rhs.excluded { return !lhs.excluded }
            return (lhs.value ?? -.infinity) > (rhs.value ?? -.infinity)
        }
        guard !bars.isEmpty else { return nil }
        let minimum = report.minimum(indicator, stage: stage)
        let floor = report.rule.flatMap { rule in minimum.map { $0 * rule.unmetFloor } }
        let decimals = ReportLabels.indicator(indicator).decimals
        let width = 620.0, left = 196.0, right = 52.0, rowHeight = 17.0, top = 22.0, axis = 40.0
        // The scale fits the counted schools and the minimum; a school left out with a far larger
        // value (a special school's per-student figures) is cut at the end of the axis, marked.
        let counted = bars.filter { !$0.excluded }.compactMap(\.value)
        let largest = max((counted.isEmpty ? bars.compactMap(\.value) : counted).max() ?? 0, minimum ?? 0)
        let maximum = niceMaximum(largest * 1.05)
        let plot = width - left - right
        let height = top + Double(bars.count) * rowHeight + axis
        func x(_ value: Double) -> Double { left + plot * min(max(value, 0), maximum) / maximum }
        let title = "\(ReportLabels.stage(stage))：\(ReportLabels.label(indicator))"
        var svg = open(width: width, height: height, label: title)
        var labels = ""  // drawn last, over the lines
        svg += grid(maximum: maximum, x: x, top: top, bottom: height - axis)
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            let label = shortened(bar.name, to: 11) + (bar.excluded ? "（不计入）" : "")
            svg += text(label, x: left - 6, y: y + 12.5, size: 11.5, anchor: "end", fill: bar.excluded ? "#777" : "#222",
                        title: bar.name)
            guard let value = bar.value else {
                svg += text("无数据", x: left + 4, y: y + 12.5, size: 10.5, anchor: "start", fill: "#777")
                continue
            }
            let short = minimum.map { value < $0 } ?? false
            let colour = bar.excluded ? excludedColour : (short ? shortColour : okColour)
            var hover = "\(bar.name)：\(CountyReport.number(value, decimals: decimals))"
            if let minimum { hover += "（最低标准 \(CountyReport.trimmed(minimum))）" }
            svg += rect(x: left, y: y + 3, width: max(x(value) - left, 1), height: rowHeight - 6, fill: colour, title: hover)
            var valueText = CountyReport.number(value, decimals: decimals)
            if value > maximum {
                // Cut: two white slashes across the bar's end.
                svg += line(x1: x(value) - 14, y1: y + 15, x2: x(value) - 9, y2: y + 2, stroke: "#fff", width: 2)
                svg += line(x1: x(value) - 9, y1: y + 15, x2: x(value) - 4, y2: y + 2, stroke: "#fff", width: 2)
                valueText = "▸" + valueText
            }
            labels += text(valueText, x: x(value) + 4, y: y + 12, size: 10, anchor: "start",
                           fill: short && !bar.excluded ? shortColour : "#333", halo: true)
        }
        let bottom = height - axis
        if let floor {
            svg += line(x1: x(floor), y1: top - 4, x2: x(floor), y2: bottom, stroke: "#777", width: 1.2, dash: "2 3")
        }
        if let minimum {
            svg += line(x1: x(minimum), y1: top - 6, x2: x(minimum), y2: bottom, stroke: lineColour, width: 1.8, dash: "6 3")
            svg += text("最低标准 \(CountyReport.trimmed(minimum))", x: x(minimum), y: top - 9, size: 11, anchor: "middle",
                        weight: "bold")
        }
        svg += labels
        var keys = [(okColour, "达到最低标准"), (shortColour, "低于最低标准"), (excludedColour, "不计入")]
        if minimum == nil { keys = [(okColour, "学校"), (excludedColour, "不计入")] }
        svg += legend(keys, line: minimum == nil ? nil : "最低标准", dotted: floor == nil ? nil : "最低标准的"
                          + CountyReport.number((report.rule?.unmetFloor ?? 0) * 100, decimals: 0) + "%",
                      x: 8, y: height - 6)
        return svg + "</svg>"
    }

    // MARK: Pieces

    static func open(width: Double, height: Double, label: String) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "role=\"img\" aria-label=\"\(HTMLText.escape(label))\"><title>\(HTMLText.escape(label))</title>\n"
    }

    /// Vertical grid lines with their values under the plot.
    static func grid(maximum: Double, x: (Double) -> Double, top: Double, bottom: Double) -> String {
        var svg = ""
        let step = niceStep(maximum)
        var value = 0.0
        while value <= maximum + step / 1000 {
            let position = x(value)
            svg += line(x1: position, y1: top - 2, x2: position, y2: bottom, stroke: value == 0 ? "#888" : "#e2e2e2", width: 1)
            svg += text(CountyReport.number(value, decimals: places(step)),
                        x: position, y: bottom + 12, size: 10, anchor: "middle", fill: "#666")
            value += step
        }
        return svg
    }

    static func legend(_ keys: [(String, String)], line label: String?, dotted: String? = nil, x: Double, y: Double) -> String {
        var svg = ""
        var position = x
        for (colour, name) in keys {
            svg += rect(x: position, y: y - 9, width: 10, height: 10, fill: colour, title: nil)
            svg += text(name, x: position + 14, y: y, size: 10.5, anchor: "start", fill: "#444")
            position += 24 + Double(name.count) * 10.5
        }
        if let label {
            svg += line(x1: position, y1: y - 4, x2: position + 18, y2: y - 4, stroke: lineColour, width: 2, dash: "6 3")
            svg += text(label, x: position + 22, y: y, size: 10.5, anchor: "start", fill: "#444")
            position += 36 + Double(label.count) * 10.5
        }
        if let dotted {
            svg += line(x1: position, y1: y - 4, x2: position + 18, y2: y - 4, stroke: "#777", width: 1.2, dash: "2 3")
            svg += text(dotted, x: position + 22, y: y, size: 10.5, anchor: "start", fill: "#444")
        }
        return svg
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String?) -> String {
        let body = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(fill)\""
        guard let title else { return body + "/>\n" }
        return body + "><title>\(HTMLText.escape(title))</title></rect>\n"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double, dash: String? = nil) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
            + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>\n"
    }

    static func text(_ content: String, x: Double, y: Double, size: Double, anchor: String, fill: String = "#222",
                     weight: String? = nil, title: String? = nil, halo: Bool = false) -> String {
        var svg = "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let weight { svg += " font-weight=\"\(weight)\"" }
        // A white outline under the glyphs keeps a value readable where a line crosses it.
        if halo { svg += " stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"" }
        svg += ">"
        if let title, title != content { svg += "<title>\(HTMLText.escape(title))</title>" }
        return svg + HTMLText.escape(content) + "</text>\n"
    }

    /// A name cut to `limit` characters with "…", the full name kept in the tooltip.
    static func shortened(_ name: String, to limit: Int) -> String {
        name.count <= limit ? name : String(name.prefix(limit - 1)) + "…"
    }

    /// The axis end: 1, 2, 2.5 or 5 times a power of ten, at least `value`.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let step = niceStep(value)
        return (value / step).rounded(.up) * step
    }

    /// A grid step giving four to eight lines up to `value`.
    static func niceStep(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 0.2 }
        let rough = value / 5
        let power = pow(10, (log10(rough)).rounded(.down))
        for factor in [1.0, 2, 2.5, 5, 10] where rough <= factor * power { return factor * power }
        return 10 * power
    }

    /// The decimals a grid step needs: 0.25 → 2, 0.2 → 1, 5 → 0.
    static func places(_ step: Double) -> Int {
        for places in 0...4 {
            let scaled = step * pow(10, Double(places))
            if abs(scaled - scaled.rounded()) < 1e-6 { return places }
        }
        return 4
    }

    /// Coordinates with at most two decimals.
    static func n(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
