/// A column that is one of the parts beside a 合计 under one header: 在校生数 / 一年级 … 六年级 beside
/// 在校生数 / 合计, 教职工数 / 专任教师 … 工勤人员 beside 教职工数 / 合计. The parts add up to the 合计's
/// figure; the checks (breakdown_vs_total) say where they do not.
public struct BreakdownLink: Hashable, Sendable {
    /// The field the 合计 column carries.
    public var field: String
    /// The 合计 column.
    public var totalColumn: Int
    /// The part as its header writes it (一年级).
    public var part: String

    public init(field: String, totalColumn: Int, part: String) {
        self.field = field
        self.totalColumn = totalColumn
        self.part = part
    }
}

/// Finds the breakdown columns of a table's header: the columns at the depth of a mapped 合计 (or
/// 计, 小计) column under the same headers. Left out, as parts "of which" that need not add up:
/// an 其中 column, one mapped to a field that is `part_of` the 合计's (高于规定学历 beside 专任教师 / 合计),
/// one whose words are among the catalogue's `breakdowns.not_parts` (女, 少数民族, 寄宿 …) or its
/// global exclusions (生均, 比例, 增减 …). A group with fewer than two parts left, or
/// with two 合计 columns, has none: a lone part beside a total says nothing of a sum.
enum BreakdownColumns {
    static func link(_ decisions: inout [ColumnDecision], matcher: HeaderMatcher) {
        let catalogue = matcher.catalogue
        let totalsWords = Set(catalogue.totalsWords + ["计"])
        let excluded = catalogue.breakdownExclusions + catalogue.globalExclusions
        var totalsByHeaders: [[String]: [Int]] = [:]
        for index in decisions.indices {
            let decision = decisions[index]
            guard decision.path.count >= 2, let id = decision.field, let field = catalogue.field(id),
                  field.kind == .count || field.kind == .measure, let leaf = decision.path.last,
                  totalsWords.contains(matcher.headerText(leaf).core) else { continue }
            totalsByHeaders[Array(decision.path.dropLast()), default: []].append(index)
        }
        for (headers, totals) in totalsByHeaders {
            guard totals.count == 1, let total = totals.first, let field = decisions[total].field else { continue }
            let parts = decisions.indices.filter { index in
                let decision = decisions[index]
                guard index != total, decision.path.count == headers.count + 1, decision.path.dropLast().elementsEqual(headers),
                      let leaf = decision.path.last else { return false }
                if let id = decision.field, let part = catalogue.field(id) {
                    // 高于规定学历 beside 专任教师 / 合计 counts some of the teachers, not a kind of them.
                    if part.kind == .identity || catalogue.alternatives(of: field).contains(part.partOf ?? "") { return false }
                    if let alternative = part.alternativeTo, catalogue.field(alternative)?.partOf == field { return false }
                }
                let text = matcher.headerText(leaf)
                return !text.isOfWhich && !text.core.isEmpty && text.core != "其中" && !totalsWords.contains(text.core)
                    && !excluded.contains { !$0.isEmpty && text.core.hasBytes($0) }
            }
            guard parts.count >= 2 else { continue }
            for index in parts {
                let part = decisions[index].path.last.map(ValueParser.trimmed) ?? ""
                decisions[index].breakdownOf = BreakdownLink(field: field, totalColumn: decisions[total].column, part: part)
            }
        }
    }
}
