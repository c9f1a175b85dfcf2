import Foundation

extension CountyReport {
    /// One line for the terminal and the pipeline log:
    /// `青石县 360321, 2024: 小学 综合差异系数 0.1811 (limit 0.65), 初中 0.1242 (limit 0.55); 15 of 34 school parts do not comply …;
    /// 审核 4 errors, 5 warnings (3 CVs computed over figures with errors)`
    public var headline: String {
        var text = "\(summary.countyName.map { "\($0) " } ?? "")\(summary.countyCode), \(summary.year)"
        let composites = stages.compactMap { stage -> String? in
            guard let row = composite(stage: stage) else { return nil }
            guard let cv = row.cv else {
                let missing = row.compositeGaps.isEmpty ? "" : " (\(row.compositeGaps.count) of \(summary.basicIndicators.count) CVs missing)"
                return "\(ReportLabels.stage(stage)) 综合差异系数无法计算" + missing
            }
            return "\(ReportLabels.stage(stage)) 综合差异系数 \(Self.number(cv, decimals: 4)) (limit \(Self.number(row.cvLimit, decimals: 2)))"
        }
        if !composites.isEmpty { text += ": " + composites.joined(separator: ", ") }
        let counted = summary.compliance.filter { $0.excludedReason == nil }
        if !counted.isEmpty {
            text += "; \(counted.filter { $0.complies == false }.count) of \(counted.count) school parts do not comply with the quality standard"
        }
        if !summary.targets.isEmpty {
            text += "; \(summary.targets.filter { !$0.met }.count) of \(summary.targets.count) county targets missed"
        }
        return text + "; " + auditHeadline
    }
}
