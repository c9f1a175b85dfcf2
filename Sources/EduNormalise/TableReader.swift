import EduCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a table's data rows into school records, one row at a time: totals, notes, sections and
/// column-number rows skipped (a note row ends the table); identity cells merged down over a
/// school's part rows shared by them; a figure merged down over a school's parts is the whole
/// school's. It holds no rows: a long sheet streams through it.
struct TableReader {
    let block: HeaderBlock
    let decisions: [ColumnDecision]
    let classifier: RowClassifier
    let catalogue: Catalogue

    struct Result {
        var records: [SchoolRecord] = []
        var skipped: [SkippedRow] = []
        var rejects: [Reject] = []
    }

    /// The mapped columns, with their fields looked up once.
    private let identityColumns: [(column: Int, id: String, role: IdentityRole)]
    /// `zero`: an empty marker in the column that says none (—, /, 无) loads 0 (`Catalogue.readsMarkerAsZero`).
    private let figureColumns: [(column: Int, id: String, name: String, unit: UnitChoice, stage: Stage?, zero: Bool)]
    /// The parts beside a 合计, read in the 合计's unit into the 合计's school part.
    private let breakdownColumns: [(column: Int, link: BreakdownLink, unit: UnitChoice, stage: Stage?)]
    private let kinds: SchoolKinds
    private let sheetStage: Stage?
    /// The school type a sheet's name gives (小学, 九年一贯制学校 …): one sheet per type.
    private let sheetType: SchoolTypeDefinition?
    /// The parts the table's stage-prefixed columns name (小学在校生数, 初中在校生数 …).
    private let columnStages: Set<Stage>
    /// The township a place-name row (东湖街道) set for the rows below it.
    private var township: IdentityValue?

    /// The records, skipped rows and rejects so far.
    private(set) var result = Result()
    /// When set, school records are handed over as their rows are read (`takeRecords()`), and
    /// whole-school records, which later rows may add to, at the end (`finish()`).
    let streaming: Bool
    private var wholeSchoolRecords: [SchoolRecord] = []
    private var sectionStage: Stage?
    private var afterNotes = false
    private var wholeSchool: [String: Int] = [:]  // school key → index of its whole-school record
    typealias Interpretation = (type: String?, stage: Stage?, typeStages: [Stage])
    private var interpretations: [String: Interpretation] = [:]
    private var recentInterpretations: [(text: String, meaning: Interpretation)] = []

    init(sheet: SheetDescription, block: HeaderBlock, decisions: [ColumnDecision], classifier: RowClassifier,
         catalogue: Catalogue, streaming: Bool = false) {
        self.block = block
        self.decisions = decisions
        self.classifier = classifier
        self.catalogue = catalogue
        self.streaming = streaming
        kinds = SchoolKinds(catalogue: catalogue)
        sheetType = kinds.type(inSheetName: sheet.name) ?? block.titles.lazy.compactMap(kinds.type(inTitle:)).first
        sheetStage = sheetType.flatMap { $0.stages.count == 1 ? $0.stages.first : nil }
            ?? kinds.stage(inTitle: sheet.name) ?? block.titles.lazy.compactMap(kinds.stage(inTitle:)).first
        var identity: [(Int, String, IdentityRole)] = []
        var figures: [(Int, String, String, UnitChoice, Stage?, Bool)] = []
        for decision in decisions {
            guard let id = decision.field, let field = catalogue.field(id) else { continue }
            if field.kind == .identity {
                identity.append((decision.column, id, id == "school_name" || id == "school_code" ? .key : id == "county_name" || id == "county_code" ? .county
                    : id == "school_type" ? .type : id == "year" ? .year : .other))
            } else if let unit = decision.unit {
                figures.append((decision.column, id, field.name, unit, decision.stage, catalogue.readsMarkerAsZero(field)))
            }
        }
        identityColumns = identity
        figureColumns = figures
        let totals = Dictionary(decisions.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
        breakdownColumns = decisions.compactMap { decision in
            guard let link = decision.breakdownOf, let total = totals[link.totalColumn], let unit = total.unit else { return nil }
            return (decision.column, link, unit, total.stage)
        }
        columnStages = Set(figures.compactMap(\.4))
        var leaves: [Int: String] = [:]
        for decision in decisions where decision.field != nil {
            if let leaf = decision.path.last { leaves[decision.column] = ValueParser.trimmed(leaf) }
        }
        headerLeaves = leaves
        keyLeaf = identityColumns.first(where: { $0.role == .key }).flatMap { key in leaves[key.column].map { (key.column, $0) } }
    }

    /// Each mapped column's own header text, to know the header repeated down the table (on every
    /// printed page of a long return).
    private let headerLeaves: [Int: String]
    /// The name or code column and its header text, looked at first on every row.
    private let keyLeaf: (column: Int, text: String)?

    /// Two or more mapped columns hold their own header text, and no cell a figure. The name or
    /// code column is looked at first: for a school's row that one look settles it.
    private func repeatsTheHeader(_ cells: [Cell]) -> Bool {
        guard let key = keyLeaf, case .string(let text)? = SheetGrid.value(in: cells, column: key.column),
              ValueParser.trimmed(text) == key.text else { return false }
        var same = 0
        for cell in cells {
            guard case .string(let text) = cell.value else { return false }
            if let leaf = headerLeaves[cell.column], ValueParser.trimmed(text) == leaf { same += 1 }
        }
        return same >= 2
    }

    /// Reads a whole sheet held in memory.
    static func read(grid: SheetGrid, block: HeaderBlock, decisions: [ColumnDecision], classifier: RowClassifier,
                     catalogue: Catalogue) -> Result {
        var reader = TableReader(sheet: grid.sheet, block: block, decisions: decisions, classifier: classifier, catalogue: catalogue)
        var merges = MergeTracker(grid.merged)
        for row in grid.rowNumbers {
            let cells = grid.cells(of: row)
            merges.advance(to: row, cells: cells)
            reader.read(row: row, cells: cells, merges: merges)
        }
        return reader.result
    }

    /// Reads one row (rows in order; `merges` advanced to it): a data row from `block.dataStart`
    /// on, header rows and those above ignored. `cells` are the row's non-empty cells by column.
    enum IdentityRole {
        /// school_name or school_code: a row without either is no school.
        case key
        /// county_name or county_code: a row with a county and no school holds the county's own figures.
        case county
        case type
        case year
        case other
    }

    mutating func read(row: Int, cells: [Cell], merges: MergeTracker) {
        guard row >= block.dataStart, !cells.isEmpty else { return }
        if afterNotes {
            result.skipped.append(SkippedRow(row: row, kind: .afterNotes, text: SheetGrid.text(of: cells)))
        } else if classifier.isNote(cells) {
            result.skipped.append(SkippedRow(row: row, kind: .note, text: SheetGrid.text(of: cells)))
            afterNotes = true
        } else if classifier.isTotals(cells) {
            result.skipped.append(SkippedRow(row: row, kind: .totals, text: SheetGrid.text(of: cells)))
        } else if classifier.isDatedLabel(cells) {
            // 统计时点 | 2024-09-30 under the table: a stamp, not a school; rows after it are still read.
            result.skipped.append(SkippedRow(row: row, kind: .note, text: SheetGrid.text(of: cells)))
        } else if let section = classifier.section(cells) {
            sectionStage = section.stage
            result.skipped.append(SkippedRow(row: row, kind: .section, text: SheetGrid.text(of: cells)))
        } else if classifier.isColumnNumbers(cells) {
            result.skipped.append(SkippedRow(row: row, kind: .columnNumbers, text: SheetGrid.text(of: cells)))
        } else if repeatsTheHeader(cells) {
            result.skipped.append(SkippedRow(row: row, kind: .header, text: SheetGrid.text(of: cells)))
        } else {
            readSchool(row: row, cells: cells, context: sectionStage ?? sheetStage, merges: merges)
        }
    }

    /// The school records read since the last call (streaming).
    mutating func takeRecords() -> [SchoolRecord] {
        guard !result.records.isEmpty else { return [] }
        defer { result.records.removeAll(keepingCapacity: true) }
        return result.records
    }

    /// The whole-school records, once every row is read (streaming).
    mutating func finish() -> [SchoolRecord] {
        defer { wholeSchoolRecords = [] }
        return wholeSchoolRecords
    }

    /// What a 学段 / 办学类型 text says, memoised: the few texts seen last are matched byte for byte
    /// before the dictionary (which compares texts as Unicode does) is asked.
    private mutating func interpret(_ typeText: String) -> Interpretation {
        for recent in recentInterpretations where Self.sameBytes(recent.text, typeText) { return recent.meaning }
        let found: Interpretation
        if let known = interpretations[typeText] {
            found = known
        } else {
            let (type, stage) = kinds.interpret(typeText, fold: classifier.words.fold)
            found = (type, stage, type.flatMap(kinds.type(named:)).map(\.stages) ?? [])
            if interpretations.count < RowWords.foldCapacity { interpretations[typeText] = found }
        }
        if recentInterpretations.count >= 8 { recentInterpretations.removeFirst() }
        recentInterpretations.append((typeText, found))
        return found
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in
                guard let leftStart = left.baseAddress, let rightStart = right.baseAddress else { return left.count == 0 }
                return memcmp(leftStart, rightStart, left.count) == 0
            }
        }.flatMap { $0 } ?? a.utf8.elementsEqual(b.utf8)
    }

    private mutating func readSchool(row: Int, cells: [Cell], context: Stage?, merges: MergeTracker) {
        var identity = [String: IdentityValue](minimumCapacity: identityColumns.count + 1)
        var hasKey = false
        var hasCounty = false
        var typeText: String?
        for (column, id, role) in identityColumns {
            var value = SheetGrid.value(in: cells, column: column)
            var origin = CellPosition(row: row, column: column)
            if !merges.isEmpty, let merge = merges.merge(row, column) {
                if value == nil { value = merge.topLeft }
                origin = merge.range.first
            }
            guard let value, let text = ValueParser.text(value) else { continue }
            switch role {
            case .key: hasKey = true
            case .county: hasCounty = true
            case .type: typeText = text
            case .year, .other: break
            }
            identity[id] = IdentityValue(text: role == .year ? ValueParser.year(value).map(String.init) ?? text : text, cell: origin)
        }
        if !(identity["school_code"].map { Self.isSchoolCode($0.text) } ?? false),
           let place = [identity["school_name"], identity["school_code"]].lazy.compactMap({ $0 })
            .first(where: { classifier.isPlaceName($0.text) }) {
            readTownshipRow(row: row, cells: cells, place: place)
            return
        }
        guard hasKey || hasCounty else {
            result.rejects.append(Reject(row: row, column: nil, field: nil, written: SheetGrid.text(of: cells),
                                         reason: "no school name or code in this row"))
            return
        }
        if hasKey, identity["township"] == nil, let township { identity["township"] = township }
        if hasKey, typeText == nil, let sheetType, let name = identity["school_name"] {
            // The sheet is the type's (one sheet per school type): that is the school's type.
            identity["school_type"] = IdentityValue(text: sheetType.type, cell: name.cell)
        }
        guard let stage = stage(hasKey: hasKey, typeText: typeText, name: identity["school_name"]?.text, context: context) else {
            result.rejects.append(Reject(row: row, column: nil, field: nil, written: SheetGrid.text(of: cells),
                                         reason: "cannot tell whether this row is 小学 or 初中: no 学段 cell, section row, sheet name, title or school name says"))
            return
        }
        var values = FieldReadings()
        values.values.reserveCapacity(figureColumns.count)
        var parts: [Stage: FieldReadings] = [:]
        var shared = FieldReadings()
        // In a row holding several parts (小学… │ 初中… │ whole-school columns), an unprefixed column is the whole school's.
        let unprefixedIsWholeSchool = columnStages.count > 1 || columnStages.contains { $0 != stage } || stage == .wholeSchool && !columnStages.isEmpty
        for (column, id, name, unit, columnStage, zero) in figureColumns {
            if !merges.isEmpty, let range = merges.merge(row, column)?.range, range.rowCount > 1 {
                // Written once over the school's part rows: the whole school's figure. A county row
                // (no school) has no parts: its merged figure is the county's own, read once.
                guard range.first.row == row, let value = SheetGrid.value(in: cells, column: column) else { continue }
                let at = CellPosition(row: row, column: column)
                if hasKey {
                    shared.read(value, field: id, name: name, unit: unit, markerIsZero: zero, at: at, rejects: &result.rejects)
                } else {
                    values.read(value, field: id, name: name, unit: unit, markerIsZero: zero, at: at, rejects: &result.rejects)
                }
                continue
            }
            guard let value = SheetGrid.value(in: cells, column: column) else { continue }
            let at = CellPosition(row: row, column: column)
            if let columnStage, columnStage != stage {
                parts[columnStage, default: FieldReadings()]
                    .read(value, field: id, name: name, unit: unit, markerIsZero: zero, at: at, rejects: &result.rejects)
            } else if columnStage == nil, unprefixedIsWholeSchool {
                shared.read(value, field: id, name: name, unit: unit, markerIsZero: zero, at: at, rejects: &result.rejects)
            } else {
                values.read(value, field: id, name: name, unit: unit, markerIsZero: zero, at: at, rejects: &result.rejects)
            }
        }
        for (column, link, unit, columnStage) in breakdownColumns {
            // A part merged over several rows is not a row's part: nothing to add up.
            if !merges.isEmpty, let range = merges.merge(row, column)?.range, range.rowCount > 1 { continue }
            guard let value = SheetGrid.value(in: cells, column: column) else { continue }
            let at = CellPosition(row: row, column: column)
            if let columnStage, columnStage != stage {
                parts[columnStage, default: FieldReadings()].readPart(value, link: link, unit: unit, at: at)
            } else if columnStage == nil, unprefixedIsWholeSchool {
                shared.readPart(value, link: link, unit: unit, at: at)
            } else {
                values.readPart(value, link: link, unit: unit, at: at)
            }
        }
        // A row of parts has no record of its own stage (whole school) beyond its shared figures.
        if stage != .wholeSchool || !values.isEmpty || parts.isEmpty && shared.isEmpty {
            appendPart(SchoolRecord(row: row, identity: identity, stage: stage, readings: values))
        }
        for part in Stage.parts {
            guard let readings = parts[part] else { continue }
            appendPart(SchoolRecord(row: row, identity: identity, stage: part, readings: readings))
        }
        if !shared.isEmpty { addWholeSchool(shared, row: row, identity: identity) }
    }

    /// A part's record, unless it was written with 0 students (not a part this year).
    private mutating func appendPart(_ record: SchoolRecord) {
        if record.stage != .wholeSchool, record.stage != .county, record.value("students") == 0 {
            let name = record.schoolName ?? record.schoolCode ?? ""
            result.skipped.append(SkippedRow(row: record.row, kind: .emptyPart,
                                             text: "\(name): the \(record.stage.chineseName) part has 0 students, not loaded"))
            return
        }
        result.records.append(record)
    }

    private mutating func addWholeSchool(_ shared: FieldReadings, row: Int, identity: [String: IdentityValue]) {
        let key = identity["school_code"]?.text ?? identity["school_name"]?.text ?? "row \(row)"
        if let index = wholeSchool[key] {
            if streaming {
                wholeSchoolRecords[index].values += shared.values
                wholeSchoolRecords[index].markedEmpty += shared.markedEmpty
                wholeSchoolRecords[index].breakdowns += shared.summableBreakdowns
            } else {
                result.records[index].values += shared.values
                result.records[index].markedEmpty += shared.markedEmpty
                result.records[index].breakdowns += shared.summableBreakdowns
            }
        } else {
            let record = SchoolRecord(row: row, identity: identity, stage: .wholeSchool, readings: shared)
            if streaming {
                wholeSchool[key] = wholeSchoolRecords.count
                wholeSchoolRecords.append(record)
            } else {
                wholeSchool[key] = result.records.count
                result.records.append(record)
            }
        }
    }

    /// The row's stage: its 学段 cell, else the section row or the sheet (name or title), else the
    /// end of the school's name (…小学, …初级中学); a school whose type teaches several stages with
    /// nothing to split them is read as the whole school. Nil when nothing tells.
    private mutating func stage(hasKey: Bool, typeText: String?, name: String?, context: Stage?) -> Stage? {
        guard hasKey else { return .county }
        var stage: Stage?
        var typeStages: [Stage] = []
        if let typeText {
            let interpretation = interpret(typeText)
            stage = interpretation.stage
            typeStages = interpretation.typeStages
        }
        if stage == nil, let context, typeStages.isEmpty || typeStages.contains(context) { stage = context }
        if stage == nil, typeStages.isEmpty, let sheetType { typeStages = sheetType.stages }
        if stage == nil, typeStages.isEmpty, let name {
            if let type = catalogue.schoolTypeDefinition(endingName: name) {
                typeStages = type.stages
                if type.stages.count == 1 { stage = type.stages.first }
            } else {
                stage = kinds.stage(endingName: name)
            }
        }
        if stage == nil, typeStages.count > 1 || !columnStages.isEmpty { stage = .wholeSchool }
        return stage
    }

    /// A 学校标识码 or the like: ten or more digits (a township's own code is shorter).
    static func isSchoolCode(_ text: String) -> Bool {
        var digits = 0
        for byte in text.utf8 where (0x30...0x39).contains(byte) {
            digits += 1
            if digits == 10 { return true }
        }
        return false
    }

    /// A township row: it names the township of the schools below; where it carries figures they are
    /// the township's subtotal, skipped as such.
    private mutating func readTownshipRow(row: Int, cells: [Cell], place: IdentityValue) {
        township = place
        let figures = figureColumns.contains { column in
            SheetGrid.value(in: cells, column: column.column).map(HeaderBlock.isFigure) ?? false
        }
        result.skipped.append(SkippedRow(row: row, kind: figures ? .townshipSubtotal : .township, text: SheetGrid.text(of: cells)))
    }
}
