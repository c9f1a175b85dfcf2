import EduCore

/// How a column's header was mapped to a canonical field, or why it was not: every column gets
/// one, so a statistician can see each decision the normaliser made.
public struct ColumnDecision: Hashable, Sendable {
    public enum Method: String, Hashable, Sendable, Codable {
        /// The header is one of the field's aliases.
        case alias
        /// The header contains an alias of exactly one field and none of its exclusion words.
        case contains
        /// The header alone says too little; with its parent header it is an alias (校舍 / 面积).
        case parentPath = "path"
        /// Close enough to one field's alias by character pairs, and clearly closer than to any other.
        case fuzzy
        case unmapped
    }

    public var column: Int
    /// A form's label cell (a table's header is its column).
    public var labelCell: CellPosition?
    /// The header cells from the top of the header block down to this column's own.
    public var path: [String]
    /// The folded text that was matched (or failed to).
    public var matchedText: String
    public var field: String?
    public var method: Method
    /// 1 for an alias; lower for rules and fuzzy matches; 0 when unmapped.
    public var confidence: Double
    public var unit: UnitChoice?
    /// Why a column stayed unmapped, or what is worth knowing about its mapping.
    public var note: String?
    /// The school part the column's figures belong to where its header names one (小学在校生数 →
    /// primary) in a row that holds several parts; nil for a column of the row's own stage.
    public var stage: Stage?
    /// Mapped through a fallback alias (多媒体教室): a column or label naming the field otherwise
    /// takes it instead.
    public var isFallback = false
    /// One of the parts beside a 合计 under the same header (一年级 beside 合计 under 在校生数), which
    /// add up to the 合计's figure; nil for any other column. A mapped column may be one (专任教师
    /// beside 合计 under 教职工数).
    public var breakdownOf: BreakdownLink?

    public init(column: Int, path: [String], matchedText: String, field: String?, method: Method,
                confidence: Double, unit: UnitChoice? = nil, note: String? = nil) {
        self.column = column
        self.path = path
        self.matchedText = matchedText
        self.field = field
        self.method = method
        self.confidence = confidence
        self.unit = unit
        self.note = note
    }

    /// This decision with its field given up to another column that claims it: unmapped, saying why.
    public func released(note: String) -> ColumnDecision {
        var decision = self
        decision.note = note
        decision.field = nil
        decision.method = .unmapped
        decision.confidence = 0
        decision.unit = nil
        decision.stage = nil
        decision.isFallback = false
        return decision
    }
}

/// The unit a column's values are written in and the factor to the field's canonical unit.
public struct UnitChoice: Hashable, Sendable {
    public enum Source: String, Hashable, Sendable, Codable {
        /// Written in the header: 教学仪器设备值（万元）.
        case header
        /// Declared by a unit row above the table: 单位：人、平方米、万元.
        case unitRow = "unit-row"
        /// A unit column beside a form's item (单位 │ 万元).
        case unitColumn = "unit-column"
        /// Nothing says otherwise: the canonical unit.
        case assumed
    }

    /// As written ("万元"), or the canonical unit when assumed.
    public var written: String
    public var canonical: String
    public var factor: Double
    public var source: Source

    public init(written: String, canonical: String, factor: Double, source: Source) {
        self.written = written
        self.canonical = canonical
        self.factor = factor
        self.source = source
    }
}
