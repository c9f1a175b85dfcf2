import EduCore

/// What the normaliser made of one sheet: its layout, the header decisions, the school records
/// with every value's cell, the rows it skipped and why, and the cells it rejected.
public struct NormalisedSheet: Sendable {
    public enum Layout: Hashable, Sendable {
        /// A table: a header block, then a school per row (or per stage part).
        case table(headerRows: ClosedRange<Int>, dataStart: Int)
        /// One school's return as label and value cells.
        case form
        /// Nothing the catalogue recognises (a notes sheet, an empty sheet).
        case none(String)
    }

    public var sheet: SheetDescription
    public var layout: Layout
    /// One per column of a table, one per label of a form.
    public var decisions: [ColumnDecision]
    public var records: [SchoolRecord]
    public var skipped: [SkippedRow]
    public var rejects: [Reject]
    /// Title rows above the table, as written.
    public var titles: [String]
    /// The unit spellings a unit row declared (单位：人、平方米、万元).
    public var declaredUnits: [String]
    /// The year a title row names (青石县城关镇2024年小学… → 2024), for returns without a year field.
    public var titleYear: Int?

    /// The empty markers (—, /, 无) read as 0 on this sheet.
    public var markersReadAsZero: Int {
        records.reduce(0) { count, record in count + record.markedEmpty.filter(\.readAsZero).count }
    }

    /// The empty markers left without a figure (`empty_markers: missing`, rates, ×, n/a).
    public var markersLeftMissing: Int {
        records.reduce(0) { count, record in count + record.markedEmpty.filter { !$0.readAsZero }.count }
    }

    /// The catalogue's fields with no column or label: required ones missing mean a header went
    /// unrecognised. A field one of whose alternatives is mapped (专科及以上学历 for 高于规定学历) is not missing.
    public func unmappedFields(of catalogue: Catalogue) -> [String] {
        let mapped = Set(decisions.compactMap(\.field))
        return catalogue.fields.map(\.id).filter { catalogue.alternatives(of: $0).isDisjoint(with: mapped) }
    }
}

/// One school's (or one stage part's) values from a sheet.
public struct SchoolRecord: Hashable, Sendable {
    /// The sheet row it was read from (the first, for a form).
    public var row: Int
    /// Identity fields by id: school_code, school_name, township, school_type, year ...
    public var identity: [String: IdentityValue]
    /// primary or junior; wholeSchool for figures given once for a nine-year or complete school.
    public var stage: Stage
    public var values: [FieldValue]
    /// Mapped cells written as an empty marker (—, /, 无, ×): each is kept as written. Where the
    /// catalogue says `empty_markers: zero`, one in a count, area or money cell is also in `values`
    /// as 0 (`readAsZero`); otherwise no value is loaded for it.
    public var markedEmpty: [MarkedEmpty]
    /// The figures of the parts beside a 合计 (一年级 … 六年级 beside 在校生数 / 合计), kept to check that
    /// they add up to it; they are no field's value. A group with a cell that is no number is left out.
    public var breakdowns: [BreakdownValue]

    public init(row: Int, identity: [String: IdentityValue], stage: Stage, values: [FieldValue], markedEmpty: [MarkedEmpty] = [],
                breakdowns: [BreakdownValue] = []) {
        self.row = row
        self.identity = identity
        self.stage = stage
        self.values = values
        self.markedEmpty = markedEmpty
        self.breakdowns = breakdowns
    }

    public var schoolCode: String? { identity["school_code"]?.text }
    public var schoolName: String? { identity["school_name"]?.text }

    /// An identity field's text; nil when absent or only spaces (WPS writes ' ' in empty cells,
    /// and a record may be made by hand), so a blank never replaces what an earlier file said.
    public func identityText(_ id: String) -> String? {
        guard let text = identity[id]?.text, text.contains(where: { !$0.isWhitespace }) else { return nil }
        return text
    }

    /// Who runs the school, from its 性质/举办者 cell; nil when it says neither.
    public var ownership: Ownership? { identityText("ownership").flatMap(Ownership.init(written:)) }

    public func value(_ field: String) -> Double? {
        values.first { $0.field == field }?.value
    }
}

public struct IdentityValue: Hashable, Sendable {
    public var text: String
    public var cell: CellPosition

    public init(text: String, cell: CellPosition) {
        self.text = text
        self.cell = cell
    }
}

/// One value in the field's canonical unit, with the cell it came from.
public struct FieldValue: Hashable, Sendable {
    public var field: String
    public var value: Double
    public var unit: String
    public var cell: CellPosition
    /// The cell as written, for provenance ("1,754,914", 570.39 in 万元).
    public var written: CellValue

    public init(field: String, value: Double, unit: String, cell: CellPosition, written: CellValue) {
        self.field = field
        self.value = value
        self.unit = unit
        self.cell = cell
        self.written = written
    }
}

/// One part's figure beside a 合计, in the 合计 field's canonical unit.
public struct BreakdownValue: Hashable, Sendable {
    /// The field the 合计 carries.
    public var field: String
    /// The part as its header writes it (一年级).
    public var part: String
    public var value: Double
    public var cell: CellPosition
    /// The 合计's cell in the same row.
    public var total: CellPosition

    public init(field: String, part: String, value: Double, cell: CellPosition, total: CellPosition) {
        self.field = field
        self.part = part
        self.value = value
        self.cell = cell
        self.total = total
    }
}

/// A mapped cell that holds an empty marker instead of a figure.
public struct MarkedEmpty: Hashable, Sendable {
    public var field: String
    public var cell: CellPosition
    public var written: String
    /// The marker was read as 0 (a count, area or money field under `empty_markers: zero`): the
    /// record's values hold that 0, from this cell.
    public var readAsZero: Bool

    public init(field: String, cell: CellPosition, written: String, readAsZero: Bool = false) {
        self.field = field
        self.cell = cell
        self.written = written
        self.readAsZero = readAsZero
    }
}

/// A row that is not a school, and what it is.
public struct SkippedRow: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case title, unit = "unit-row", header, columnNumbers = "column-numbers", blank, section, totals, note
        /// Below a note row: signatures, dates.
        case afterNotes = "after-notes"
        /// A place name alone (东湖街道): the township of the schools below it.
        case township
        /// A place name with figures: the township's subtotal, never a school.
        case townshipSubtotal = "township-subtotal"
        /// A part of a school written with 0 students (a twelve-year school with no senior pupils yet).
        case emptyPart = "empty-part"
    }

    public var row: Int
    public var kind: Kind
    public var text: String
}

/// A cell or row that could not be loaded, with the reason; it is kept, never dropped silently.
public struct Reject: Hashable, Sendable {
    public var row: Int
    public var column: Int?
    public var field: String?
    public var written: String
    public var reason: String

    public init(row: Int, column: Int?, field: String?, written: String, reason: String) {
        self.row = row
        self.column = column
        self.field = field
        self.written = written
        self.reason = reason
    }

    public var cell: String { column.map { CellPosition(row: row, column: $0).reference } ?? "row \(row)" }
}
