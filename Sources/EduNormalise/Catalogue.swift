/// The canonical fields, the header spellings that name them, units and their conversions, and
/// the words that mark totals, notes, school types and stages: what the normaliser knows,
/// read from an editable file (Pipelines/catalogue.yml) at run time.
public struct Catalogue: Sendable {
    public var fields: [FieldDefinition]
    public var units: [UnitDefinition]
    /// Words that make a count or measure header something else (生均, 比例, 上年 ...), folded.
    public var globalExclusions: [String]
    public var totalsWords: [String]
    public var noteWords: [String]
    /// Endings of place names (街道, 镇, 乡 …): a row naming only a place groups the schools below it.
    public var townshipSuffixes: [String] = Catalogue.defaultTownshipSuffixes
    public var schoolTypes: [SchoolTypeDefinition]
    public var stageWords: [Stage: [String]]
    /// The counties the catalogue knows, so a title row (青石县城关镇…) or a county name names a code.
    public var counties: [County] = []
    /// What an empty marker (—, /, 无) in a count, area or money cell means: none (0), or no figure.
    public var emptyMarkers: EmptyMarkerMeaning = .zero
    /// Folded words that make a column beside a 合计 a part "of which" (女, 少数民族, 寄宿 …), not one of
    /// the breakdown columns that add up to the 合计 (一年级 … 六年级).
    public var breakdownExclusions: [String] = Catalogue.defaultBreakdownExclusions.map(HeaderText.fold)
    /// Where it was read from, for messages.
    public var source: String

    public init(fields: [FieldDefinition], units: [UnitDefinition], globalExclusions: [String],
                totalsWords: [String], noteWords: [String], schoolTypes: [SchoolTypeDefinition],
                stageWords: [Stage: [String]], source: String) {
        self.fields = fields
        self.units = units
        self.globalExclusions = globalExclusions.map(HeaderText.fold)
        self.totalsWords = totalsWords.map(HeaderText.fold)
        self.noteWords = noteWords.map(HeaderText.fold)
        self.schoolTypes = schoolTypes
        self.stageWords = stageWords.mapValues { $0.map(HeaderText.fold) }
        self.source = source
    }

    /// A school's type as the catalogue names it: from its 办学类型 cell, or, where that cell only
    /// names a stage (小学, 小学部) or is missing, from the end of its name (…教学点, …九年一贯制学校).
    /// Names are compared as written, by their UTF-8 bytes: this runs for every school loaded.
    public func schoolType(cell: String?, name: String?) -> String? {
        let fromCell = cell.flatMap { text in schoolTypes.first { $0.words.contains(text) || $0.foldedWords.contains(HeaderText.fold(text)) } }
        let fromName = name.flatMap(schoolTypeDefinition(endingName:))
        if let fromName, fromName != fromCell, fromCell.map({ Set(fromName.stages).isSubset(of: $0.stages) }) ?? true {
            return fromName.type
        }
        if let fromCell { return fromCell.type }
        // A 学段 cell naming only a stage (小学部) says nothing of the school's type.
        guard let cell, !stageWords.values.contains(where: { $0.contains(HeaderText.fold(cell)) }) else { return nil }
        return cell
    }

    /// For a catalogue written before `breakdowns`: the parts a 合计's siblings name that are "of which".
    public static let defaultBreakdownExclusions = ["女", "男女", "少数民族", "寄宿", "住校", "随班就读", "残疾", "留守", "进城务工", "随迁",
                                                    "外籍", "港澳台", "华侨", "新招", "招生", "毕业", "代课", "兼任", "危房", "租用", "借用"]

    public static let defaultTownshipSuffixes = ["街道", "镇", "乡", "办事处", "街道办", "管委会", "开发区", "苏木", "农场", "林场"]

    /// The type definition a school's name ends in (…中心小学 → 小学, …高级中学 → 高级中学), longest first.
    public func schoolTypeDefinition(endingName name: String) -> SchoolTypeDefinition? {
        let bytes = name.utf8
        var found: SchoolTypeDefinition?
        var longest = 0
        for type in schoolTypes {
            for word in type.suffixBytes where word.count > longest && bytes.count >= word.count && bytes.suffix(word.count).elementsEqual(word) {
                found = type
                longest = word.count
            }
        }
        return found
    }

    public func field(_ id: String) -> FieldDefinition? {
        fields.first { $0.id == id }
    }

    /// The field and those that stand in for it, or it for them (alternative_to): one figure to look for.
    public func alternatives(of id: String) -> Set<String> {
        let root = field(id)?.alternativeTo ?? id
        return Set(fields.filter { $0.id == root || $0.alternativeTo == root }.map(\.id))
    }

    /// Whether an empty marker in a cell of this field loads as 0: with `empty_markers: zero`, for a
    /// count or a measure (people, classes, rooms, machines, volumes, m², 元 …) whose unit is no
    /// share. Identity fields, rates and anything in a share unit (%, ratio) stay missing.
    public func readsMarkerAsZero(_ field: FieldDefinition) -> Bool {
        guard emptyMarkers == .zero, field.kind == .count || field.kind == .measure, let unit = field.unit else { return false }
        return !units.contains { $0.unit == unit && $0.dimension == UnitDefinition.shareDimension }
    }

    /// The unit definitions a folded spelling may mean (个 is classes or rooms).
    func units(spelled spelling: String) -> [UnitDefinition] {
        units.filter { $0.foldedSpelling == spelling }
    }

    /// Folded unit spellings, longest first, so 万元 is found before 元.
    var spellingsLongestFirst: [String] {
        Array(Set(units.map(\.foldedSpelling))).sorted { ($0.count, $0) > ($1.count, $1) }
    }
}

public struct County: Hashable, Sendable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    /// The county a text names (a county name or code, or a title that contains the name).
    public static func named(in text: String, among counties: [County]) -> County? {
        let folded = HeaderText.fold(text)
        return counties.first { folded == $0.code || folded.hasBytes(HeaderText.fold($0.name)) }
    }
}

public struct FieldDefinition: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Text naming the school or the return: code, name, county, township, type, year.
        case identity
        /// Whole things counted: students, teachers, computers.
        case count
        /// Amounts: areas, money.
        case measure
        /// A county's rate (学前三年毛入园率): a share, stored as a fraction (92.3% → 0.923);
        /// gross rates above 1 are valid.
        case rate
    }

    public var id: String
    public var name: String
    public var kind: Kind
    /// The canonical unit values are stored in (nil for identity fields).
    public var unit: String?
    public var aliases: [String]
    /// Folded aliases, with the name first, and each alias ending in 数 also without it.
    public let foldedAliases: [String]
    /// Folded aliases that name the field only where no parent header holds a weak exclusion.
    public let weakAliases: Set<String>
    /// Folded words that make a header something else: the field's `exclude` and `outside` words.
    public let exclusions: [String]
    /// Folded exclusion words naming what the field never counts (附设幼儿班 among students, 代课
    /// among 专任教师): a 不含 clause naming one leaves the figure whole, a 含 clause makes it
    /// another figure. The other exclusion words name a part of the field, the other way round.
    public let outside: [String]
    /// Folded aliases that name the field less surely (多媒体教室 for 网络多媒体教室): a column
    /// naming the field by another alias wins over one named by these.
    public let fallbackAliases: Set<String>
    /// The field this one stands in for at some stage (teachers_college_degree is the primary
    /// stage's teachers_above_required_degree): a sheet giving either has the figure.
    public var alternativeTo: String?
    /// The field this one counts a part of (高于规定学历 of 专任教师, 女 of 在校生): beside that field's 合计
    /// its column is a part "of which", never summed into the breakdown.
    public var partOf: String?
    /// Folded words that, in a parent header, veto a match through a weak alias.
    public let weakExclusions: [String]
    /// Folded headers that name the field only over a 合计/计/小计 column (班额情况 / 合计 is the
    /// number of classes); the group's other columns are breakdowns.
    public let groupAliases: [String]

    public init(id: String, name: String, kind: Kind, unit: String?, aliases: [String], exclusions: [String],
                weakAliases: [String] = [], weakExclusions: [String] = [], groupAliases: [String] = [],
                outside: [String] = [], fallbackAliases: [String] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.unit = unit
        self.aliases = aliases + weakAliases + fallbackAliases
        var folded: [String] = []
        func add(_ text: String) {
            if !text.isEmpty, !folded.contains(text) { folded.append(text) }
        }
        for alias in [name] + aliases + weakAliases + fallbackAliases {
            let text = HeaderText.fold(alias)
            add(text)
            if text.hasSuffix("数"), text.count >= 5 { add(String(text.dropLast())) }
        }
        foldedAliases = folded
        func foldedSet(_ aliases: [String]) -> Set<String> {
            var set = Set<String>()
            for alias in aliases {
                let text = HeaderText.fold(alias)
                set.insert(text)
                if text.hasSuffix("数"), text.count >= 5 { set.insert(String(text.dropLast())) }
            }
            return set
        }
        self.weakAliases = foldedSet(weakAliases)
        self.fallbackAliases = foldedSet(fallbackAliases)
        let outside = outside.map(HeaderText.fold)
        self.outside = outside
        self.exclusions = exclusions.map(HeaderText.fold) + outside.filter { !exclusions.map(HeaderText.fold).contains($0) }
        self.weakExclusions = weakExclusions.map(HeaderText.fold)
        self.groupAliases = groupAliases.map(HeaderText.fold)
    }
}

/// What an empty marker (—, -, /, 无, 空, 暂无) written in a count, area or money cell means, as the
/// catalogue's `empty_markers` says. Not-applicable marks (×, n/a) and blank cells are never a figure.
public enum EmptyMarkerMeaning: String, Hashable, Sendable, CaseIterable {
    /// None: the value 0 is loaded, and the cell is recorded as having held the marker (the default;
    /// returns' own instructions say 没有的项目填“—”或“无”).
    case zero
    /// Not applicable: no figure is loaded (the school leaves the indicators that need it); the
    /// marker is recorded.
    case missing
}

public struct UnitDefinition: Hashable, Sendable {
    /// The dimension of shares (%, 百分比 → ratio): an empty marker there is never read as 0.
    public static let shareDimension = "share"

    public var spelling: String
    public let foldedSpelling: String
    /// The canonical unit this spelling converts to.
    public var unit: String
    public var dimension: String
    /// Multiply a value written in this spelling by this to get the canonical unit (万元 → 10,000).
    public var factor: Double

    public init(spelling: String, unit: String, dimension: String, factor: Double = 1) {
        self.spelling = spelling
        self.foldedSpelling = HeaderText.fold(spelling)
        self.unit = unit
        self.dimension = dimension
        self.factor = factor
    }
}

public struct SchoolTypeDefinition: Hashable, Sendable {
    public var words: [String]
    public let foldedWords: [String]
    /// The type as stored: 小学, 九年一贯制学校 ...
    public var type: String
    /// The stages a school of this type teaches.
    public var stages: [Stage]

    /// The words as written and folded, as UTF-8 bytes, to test the end of a school's name.
    let suffixBytes: [[UInt8]]

    public init(words: [String], type: String, stages: [Stage]) {
        self.words = words
        self.foldedWords = words.map(HeaderText.fold)
        self.suffixBytes = Array(Set(words + foldedWords)).map { Array($0.utf8) }
        self.type = type
        self.stages = stages
    }
}

/// A part of a school figures are reported for; `wholeSchool` marks a figure given for the whole
/// school of a multi-part school (nine-year, complete secondary, twelve-year), to be shared out by
/// the parts' students. The balance figures are computed for primary and junior only.
public enum Stage: String, Hashable, Sendable, CaseIterable, Codable {
    case primary
    case junior
    /// 高中: senior secondary (高级中学, the senior part of a 完全中学 or 十二年一贯制学校, 职中).
    case senior
    /// 幼儿园: preschool.
    case preschool
    case wholeSchool = "whole_school"
    /// A county's own figure (学前三年毛入园率 …), from a sheet of county figures: no school.
    case county

    /// The stages a school's figures are reported for.
    public static let schoolStages: [Stage] = [.primary, .junior, .senior, .preschool, .wholeSchool]
    /// The parts a school is made of, each with its own students (a whole-school figure is shared over them).
    public static let parts: [Stage] = [.primary, .junior, .senior, .preschool]
    /// The stages of compulsory education, which the balance figures judge.
    public static let compulsory: [Stage] = [.primary, .junior]

    /// The stage's name as returns write it.
    public var chineseName: String {
        switch self {
        case .primary: return "小学"
        case .junior: return "初中"
        case .senior: return "高中"
        case .preschool: return "幼儿园"
        case .wholeSchool: return "全校"
        case .county: return "县"
        }
    }
}
