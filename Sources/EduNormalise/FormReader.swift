import EduCore

/// A single school's return laid out as labels and values: 学校名称 │ 某某小学 side by side, a
/// row of labels over a row of values, or items down with 小学部 │ 初中部 │ 全校合计 across.
struct FormReader {
    let grid: SheetGrid
    let classifier: RowClassifier
    let catalogue: Catalogue

    struct Result {
        var decisions: [ColumnDecision] = []
        var records: [SchoolRecord] = []
        var skipped: [SkippedRow] = []
        var rejects: [Reject] = []
        var titles: [String] = []
    }

    /// A form has field labels in rows that are not one contiguous header block: labels again
    /// below the first values (a table's data rows never hold labels).
    static func looksLikeForm(_ grid: SheetGrid, classifier: RowClassifier) -> Bool {
        let labelled = grid.rowNumbers.prefix(80).filter { row in
            !classifier.isNote(grid, row) && grid.cells(of: row).contains { classifier.strongLabel($0.value, column: $0.column) != nil }
        }
        guard let first = labelled.first, let last = labelled.last else { return false }
        let gaps = zip(labelled, labelled.dropFirst()).filter { $1 - $0 > 1 }.count
        return last - first >= HeaderBlock.maxDepth || gaps > 0 && labelled.count >= 3
    }

    /// A row of stage headings (小学部 │ 初中部 │ 全校合计) over items listed down, and the column
    /// of units beside the items (单位 │ 万元), if any.
    struct StageColumns {
        var row: Int
        var stages: [(column: Int, stage: Stage)]
        var unitColumn: Int?
        var firstColumn: Int { stages.map(\.column).min() ?? Int.max }
    }

    func read() -> Result {
        var result = Result()
        let kinds = SchoolKinds(catalogue: catalogue)
        let stageColumns = findStageColumns(kinds: kinds)
        var identity: [String: IdentityValue] = [:]
        var values: [Stage: FieldReadings] = [:]
        var unstaged = FieldReadings()
        // Markers (—, 无) in a part's column on an item row where another part has a figure: read
        // once every row is, and only for a part that has figures of its own.
        var partMarkers: [Stage: FieldReadings] = [:]
        var seenLabel = false
        var firstLabelRow = 1
        var afterNotes = false
        var fallbacks: [(index: Int, row: Int)] = []
        /// Reads a label's value (or its stages' values) into the school's figures: the decision
        /// as it ends up, its unit from a unit cell, or a note that no value was found.
        func take(_ labelled: ColumnDecision, row: Int) -> ColumnDecision {
            var decision = labelled
            guard let id = decision.field, let field = catalogue.field(id), let label = decision.labelCell else { return decision }
            if let stageColumns, row > stageColumns.row, label.column < stageColumns.firstColumn, field.kind != .identity {
                if let unitColumn = stageColumns.unitColumn, decision.unit?.source != .header,
                   let unit = unitCell(row: row, column: unitColumn, field: field) {
                    decision.unit = unit
                }
                readStages(row: row, field: field, decision: decision, columns: stageColumns, into: &values, markers: &partMarkers,
                           result: &result)
                return decision
            }
            guard let (cell, unitSpelling) = valueCell(for: label) else {
                decision.note = [decision.note, "no value beside or below the label"].compactMap { $0 }.joined(separator: "; ")
                return decision
            }
            if let unitSpelling, decision.unit?.source != .header, let unit = unitChoice(unitSpelling, field: field) {
                decision.unit = unit
            }
            guard let value = grid.value(cell.row, cell.column) else { return decision }
            if field.kind == .identity {
                if let text = ValueParser.text(value) {
                    identity[id] = IdentityValue(text: id == "year" ? ValueParser.year(value).map(String.init) ?? text : text, cell: cell)
                }
            } else if let unit = decision.unit {
                unstaged.read(value, field: field, unit: unit, markerIsZero: catalogue.readsMarkerAsZero(field), at: cell,
                              rejects: &result.rejects)
            }
            return decision
        }
        for row in grid.rowNumbers {
            let text = grid.text(of: row)
            if afterNotes {
                result.skipped.append(SkippedRow(row: row, kind: .afterNotes, text: text))
                continue
            }
            if classifier.isNote(grid, row) {
                result.skipped.append(SkippedRow(row: row, kind: .note, text: text))
                afterNotes = true
                continue
            }
            if row == stageColumns?.row {
                result.skipped.append(SkippedRow(row: row, kind: .header, text: text))
                continue
            }
            let labels = grid.cells(of: row).compactMap { cell -> ColumnDecision? in
                guard var decision = classifier.label(cell.value, column: cell.column) else { return nil }
                decision.labelCell = CellPosition(row: row, column: cell.column)
                return decision
            }
            if labels.isEmpty {
                let figures = grid.cells(of: row).contains { HeaderBlock.isFigure($0.value) }
                if classifier.section(grid, row) != nil || !figures && grid.cells(of: row).count == 1 && seenLabel {
                    result.skipped.append(SkippedRow(row: row, kind: .section, text: text))
                } else if !seenLabel {
                    result.titles.append(text)
                    result.skipped.append(SkippedRow(row: row, kind: .title, text: text))
                }
                continue
            }
            if !seenLabel { firstLabelRow = row }
            seenLabel = true
            for decision in labels {
                guard decision.field != nil, decision.labelCell != nil else { continue }
                if decision.isFallback {
                    // Read once every label is known: another label may name the field more surely.
                    fallbacks.append((result.decisions.count, row))
                    result.decisions.append(decision)
                    continue
                }
                let taken = take(decision, row: row)
                result.decisions.append(taken)
            }
        }
        let surer = Set(result.decisions.filter { !$0.isFallback }.compactMap(\.field))
        for (index, row) in fallbacks {
            let decision = result.decisions[index]
            guard let id = decision.field, surer.contains(id) else {
                let taken = take(decision, row: row)
                result.decisions[index] = taken
                continue
            }
            let other = result.decisions.first { !$0.isFallback && $0.field == id }?.labelCell.map { $0.description } ?? "another label"
            result.decisions[index] = decision.released(note: "\(other) also names \(id), more surely")
        }
        // The stage of values not under stage columns: the 学段 or school type, else the title.
        var stage: Stage?
        if let text = identity["school_type"]?.text { stage = kinds.interpret(text).stage }
        stage = stage ?? kinds.stage(inTitle: grid.sheet.name) ?? result.titles.lazy.compactMap(kinds.stage(inTitle:)).first
        if identity["school_name"] == nil, identity["school_code"] == nil, unstaged.values.contains(where: { catalogue.field($0.field)?.kind == .rate }) {
            stage = .county
        }
        if !unstaged.isEmpty {
            if let stage {
                values[stage, default: FieldReadings()] += unstaged
            } else {
                result.rejects.append(Reject(row: unstaged.values.first?.cell.row ?? firstLabelRow, column: nil, field: nil, written: "",
                                             reason: "cannot tell whether this return is 小学 or 初中: no 学段, school type or title says"))
            }
        }
        for (stage, markers) in partMarkers where values[stage]?.values.isEmpty == false {
            values[stage, default: FieldReadings()] += markers
        }
        let firstRow = identity.values.map(\.cell.row).min() ?? grid.rowNumbers.first ?? 1
        for stage in Stage.allCases {
            guard let readings = values[stage], !readings.isEmpty else { continue }
            result.records.append(SchoolRecord(row: firstRow, identity: identity, stage: stage, readings: readings))
        }
        if result.records.isEmpty, !identity.isEmpty, let stage {
            result.records.append(SchoolRecord(row: firstRow, identity: identity, stage: stage, values: []))
        }
        return result
    }

    func findStageColumns(kinds: SchoolKinds) -> StageColumns? {
        for row in grid.rowNumbers {
            var stages: [(Int, Stage)] = []
            var unitColumn: Int?
            for cell in grid.cells(of: row) {
                let column = cell.column
                guard let text = SheetGrid.label(cell.value) else { continue }
                let folded = classifier.words.fold(text)
                if let stage = kinds.stage(named: folded) { stages.append((column, stage)) }
                if folded == "单位" || folded == "计量单位" { unitColumn = column }
            }
            if stages.filter({ $0.1 != .wholeSchool }).count >= 2 { return StageColumns(row: row, stages: stages, unitColumn: unitColumn) }
        }
        return nil
    }

    /// The stage columns' values for one item: a part's own figure, or, where the parts say
    /// 全校共用 (shared), the whole school's total as a whole-school figure. A total beside the
    /// parts' own figures is their sum and is not loaded twice. Beside a part's figure, another
    /// part's empty marker (骨干教师 小学部 无 │ 初中部 3) goes to `markers`: that part's none.
    func readStages(row: Int, field: FieldDefinition, decision: ColumnDecision, columns: StageColumns,
                    into values: inout [Stage: FieldReadings], markers: inout [Stage: FieldReadings], result: inout Result) {
        guard let unit = decision.unit else { return }
        let zero = catalogue.readsMarkerAsZero(field)
        var partFigures = 0
        var marked: [(CellValue, Stage, CellPosition)] = []
        for (column, stage) in columns.stages where stage != .wholeSchool {
            guard let value = grid.value(row, column) else { continue }
            let cell = CellPosition(row: row, column: column)
            guard case .number = ValueParser.number(value) else {
                if FieldReadings.holdsNoneMarker(value) { marked.append((value, stage, cell)) }
                continue
            }
            partFigures += 1
            values[stage, default: FieldReadings()].read(value, field: field, unit: unit, markerIsZero: zero, at: cell, rejects: &result.rejects)
        }
        guard partFigures == 0 else {
            for (value, stage, cell) in marked {
                markers[stage, default: FieldReadings()].read(value, field: field, unit: unit, markerIsZero: zero, at: cell, rejects: &result.rejects)
            }
            return
        }
        for (column, stage) in columns.stages where stage == .wholeSchool {
            guard let value = grid.value(row, column) else { continue }
            values[.wholeSchool, default: FieldReadings()]
                .read(value, field: field, unit: unit, markerIsZero: zero, at: CellPosition(row: row, column: column), rejects: &result.rejects)
        }
    }

    /// The value for a label: the next cell to its right that is not a label (passing over a unit
    /// cell such as 万元), else the cell below it.
    func valueCell(for label: CellPosition) -> (CellPosition, String?)? {
        var unit: String?
        let start = (grid.mergedRange(label.row, label.column)?.last.column ?? label.column) + 1
        if start <= grid.lastColumn {
            for column in start...grid.lastColumn {
                guard let value = grid.value(label.row, column) else { continue }
                if classifier.label(value, column: column) != nil { break }
                if let text = SheetGrid.label(value), !catalogue.units(spelled: HeaderText.fold(text)).isEmpty {
                    unit = HeaderText.fold(text)
                    continue
                }
                return (CellPosition(row: label.row, column: column), unit)
            }
        }
        let below = CellPosition(row: label.row + 1, column: label.column)
        if let value = grid.value(below.row, below.column), classifier.label(value, column: below.column) == nil {
            return (below, unit)
        }
        return nil
    }

    func unitCell(row: Int, column: Int, field: FieldDefinition) -> UnitChoice? {
        guard let text = SheetGrid.label(grid.value(row, column)) else { return nil }
        return unitChoice(HeaderText.fold(text), field: field)
    }

    func unitChoice(_ spelling: String, field: FieldDefinition) -> UnitChoice? {
        guard let canonical = field.unit,
              let unit = catalogue.units(spelled: spelling).first(where: { $0.unit == canonical }) else { return nil }
        return UnitChoice(written: unit.spelling, canonical: canonical, factor: unit.factor, source: .unitColumn)
    }
}
