import EduNormalise
import EduStandards
import EduWarehouse

/// 历年比较's line chart: one stage's CVs over the years held, a polyline per indicator.
extension SVGCharts {
    /// Distinct colours for up to a dozen lines; the composite is drawn thick and black.
    static let seriesColours = ["#4a7ebb", "#e07b39", "#3a9a5b", "#c0392b", "#8e6bbf", "#8c564b", "#d16ba5", "#7f7f7f",
                                "#b5a22c", "#17a2b8", "#2f5597", "#a0522d", "#6b8e23"]

    /// One line of the chart: an indicator's CV in each year it has one.
    struct TrendLine {
        var id: String
        var label: String
        var points: [(year: Int, cv: Double)]
        var composite: Bool
        /// A quality indicator (dashed), drawn only where the basic standard has no line of the same id.
        var quality: Bool
    }

    /// The stage's CVs over `report.trendYears`: the basic indicators, the composite (thick) and
    /// the quality indicators the basic standard lacks (dashed; a shared indicator has one CV),
    /// each a polyline with a dot a year; each standard's limit a dashed grey line. nil when no
    /// indicator has a CV in two years.
    static func trendChart(_ report: CountyReport, stage: Stage) -> String? {
        let years = report.trendYears
        guard years.count > 1 else { return nil }
        var lines: [TrendLine] = []
        var limits: [(String, Double)] = []
        for series in report.trendSeries(stage: stage) {
            if series.standard == .quality, lines.contains(where: { $0.id == series.indicator }) { continue }
            let points = years.compactMap { year in series.rows[year]?.cv.map { (year, $0) } }
            guard !points.isEmpty else { continue }
            let composite = series.indicator == DerivedIndicator.compositeID
            lines.append(TrendLine(id: series.indicator, label: composite ? "综合差异系数" : ReportLabels.indicator(series.indicator).shortName,
                                   points: points, composite: composite, quality: series.standard == .quality))
        }
        // Dots without a line between them compare nothing: some indicator needs a CV in two years.
        guard lines.contains(where: { $0.points.count > 1 }) else { return nil }
        for standard in [BalanceStandard.basic, .quality] {
            if let limit = report.summary.balance.first(where: { $0.stage == stage && $0.standard == standard })?.cvLimit {
                limits.append((ReportLabels.standard(standard), limit))
            }
        }
        let legendRow = 16.0
        let width = 620.0, left = 44.0, legendWidth = 150.0, top = 14.0, axis = 34.0
        let plotWidth = width - left - legendWidth - 24
        let plotHeight = max(200, Double(lines.count) * legendRow)
        let height = top + plotHeight + axis
        let largest = (lines.flatMap { $0.points.map(\.cv) } + limits.map(\.1)).max() ?? 1
        let maximum = niceMaximum(largest * 1.1)
        func x(_ index: Int) -> Double { left + 12 + (plotWidth - 24) * Double(index) / Double(max(years.count - 1, 1)) }
        func y(_ cv: Double) -> Double { top + plotHeight * (1 - min(max(cv, 0), maximum) / maximum) }
        var svg = open(width: width, height: height, label: "\(ReportLabels.stage(stage))历年差异系数")
        svg += levels(maximum: maximum, y: y, left: left, right: left + plotWidth)
        for (index, year) in years.enumerated() {
            svg += line(x1: x(index), y1: top, x2: x(index), y2: top + plotHeight, stroke: "#eeeeee", width: 1)
            svg += text("\(year)年", x: x(index), y: top + plotHeight + 16, size: 11, anchor: "middle", fill: "#444")
        }
        for (name, limit) in limits {
            svg += line(x1: left, y1: y(limit), x2: left + plotWidth, y2: y(limit), stroke: "#777", width: 1.2, dash: "6 3")
            svg += text("\(name)标准值 \(CountyReport.number(limit, decimals: 2))", x: left + plotWidth - 2, y: y(limit) - 4, size: 10,
                        anchor: "end", fill: "#555", halo: true)
        }
        for (index, trend) in lines.enumerated() {
            let colour = trend.composite ? lineColour : seriesColours[index % seriesColours.count]
            svg += polyline(trend, colour: colour, x: { year in x(years.firstIndex(of: year) ?? 0) }, y: y)
            let legendY = top + 10 + Double(index) * legendRow
            let legendX = left + plotWidth + 20
            svg += line(x1: legendX, y1: legendY - 4, x2: legendX + 18, y2: legendY - 4, stroke: colour, width: trend.composite ? 3 : 2,
                        dash: trend.quality ? "4 2" : nil)
            svg += text(trend.label, x: legendX + 22, y: legendY, size: 10.5, anchor: "start", fill: "#333")
        }
        return svg + "</svg>"
    }

    /// A line through the years' CVs, a dot on each with its value in the tooltip.
    static func polyline(_ trend: TrendLine, colour: String, x: (Int) -> Double, y: (Double) -> Double) -> String {
        let points = trend.points.map { "\(n(x($0.year))),\(n(y($0.cv)))" }.joined(separator: " ")
        var svg = "<polyline data-indicator=\"\(HTMLText.escape(trend.id))\" points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" "
            + "stroke-width=\"\(trend.composite ? 3 : 1.8)\"" + (trend.quality ? " stroke-dasharray=\"4 2\"" : "")
            + "><title>\(HTMLText.escape(trend.label))</title></polyline>\n"
        for point in trend.points {
            svg += "<circle cx=\"\(n(x(point.year)))\" cy=\"\(n(y(point.cv)))\" r=\"\(trend.composite ? 3.5 : 2.5)\" fill=\"\(colour)\">"
                + "<title>\(HTMLText.escape("\(trend.label) \(point.year)年：\(CountyReport.number(point.cv, decimals: 4))"))</title></circle>\n"
        }
        return svg
    }

    /// Horizontal grid lines with their CVs left of the plot.
    static func levels(maximum: Double, y: (Double) -> Double, left: Double, right: Double) -> String {
        var svg = ""
        let step = niceStep(maximum)
        var value = 0.0
        while value <= maximum + step / 1000 {
            svg += line(x1: left, y1: y(value), x2: right, y2: y(value), stroke: value == 0 ? "#888" : "#e2e2e2", width: 1)
            svg += text(CountyReport.number(value, decimals: places(step)), x: left - 4, y: y(value) + 3.5, size: 10, anchor: "end", fill: "#666")
            value += step
        }
        return svg
    }
}
