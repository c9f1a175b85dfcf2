import EduCore

/// 单位 beside a code column is the school's name: district returns head their columns 机构代码 │
/// 单位 (the unit reporting, i.e. the school), where 单位 alone would otherwise say nothing.
enum SchoolNameColumn {
    /// How far from the code column 单位 may stand (序号 or a type column may sit between).
    static let reach = 2

    static func settle(_ decisions: inout [ColumnDecision]) {
        guard !decisions.contains(where: { $0.field == "school_name" }),
              let code = decisions.first(where: { $0.field == "school_code" }) else { return }
        let candidates = decisions.indices.filter { index in
            let decision = decisions[index]
            guard decision.field == nil, let leaf = decision.path.last, abs(decision.column - code.column) <= reach else { return false }
            let folded = HeaderText.fold(leaf)
            return folded == "单位" || folded == "机构"
        }
        guard candidates.count == 1, let index = candidates.first else { return }
        decisions[index].field = "school_name"
        decisions[index].method = .parentPath
        decisions[index].confidence = 0.9
        decisions[index].unit = UnitChoice(written: "", canonical: "", factor: 1, source: .assumed)
        decisions[index].note = "\(decisions[index].path.last ?? "单位") beside the code column \(CellPosition.columnName(code.column)): the school's name"
    }
}
