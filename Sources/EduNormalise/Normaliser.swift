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

    /// How many rows with data a sheet's layout is found in. A sheet no longer than this is read
    /// whole, as `normalise(_: SheetTable)` reads it; a longer one is laid out on these rows (a
    /// header block starts within the first 40, a form shows itself within the first 80) and its
    /// data rows are read one at a time.
    public static let headRows = 200

    /// A form is one school's return, a page or two: a sheet with more than `headRows` rows with
    /// data is read as a table however its head looks (labels repeated below values over 50,000
    /// rows were read whole as a form: 28 MB of CSV took 550 MB). Both paths decide so alike.
    static func mayBeForm(_ rows: [Row]) -> Bool {
        var rowsWithData = 0
        for row in rows where row.cells.contains(where: { !$0.value.isEmpty }) {
            rowsWithData += 1
            if rowsWithData > headRows { return false }
        }
        return true
    }

    /// Reads a sheet to its end. A table longer than `headRows` is not held in memory: a source
    /// that cannot have merged ranges (`mayHaveMergedRanges` false, CSV) streams through row by
    /// row; one that may (XLSX states its merges after the rows) is read into a list of rows
    /// first, then streamed with only the merged ranges over the current row at hand. Records are
    /// the same as `normalise(SheetTable(reading: &source))` gives.
    public func normalise(_ source: inout some RowSource) throws -> NormalisedSheet {
        try read(&source, streaming: false) { _ in }
    }

    /// Reads a sheet to its end as `normalise(_:)` does, handing each school record to `body` as
    /// soon as it is complete instead of keeping it, so a long table goes into a warehouse in flat
    /// memory: a row's record once the row is read, whole-school records (figures merged over a
    /// nine-year school's part rows, which later rows may add to) after the last row, a form's
    /// records at the end. The returned sheet has everything but the records (`records` is empty).
    /// An error thrown by `body` stops the reading and is rethrown.
    public func normalise(_ source: inout some RowSource, eachRecord body: (SchoolRecord) throws -> Void) throws -> NormalisedSheet {
        try read(&source, streaming: true, body)
    }

    private func read(_ source: inout some RowSource, streaming: Bool, _ body: (SchoolRecord) throws -> Void) throws -> NormalisedSheet {
        var head: [Row] = []
        var rowsWithData = 0
        var beyondHead: Row?
        while let row = try source.nextRow() {
            let hasData = row.cells.contains(where: { !$0.value.isEmpty })
            if rowsWithData >= Self.headRows {
                // Only a further row with data makes the sheet longer than the head (as `mayBeForm`
                // counts); blank rows after the head carry nothing and are not kept.
                guard hasData else { continue }
                beyondHead = row
                break
            }
            head.append(row)
            if hasData { rowsWithData += 1 }
        }
        guard let beyondHead else {
            // The whole sheet is at hand: read it as ever.
            var sheet = normalise(SheetTable(sheet: source.sheet, rows: head, mergedRanges: source.mergedRanges))
            if streaming {
                for record in sheet.records { try body(record) }
                sheet.records = []
            }
            return sheet
        }
        // Merged ranges come after the rows: hold the rows (not a grid of cells) until they are known.
        let buffered = source.mayHaveMergedRanges
        var rest: [Row] = []
        var lastColumn = 0
        if buffered {
            rest.append(beyondHead)
            while let row = try source.nextRow() { rest.append(row) }
            for rows in [head, rest] {
                for row in rows {
                    for cell in row.cells where cell.column > lastColumn && !cell.value.isEmpty { lastColumn = cell.column }
                }
            }
        }
        let merged = buffered ? source.mergedRanges : []
        let headEnd = head.last?.number ?? 0
        let grid = SheetGrid(sheet: source.sheet, rows: head, mergedRanges: merged.filter { $0.first.row <= headEnd },
                             lastColumn: lastColumn)
        let classifier = RowClassifier(catalogue: catalogue, matcher: matcher)
        // Longer than `headRows`: no form (see `mayBeForm`), whatever its head looks like.
        var sheet = NormalisedSheet(sheet: source.sheet, layout: .none("no row of field headers"), decisions: [], records: [],
                                    skipped: [], rejects: [], titles: [], declaredUnits: [], titleYear: nil)
        if let block = HeaderBlock.find(in: grid, classifier: classifier) {
            sheet.layout = .table(headerRows: block.rows, dataStart: block.dataStart)
            sheet.titles = block.titles
            sheet.declaredUnits = block.declaredUnits
            sheet.decisions = decide(block.paths(in: grid).filter { !$0.path.isEmpty }, units: block.declaredUnits)
            if let reason = SummarySheet(catalogue: catalogue, classifier: classifier)
                .reason(sheetName: source.sheet.name, decisions: sheet.decisions, grid: grid, dataStart: block.dataStart) {
                sheet.layout = .none(reason)
                if !buffered { while try source.nextRow() != nil {} }
                sheet.titleYear = sheet.titles.lazy.compactMap(ValueParser.firstYear(in:)).first
                return sheet
            }
            var reader = TableReader(sheet: source.sheet, block: block, decisions: sheet.decisions, classifier: classifier,
                                     catalogue: catalogue, streaming: streaming)
            var merges = MergeTracker(merged)
            func feed(_ row: Row) throws {
                let cells = SheetGrid.nonEmptyCells(row.cells)
                guard !cells.isEmpty else { return }
                merges.advance(to: row.number, cells: cells)
                reader.read(row: row.number, cells: cells, merges: merges)
                if streaming {
                    for record in reader.takeRecords() { try body(record) }
                }
            }
            for row in head { try feed(row) }
            if buffered {
                for row in rest { try feed(row) }
                rest = []
            } else {
                try feed(beyondHead)
                while let row = try source.nextRow() { try feed(row) }
            }
            if streaming {
                for record in reader.finish() { try body(record) }
            }
            sheet.records = reader.result.records
            sheet.skipped = block.skipped + block.rows.map { SkippedRow(row: $0, kind: .header, text: grid.text(of: $0)) } + reader.result.skipped
            sheet.rejects = reader.result.rejects
        } else if !buffered {
            // Nothing to read, but the source is read to its end as ever (its warnings are then complete).
            while try source.nextRow() != nil {}
        }
        sheet.titleYear = sheet.titles.lazy.compactMap(ValueParser.firstYear(in:)).first
        return sheet
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
        if Self.mayBeForm(table.rows), FormReader.looksLikeForm(grid, classifier: classifier) {
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
            if let reason = SummarySheet(catalogue: catalogue, classifier: classifier)
                .reason(sheetName: table.sheet.name, decisions: sheet.decisions, grid: grid, dataStart: block.dataStart) {
                sheet.layout = .none(reason)
                sheet.titleYear = sheet.titles.lazy.compactMap(ValueParser.firstYear(in:)).first
                return sheet
            }
            let table = TableReader.read(grid: grid, block: block, decisions: sheet.decisions, classifier: classifier, catalogue: catalogue)
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
        SchoolNameColumn.settle(&decisions)
        // A field may be claimed once per part: 小学在校生数 and 初中在校生数 are two fields' worth.
        let claimed = Dictionary(grouping: decisions.indices.filter { decisions[$0].field != nil }) {
            ClaimKey(field: decisions[$0].field ?? "", stage: decisions[$0].stage)
        }
        for (key, indices) in claimed where indices.count > 1 {
            let field = key.field
            let best = indices.map { decisions[$0].confidence }.max() ?? 0
            let winners = indices.filter { decisions[$0].confidence == best }
            for index in indices where winners.count > 1 || decisions[index].confidence < best {
                let others = indices.filter { $0 != index }.map { CellPosition.columnName(decisions[$0].column) }.joined(separator: ", ")
                decisions[index] = decisions[index].released(
                    note: "column \(others) also names \(field)" + (winners.count > 1 ? " as surely: left unmapped" : " more surely"))
            }
        }
        BreakdownColumns.link(&decisions, matcher: matcher)
        return decisions
    }

    private struct ClaimKey: Hashable {
        var field: String
        var stage: Stage?
    }
}
