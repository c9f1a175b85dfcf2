/// The checks a bureau runs on the returns (审核), read from an editable file (Pipelines/checks.yml):
/// for each rule its severity, its Chinese message with {slots} for the figures, and its thresholds.
/// A rule the file leaves out is not run.
public struct AuditRules: Sendable, Equatable {
    /// A rule's severity and message template.
    public struct Rule: Sendable, Equatable {
        public var severity: AuditSeverity
        public var message: String

        public init(severity: AuditSeverity, message: String) {
            self.severity = severity
            self.message = message
        }
    }

    /// A part that may not exceed its whole (backbone_teachers ≤ full_time_teachers).
    public struct Pair: Sendable, Equatable {
        public var part: String
        public var whole: String

        public init(part: String, whole: String) {
            self.part = part
            self.whole = whole
        }
    }

    /// One band of pupils per class: above (or below) a limit, with its own severity and message.
    public struct ClassSizeBand: Sendable, Equatable {
        public enum Side: String, Sendable { case above, below }
        public var name: String
        public var side: Side
        public var limit: Double
        public var rule: Rule

        public init(name: String, side: Side, limit: Double, rule: Rule) {
            self.name = name
            self.side = side
            self.limit = limit
            self.rule = rule
        }
    }

    /// Plausible bounds of a field per pupil, and what is likely wrong outside them.
    public struct Bound: Sendable, Equatable {
        public var field: String
        public var minimum: Double?
        public var maximum: Double?
        public var hint: String

        public init(field: String, minimum: Double?, maximum: Double?, hint: String) {
            self.field = field
            self.minimum = minimum
            self.maximum = maximum
            self.hint = hint
        }
    }

    /// Severity and message of each rule the file sets, by rule.
    public var rules: [AuditRuleID: Rule]
    public var pairs: [Pair]
    public var partsFields: [String]
    public var partsTolerance: Double
    public var breakdownTolerance: Double
    public var classSizeBands: [ClassSizeBand]
    public var bounds: [Bound]
    /// Field → the largest share it may change by from one year to the next (0.30: ±30%).
    public var yearOverYear: [String: Double]
    public var requiredFields: [String]
    /// The file (or built-in name) they were read from; not part of equality.
    public var source: String

    public init(rules: [AuditRuleID: Rule], pairs: [Pair] = [], partsFields: [String] = [], partsTolerance: Double = 0,
                breakdownTolerance: Double = 0, classSizeBands: [ClassSizeBand] = [], bounds: [Bound] = [],
                yearOverYear: [String: Double] = [:], requiredFields: [String] = [], source: String) {
        self.rules = rules
        self.pairs = pairs
        self.partsFields = partsFields
        self.partsTolerance = partsTolerance
        self.breakdownTolerance = breakdownTolerance
        self.classSizeBands = classSizeBands
        self.bounds = bounds
        self.yearOverYear = yearOverYear
        self.requiredFields = requiredFields
        self.source = source
    }

    public static func == (lhs: AuditRules, rhs: AuditRules) -> Bool {
        lhs.rules == rhs.rules && lhs.pairs == rhs.pairs && lhs.partsFields == rhs.partsFields && lhs.partsTolerance == rhs.partsTolerance
            && lhs.breakdownTolerance == rhs.breakdownTolerance && lhs.classSizeBands == rhs.classSizeBands && lhs.bounds == rhs.bounds
            && lhs.yearOverYear == rhs.yearOverYear && lhs.requiredFields == rhs.requiredFields
    }
}
