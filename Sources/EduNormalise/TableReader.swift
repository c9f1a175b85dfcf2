import EduCore

/// Reads a table's data rows into school records: totals, notes, sections and column-number rows
/// skipped (a note row ends the table); identity cells merged down over a school's part rows
/// shared by them; a figure merged down over a school's parts is the whole school's.
struct TableReader {
    let grid: SheetGrid
    let block: HeaderBlock
    let decisions: [ColumnDecision]
    let classifier: RowClassifier
    let catalogue: Catalogue

    struct Result {
        var records: [SchoolRecord] = []
        var skipped: [SkippedRow] = []
        var rejects: [Reject] = []
    }

    func read() -> Result {
        var result = Result()
        let kinds = SchoolKinds(catalogue: catalogue)
        let sheetStage = kinds.stage(inTitle: grid.sheet.name) ?? block.titles.lazy.compactMap(kinds.stage(inTitle:)).first
        var sectionStage: Stage?
        var afterNotes = false
        var wholeSchool: [String: Int] = [:]  // school key → index of its whole-school record
        for row in grid.rowNumbers where row >= block.dataStart {
            let text = grid.text(of: row)
            if afterNotes {
                result.skipped.append(SkippedRow(row: row, kind: .afterNotes, text: text))
            } else if classifier.isNote(grid, row) {
                result.skipped.append(SkippedRow(row: row, kind: .note, text: text))
                afterNotes = true
            } else if classifier.isTotals(grid, row) {
                result.skipped.append(SkippedRow(row: row, kind: .totals, text: text))
            } else if let section = classifier.section(grid, row) {
                sectionStage = section.stage
                result.skipped.append(SkippedRow(row: row, kind: .section, text: text))
            } else if classifier.isColumnNumbers(grid, row) {
                result.skipped.append(SkippedRow(row: row, kind: .columnNumbers, text: text))
            } else {
                readSchool(row: row, context: sectionStage ?? sheetStage, kinds: kinds, wholeSchool: &wholeSchool, into: &result)
            }
        }
        return result
    }

    private func readSchool(row: Int, context: Stage?, kinds: SchoolKinds, wholeSchool: inout [String: Int], into result: inout Result) {
        var identity: [String: IdentityValue] = [:]
        for decision in decisions {
            guard let id = decision.field, catalogue.field(id)?.kind == .identity,
                  let value = grid.shownValue(row, decision.column), let text = ValueParser.text(value) else { continue }
            let origin = grid.mergedRange(row, decision.column)?.first ?? CellPosition(row: row, column: decision.column)
            identity[id] = IdentityValue(text: id == "year" ? ValueParser.year(value).map(String.init) ?? text : text, cell: origin)
        }
        guard identity["school_name"] != nil || identity["school_code"] != nil else {
            result.rejects.append(Reject(row: row, column: nil, field: nil, written: grid.text(of: row),
                                         reason: "no school name or code in this row"))
            return
        }
        var stage: Stage?
        var typeStages: [Stage] = []
        if let typeText = identity["school_type"]?.text {
            let (type, named) = kinds.interpret(typeText)
            stage = named
            typeStages = type.flatMap(kinds.type(named:)).map(\.stages) ?? []
        }
        if stage == nil, let context, typeStages.isEmpty || typeStages.contains(context) { stage = context }
        guard let stage else {
            result.rejects.append(Reject(row: row, column: nil, field: nil, written: grid.text(of: row),
                                         reason: "cannot tell whether this row is 小学 or 初中: no 学段 cell, section row or sheet title says"))
            return
        }
        var values = FieldReadings()
        var shared = FieldReadings()
        for decision in decisions {
            guard let id = decision.field, let field = catalogue.field(id), field.kind != .identity, let unit = decision.unit else { continue }
            if let range = grid.mergedRange(row, decision.column), range.rowCount > 1 {
                // Written once over the school's part rows: the whole school's figure.
                guard range.first.row == row, let value = grid.value(row, decision.column) else { continue }
                shared.read(value, field: field, unit: unit, at: CellPosition(row: row, column: decision.column), rejects: &result.rejects)
                continue
            }
            guard let value = grid.value(row, decision.column) else { continue }
            values.read(value, field: field, unit: unit, at: CellPosition(row: row, column: decision.column), rejects: &result.rejects)
        }
        result.records.append(SchoolRecord(row: row, identity: identity, stage: stage, readings: values))
        if !shared.isEmpty {
            let key = identity["school_code"]?.text ?? identity["school_name"]!.text
            if let index = wholeSchool[key] {
                result.records[index].values += shared.values
                result.records[index].markedEmpty += shared.markedEmpty
            } else {
                wholeSchool[key] = result.records.count
                result.records.append(SchoolRecord(row: row, identity: identity, stage: .wholeSchool, readings: shared))
            }
        }
    }
}
