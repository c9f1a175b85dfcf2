import EduCore

/// Turns a sheet's typed-cell rows, from any reader, into school records in canonical fields
/// and units, recording every decision: the layout found, each column's mapping, each row
/// skipped and each cell rejected.
public struct Normaliser: Sendable {
    public let catalogue: Catalogue
    public let matcher: HeaderMatcher

    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
        matcher = HeaderMatcher(catalogue: catalogue)
    }

    public func normalise(_ source: inout some RowSource) throws -> NormalisedSheet {
        normalise(try SheetTable(reading: &source))
    }

    public func normalise(_ table: SheetTable) -> NormalisedSheet {
        let grid = SheetGrid(table)
        let classifier = RowClassifier(catalogue: catalogue, matcher: matcher)
        var sheet = NormalisedSheet(sheet: table.sheet, layout: .none("no row of field headers"), decisions: [], records: [],
                                    skipped: [], rejects: [], titles: [], declaredUnits: [], titleYear: nil)
        guard !grid.rowNumbers.isEmpty else {
            sheet.layout = .none("the sheet is empty")
            return sheet
        }
        if FormReader.looksLikeForm(grid, classifier: classifier) {
            let form = FormReader(grid: grid, classifier: classifier, catalogue: catalogue).read()
            sheet.layout = .form
            sheet.decisions = form.decisions
            sheet.records = form.records
            sheet.skipped = form.skipped
            sheet.rejects = form.rejects
            sheet.titles = form.titles
        } else if let block = HeaderBlock.find(in: grid, classifier: classifier) {
            sheet.layout = .table(headerRows: block.rows, dataStart: block.dataStart)
            sheet.titles = block.titles
            sheet.declaredUnits = block.declaredUnits
            sheet.decisions = decide(block.paths(in: grid).filter { !$0.path.isEmpty }, units: block.declaredUnits)
            let table = TableReader(grid: grid, block: block, decisions: sheet.decisions, classifier: classifier, catalogue: catalogue).read()
            sheet.records = table.records
            sheet.skipped = block.skipped + block.rows.map { SkippedRow(row: $0, kind: .header, text: grid.text(of: $0)) } + table.skipped
            sheet.rejects = table.rejects
        }
        sheet.titleYear = sheet.titles.lazy.compactMap(ValueParser.firstYear(in:)).first
        return sheet
    }

    /// Each column's decision; where two columns claim one field, the surer one keeps it and an
    /// equal claim leaves both unmapped (never a guess).
    func decide(_ paths: [(column: Int, path: [String])], units: [String]) -> [ColumnDecision] {
        var decisions = paths.map { matcher.decide(column: $0.column, path: $0.path, declaredUnits: units) }
        let claimed = Dictionary(grouping: decisions.indices.filter { decisions[$0].field != nil }) { decisions[$0].field! }
        for (field, indices) in claimed where indices.count > 1 {
            let best = indices.map { decisions[$0].confidence }.max()!
            let winners = indices.filter { decisions[$0].confidence == best }
            for index in indices where winners.count > 1 || decisions[index].confidence < best {
                let others = indices.filter { $0 != index }.map { CellPosition.columnName(decisions[$0].column) }.joined(separator: ", ")
                decisions[index].note = "column \(others) also names \(field)" + (winners.count > 1 ? " as surely: left unmapped" : " more surely")
                decisions[index].field = nil
                decisions[index].method = .unmapped
                decisions[index].confidence = 0
                decisions[index].unit = nil
            }
        }
        return decisions
    }
}
