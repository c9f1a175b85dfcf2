import EduCore

/// Where a table's header is, found wherever it starts: the first row where two or more cells
/// name fields, widened to a group row just above it and to the rows below it that are still
/// header text; title and unit rows above are noted, a column-number row (栏次) below is skipped.
struct HeaderBlock {
    var rows: ClosedRange<Int>
    var dataStart: Int
    var skipped: [SkippedRow]
    var titles: [String]
    var declaredUnits: [String]

    static let maxDepth = 4
    static let searchRows = 40

    static func find(in grid: SheetGrid, classifier: RowClassifier) -> HeaderBlock? {
        let candidates = grid.rowNumbers.prefix(searchRows)
        func labels(_ row: Int) -> Int {
            grid.cells(of: row).filter { classifier.label($0.value, column: $0.column) != nil }.count
        }
        guard let first = candidates.first(where: { labels($0) >= 2 && !classifier.isNote(grid, $0) }) else { return nil }
        var start = first
        // A group row just above (学生 │ 教师 │ 办学条件): text cells, no "key：value", no figures.
        while start - 1 >= 1, first - (start - 1) < maxDepth, isGroupRow(grid, start - 1, classifier: classifier) {
            start -= 1
        }
        // Columns already headed by a school's name or code: a row with its own cell there is data.
        let identityColumns = Set((start...first).flatMap { row in
            grid.cells(of: row).filter { cell in
                let field = classifier.label(cell.value, column: cell.column)?.field
                return field == "school_name" || field == "school_code"
            }.map(\.column)
        })
        var end = first
        // As deep as its header cells merged down (机构代码 over A3:A5): rows inside are header text
        // even where they start a sub-level with 合计 or 计; a row with figures ends it.
        let mergedEnd = (start...first).flatMap { row in
            grid.cells(of: row).compactMap { cell -> Int? in
                guard let range = grid.mergedRange(row, cell.column), range.first.row == row, range.rowCount > 1,
                      SheetGrid.label(cell.value) != nil else { return nil }
                return range.last.row
            }
        }.max() ?? first
        while end < min(mergedEnd, start + maxDepth - 1), !grid.cells(of: end + 1).contains(where: { isFigure($0.value) }),
              !classifier.isNote(grid, end + 1) {
            end += 1
        }
        while end + 1 - start < maxDepth, isHeaderContinuation(grid, end + 1, classifier: classifier),
              !grid.cells(of: end + 1).contains(where: { identityColumns.contains($0.column) }) {
            end += 1
        }
        var skipped: [SkippedRow] = []
        var titles: [String] = []
        var units: [String] = []
        for row in grid.rowNumbers where row < start {
            if let declared = classifier.declaredUnits(grid, row) {
                units += declared
                skipped.append(SkippedRow(row: row, kind: .unit, text: grid.text(of: row)))
            } else {
                titles.append(grid.text(of: row))
                skipped.append(SkippedRow(row: row, kind: .title, text: grid.text(of: row)))
            }
        }
        var dataStart = end + 1
        if let next = grid.rowNumbers.first(where: { $0 > end }), classifier.isColumnNumbers(grid, next) {
            skipped.append(SkippedRow(row: next, kind: .columnNumbers, text: grid.text(of: next)))
            dataStart = next + 1
        }
        return HeaderBlock(rows: start...end, dataStart: dataStart, skipped: skipped, titles: titles, declaredUnits: units)
    }

    static func isGroupRow(_ grid: SheetGrid, _ row: Int, classifier: RowClassifier) -> Bool {
        let cells = grid.cells(of: row)
        guard cells.count >= 2, classifier.declaredUnits(grid, row) == nil, !classifier.isNote(grid, row) else { return false }
        return cells.allSatisfy { cell in
            guard let text = SheetGrid.label(cell.value) else { return false }
            return !text.contains(":") && !text.contains("：") && !isFigure(cell.value)
        }
    }

    /// A row of header text below the first: labels only, no figures. One that names a total (合计 │
    /// 一年级 │ 二年级 …) is a sub-level of the header when it has other labels beside: a totals
    /// row carries figures.
    static func isHeaderContinuation(_ grid: SheetGrid, _ row: Int, classifier: RowClassifier) -> Bool {
        let cells = grid.cells(of: row)
        guard !cells.isEmpty, !classifier.isNote(cells), classifier.section(cells) == nil,
              !classifier.isColumnNumbers(cells) else { return false }
        guard cells.allSatisfy({ SheetGrid.label($0.value) != nil && !isFigure($0.value) }) else { return false }
        return !classifier.isTotals(cells) || cells.count >= 2
    }

    /// A number, or text that reads as one ("1,754,914", "１４", "2024-09-28" as a date).
    static func isFigure(_ value: CellValue) -> Bool {
        switch value {
        case .number, .date, .duration, .bool, .error: return true
        case .string(let text):
            if case .number = ValueParser.number(text) { return true }
            return false
        }
    }

    /// Each column's header path, top row down: a merged cell's text repeats under it; in a CSV,
    /// where parents cannot be merged, a parent label heads the empty cells after it that have
    /// labels below them (教师数,,, over 专任教师,其中:女,…).
    func paths(in grid: SheetGrid) -> [(column: Int, path: [String])] {
        var result: [(Int, [String])] = []
        guard grid.lastColumn >= 1 else { return result }
        for column in 1...grid.lastColumn {
            var path: [String] = []
            for row in rows {
                var text = SheetGrid.label(grid.shownValue(row, column))
                if text == nil, row < rows.upperBound, grid.mergedRange(row, column) == nil {
                    text = inheritedParent(grid, row: row, column: column)
                }
                if let text, path.last != text { path.append(text) }
            }
            result.append((column, path))
        }
        return result
    }

    private func inheritedParent(_ grid: SheetGrid, row: Int, column: Int) -> String? {
        guard SheetGrid.label(grid.shownValue(row + 1, column)) != nil else { return nil }
        var left = column - 1
        while left >= 1 {
            if grid.mergedRange(row, left) != nil { return nil }
            if let text = SheetGrid.label(grid.value(row, left)) {
                return SheetGrid.label(grid.shownValue(row + 1, left)) != nil ? text : nil
            }
            guard SheetGrid.label(grid.shownValue(row + 1, left)) != nil else { return nil }
            left -= 1
        }
        return nil
    }
}
