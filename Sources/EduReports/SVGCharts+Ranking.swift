import EduNormalise
import Foundation

extension SVGCharts {
    /// One stage's counties by rank: a bar of each county's basic composite CV (over the limit red),
    /// the limit a dashed line; a county without a composite CV gets a row saying 无法计算, no bar.
    static func rankingChart(_ ranking: ProvinceRanking, stage: Stage) -> String? {
        let rows = ranking.rows(stage: stage)
        guard !rows.isEmpty else { return nil }
        let limit = rows.compactMap(\.basicCVLimit).first
        let width = 620.0, left = 170.0, right = 56.0, rowHeight = 21.0, top = 24.0, axis = 40.0
        let largest = rows.reduce(limit ?? 0) { max($0, $1.basicCV ?? 0) }
        let maximum = niceMaximum(largest * 1.1)
        let plot = width - left - right
        let height = top + Double(rows.count) * rowHeight + axis
        let bottom = height - axis
        func x(_ value: Double) -> Double { left + plot * min(max(value, 0), maximum) / maximum }
        var svg = open(width: width, height: height, label: "\(ReportLabels.stage(stage))各县区综合差异系数排名")
        var labels = ""  // drawn last, over the limit line
        svg += grid(maximum: maximum, x: x, top: top, bottom: bottom)
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            let name = ProvinceRanking.countyName(row)
            let rank = row.basicRank.map { "\($0). " } ?? "— "
            svg += text(rank + shortened(name, to: 10), x: left - 6, y: y + 14.5, size: 12, anchor: "end",
                        title: "\(name)（\(row.countyCode)）")
            guard let cv = row.basicCV else {
                svg += text(ReportLabels.cannotCompute, x: left + 4, y: y + 14.5, size: 11, anchor: "start", fill: shortColour,
                            title: ProvinceRanking.whyNoComposite(row))
                continue
            }
            let over = row.basicMet == false
            var hover = "\(name)（\(row.countyCode)）：综合差异系数 \(CountyReport.number(cv, decimals: 4))"
            if let limit = row.basicCVLimit { hover += "，标准值 ≤ \(CountyReport.number(limit, decimals: 2))" }
            svg += "<g class=\"county-bar\" data-county=\"\(HTMLText.escape(row.countyCode))\">"
                + rect(x: left, y: y + 4, width: max(x(cv) - left, 1), height: rowHeight - 8, fill: over ? shortColour : okColour,
                       title: hover) + "</g>\n"
            labels += text(CountyReport.number(cv, decimals: 4), x: x(cv) + 4, y: y + 14.5, size: 11, anchor: "start",
                           fill: over ? shortColour : "#333", halo: true)
        }
        if let limit {
            svg += line(x1: x(limit), y1: top - 6, x2: x(limit), y2: bottom, stroke: lineColour, width: 1.8, dash: "6 3")
            svg += text("标准值 \(CountyReport.number(limit, decimals: 2))", x: x(limit), y: top - 10, size: 11, anchor: "middle",
                        weight: "bold")
        }
        svg += labels
        svg += legend([(okColour, "不超过标准值"), (shortColour, "超过标准值")], line: limit == nil ? nil : "标准值", x: 8, y: height - 6)
        return svg + "</svg>"
    }
}
