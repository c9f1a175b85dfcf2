/// A summary sheet (一览表, 汇总表): a table whose rows are stages or school types (幼儿园, 小学,
/// 初级中学 …) or townships, not schools. It is skipped whole, with that reason, instead of a reject per row.
struct SummarySheet {
    let catalogue: Catalogue
    let classifier: RowClassifier

    static let nameWords = ["一览", "汇总", "总表", "概况"]

    /// Why the table is a summary, or nil when it may hold schools: it has no school code or name
    /// column (nor a county's), and its sheet name says summary or its rows are headed by stage
    /// and type words.
    func reason(sheetName: String, decisions: [ColumnDecision], grid: SheetGrid, dataStart: Int) -> String? {
        let identities: Set<String> = ["school_code", "school_name", "county_code", "county_name"]
        guard !decisions.contains(where: { $0.field.map(identities.contains) ?? false }) else { return nil }
        let kinds = SchoolKinds(catalogue: catalogue)
        var kindRows = 0, otherRows = 0
        for row in grid.rowNumbers where row >= dataStart {
            let cells = grid.cells(of: row)
            guard !classifier.isNote(cells), !classifier.isTotals(cells),
                  let text = cells.lazy.compactMap({ SheetGrid.label($0.value) }).first else { continue }
            let folded = classifier.words.fold(text)
            if kinds.stage(named: folded) != nil || kinds.type(named: folded) != nil || kinds.type(inSheetName: text) != nil
                || classifier.isPlaceName(text) {
                kindRows += 1
            } else {
                otherRows += 1
            }
        }
        let foldedName = HeaderText.fold(sheetName)
        let named = Self.nameWords.contains { foldedName.contains($0) }
        guard kindRows >= 2 && kindRows > otherRows || named && kindRows + otherRows > 0 else { return nil }
        return "a summary sheet: its rows are 学段, school types (小学, 初级中学 …) or townships, not schools; skipped"
    }
}
