import EduCore

/// A school's figures as they are read, cell by cell: numbers converted to the canonical unit,
/// empty markers kept as such (and read as 0 where the field's column says so), and cells that are
/// no number rejected with the field's name.
struct FieldReadings {
    var values: [FieldValue] = []
    var markedEmpty: [MarkedEmpty] = []
    var breakdowns: [BreakdownValue] = []
    /// The 合计 columns one of whose parts holds no number: their parts cannot be summed.
    var unsummable: Set<Int> = []

    var isEmpty: Bool { values.isEmpty && markedEmpty.isEmpty }

    /// `markerIsZero`: an empty marker that says none (—, /, 无) loads 0 (`Catalogue.readsMarkerAsZero`).
    mutating func read(_ value: CellValue, field: FieldDefinition, unit: UnitChoice, markerIsZero: Bool, at cell: CellPosition,
                       rejects: inout [Reject]) {
        read(value, field: field.id, name: field.name, unit: unit, markerIsZero: markerIsZero, at: cell, rejects: &rejects)
    }

    mutating func read(_ value: CellValue, field id: String, name: String, unit: UnitChoice, markerIsZero: Bool, at cell: CellPosition,
                       rejects: inout [Reject]) {
        switch ValueParser.number(value) {
        case .number(let number):
            values.append(FieldValue(field: id, value: Self.canonical(number, written: value, unit: unit), unit: unit.canonical, cell: cell,
                                     written: value))
        case .missing:
            // A cell of white space only is blank, not a marker: nothing is read from it.
            guard !SheetGrid.isBlank(value) else { return }
            let zero = markerIsZero && ValueParser.marksNone(value)
            if zero { values.append(FieldValue(field: id, value: 0, unit: unit.canonical, cell: cell, written: value)) }
            markedEmpty.append(MarkedEmpty(field: id, cell: cell, written: ValueParser.rawText(value), readAsZero: zero))
        case .invalid(let reason):
            rejects.append(Reject(row: cell.row, column: cell.column, field: id,
                                  written: ValueParser.rawText(value), reason: "\(name): \(reason)"))
        }
    }

    /// A part's cell beside a 合计 (`link`), in the 合计's unit: a blank or an empty marker is none,
    /// text that is no number leaves the group unsummed (the cell is no field's, so it is not rejected).
    mutating func readPart(_ value: CellValue, link: BreakdownLink, unit: UnitChoice, at cell: CellPosition) {
        switch ValueParser.number(value) {
        case .number(let number):
            breakdowns.append(BreakdownValue(field: link.field, part: link.part, value: Self.canonical(number, written: value, unit: unit),
                                             cell: cell, total: CellPosition(row: cell.row, column: link.totalColumn)))
        case .missing: break
        case .invalid: unsummable.insert(link.totalColumn)
        }
    }

    /// The parts of the groups that can be summed.
    var summableBreakdowns: [BreakdownValue] {
        unsummable.isEmpty ? breakdowns : breakdowns.filter { !unsummable.contains($0.total.column) }
    }

    /// Whether a cell holds a marker that says none (—, /, 无): not a figure, not blank.
    static func holdsNoneMarker(_ value: CellValue) -> Bool {
        guard case .missing = ValueParser.number(value), !SheetGrid.isBlank(value) else { return false }
        return ValueParser.marksNone(value)
    }

    /// A number in the field's canonical unit. "92.3%" under a (%) header is a fraction already:
    /// the header's factor is for bare 92.3.
    static func canonical(_ number: Double, written value: CellValue, unit: UnitChoice) -> Double {
        number * (unit.factor != 1 && isPercentText(value) ? 1 : unit.factor)
    }

    static func isPercentText(_ value: CellValue) -> Bool {
        guard case .string(let text) = value else { return false }
        return text.hasSuffix("%") || text.hasSuffix("％")
    }

    static func += (lhs: inout FieldReadings, rhs: FieldReadings) {
        lhs.values += rhs.values
        lhs.markedEmpty += rhs.markedEmpty
        lhs.breakdowns += rhs.breakdowns
        lhs.unsummable.formUnion(rhs.unsummable)
    }
}

extension SchoolRecord {
    init(row: Int, identity: [String: IdentityValue], stage: Stage, readings: FieldReadings) {
        self.init(row: row, identity: identity, stage: stage, values: readings.values, markedEmpty: readings.markedEmpty,
                  breakdowns: readings.summableBreakdowns)
    }
}
