import EduCore

/// Tells the rows that are not schools: title, unit, column-number (栏次), section (一、小学),
/// totals (合计, 小计, 全县合计) and note rows (注：, 填表人：).
struct RowClassifier {
    let catalogue: Catalogue
    let matcher: HeaderMatcher
    /// Memoised folds and per-character pre-filters, for this sheet.
    let words: RowWords

    static let columnLetters: Set<String> = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "栏次", "栏号", "序列"]
    static let totalsSuffixes = ["合计", "总计", "小计", "累计", "共计"]
    /// No folded column letter is longer than this in UTF-8.
    static let longestColumnLetter = columnLetters.map(\.utf8.count).max() ?? 0

    init(catalogue: Catalogue, matcher: HeaderMatcher) {
        self.catalogue = catalogue
        self.matcher = matcher
        words = RowWords(catalogue: catalogue, totalsSuffixes: Self.totalsSuffixes, columnLetters: Self.columnLetters)
    }

    /// A place name alone (in the name column, or merged across a row): 东湖街道, 白鹭镇, 一、青溪乡,
    /// 西山街道（4所）; never a school's name (one ending in a school type). Township rows of a
    /// table and the rows of a summary sheet are told by this one test.
    func isPlaceName(_ text: String) -> Bool {
        guard text.utf8.count <= 96, catalogue.schoolTypeDefinition(endingName: text) == nil else { return false }
        var core = HeaderText.removingOrdinal(words.fold(text))
        if core.hasSuffix(")"), let open = core.lastIndex(of: "(") { core = String(core[..<open]) }
        guard !core.isEmpty, core.count <= 16 else { return false }
        return catalogue.townshipSuffixes.contains { core.hasSuffix($0) }
    }

    /// A totals row names a total in one of its first cells: 合计, 总计, 小计, 全县合计, 合  计.
    func isTotals(_ cells: [Cell]) -> Bool {
        for cell in cells.prefix(4) {
            guard let text = SheetGrid.label(cell.value), words.mayBeTotals(text) else { continue }
            let folded = words.fold(text)
            if catalogue.totalsWords.contains(folded) { return true }
            // 全县合计, 本镇小计, 城关镇合计: a place and a total word, nothing else.
            if folded.count <= 8, Self.totalsSuffixes.contains(where: { folded.hasSuffix($0) }) { return true }
        }
        return false
    }

    /// A note row starts with a note word and a colon (注：…, 填表人：…) or is just "注".
    func isNote(_ grid: SheetGrid, _ row: Int) -> Bool {
        isNote(grid.cells(of: row))
    }

    func isNote(_ cells: [Cell]) -> Bool {
        guard let first = cells.first, let text = SheetGrid.label(first.value), words.mayBeNote(text) else { return false }
        let folded = words.fold(text)
        return catalogue.noteWords.contains { word in
            folded == word || folded.hasPrefix(word + ":")
                || (word == "注" && folded.hasPrefix("注") && folded.dropFirst().first.map { $0.isNumber || $0 == "、" } == true)
        }
    }

    /// A label and a date and nothing more (统计时点 2024-09-30, 填报日期 | 2024年10月15日 as a date
    /// cell): a stamp on the return. A school's row holds figures, never only a date.
    func isDatedLabel(_ cells: [Cell]) -> Bool {
        guard cells.count >= 2, cells.count <= 3, let first = cells.first, case .string = first.value else { return false }
        var hasDate = false
        for cell in cells.dropFirst() {
            switch cell.value {
            case .date: hasDate = true
            case .string: continue
            case .number, .bool, .duration, .error: return false
            }
        }
        return hasDate
    }

    /// A column-number row (栏次): 甲 乙 丙 … then 1 2 3 … in order.
    func isColumnNumbers(_ grid: SheetGrid, _ row: Int) -> Bool {
        isColumnNumbers(grid.cells(of: row))
    }

    func isColumnNumbers(_ cells: [Cell]) -> Bool {
        guard cells.count >= 3 else { return false }
        var previous: Double?
        var numbers = 0
        for cell in cells {
            if let text = ValueParser.text(cell.value), words.mayBeLetter(text) {
                let folded = words.fold(text)
                if folded.utf8.count <= Self.longestColumnLetter, Self.columnLetters.contains(folded) { continue }
            }
            guard let number = ValueParser.numericValue(cell.value), number == number.rounded() else { return false }
            if let previous, number != previous + 1 { return false }
            previous = number
            numbers += 1
        }
        return numbers >= 2 || cells.count >= 3 && numbers == 0
    }

    /// A section row: one cell (often merged across) naming a stage or school type: 一、小学.
    /// Returns the stage it names, or nil for a section of mixed schools (九年一贯制学校).
    func section(_ grid: SheetGrid, _ row: Int) -> SectionRow? {
        section(grid.cells(of: row))
    }

    func section(_ cells: [Cell]) -> SectionRow? {
        guard cells.count == 1, let text = SheetGrid.label(cells[0].value) else { return nil }
        let core = matcher.headerText(text).core
        guard core.count <= 12 else { return nil }
        if let stage = SchoolKinds(catalogue: catalogue).stage(named: core) { return SectionRow(stage: stage) }
        if let type = SchoolKinds(catalogue: catalogue).type(named: core) {
            return SectionRow(stage: type.stages.count == 1 ? type.stages[0] : nil)
        }
        return nil
    }

    struct SectionRow {
        var stage: Stage?
    }

    /// The unit spellings a unit row declares after 单位: (单位：人、平方米、万元; 金额单位：元
    /// 面积单位：平方米), or nil when the row declares none.
    func declaredUnits(_ grid: SheetGrid, _ row: Int) -> [String]? {
        var found: [String] = []
        let spellings = catalogue.spellingsLongestFirst
        for cell in grid.cells(of: row) {
            guard let text = SheetGrid.label(cell.value) else { continue }
            let folded = words.fold(text)
            var rest = folded[...]
            while let range = rest.range(of: "单位:") {
                rest = rest[range.upperBound...]
                let declaration = rest.prefix { $0 != ";" }
                for token in declaration.split(whereSeparator: { "、,/;".contains($0) }) {
                    if let spelling = spellings.first(where: { token.hasPrefix($0) }) { found.append(spelling) }
                    else if let spelling = spellings.first(where: { token.hasSuffix($0) }) { found.append(spelling) }
                }
            }
        }
        return found.isEmpty ? nil : found
    }

    /// A label that is mostly an alias: a remark that mentions 图书 in passing is not one.
    func strongLabel(_ value: CellValue?, column: Int) -> ColumnDecision? {
        guard let decision = label(value, column: column) else { return nil }
        return decision.method == .alias || decision.method == .parentPath || decision.confidence >= 0.75 ? decision : nil
    }

    /// A cell whose text names a field (a header or a form's label), with its decision.
    func label(_ value: CellValue?, column: Int) -> ColumnDecision? {
        guard let text = SheetGrid.label(value) else { return nil }
        // Texts repeat down a sheet (types, townships): decided once, the column put in after.
        let decision = words.labelDecision(text) { text in
            guard text.count <= 40 else { return nil }
            // A value such as 2024学年 names no column, whatever words it holds.
            guard let first = matcher.headerText(text).core.first, !(first.isASCII && first.isNumber) else { return nil }
            let decision = matcher.decide(column: 0, path: [text])
            return decision.field == nil ? nil : decision
        }
        guard var decision else { return nil }
        decision.column = column
        return decision
    }
}
