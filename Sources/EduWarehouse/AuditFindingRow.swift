import EduAudit
import EduNormalise

/// One row of `audit_findings`: a figure a check (审核) found wrong or unusual, with the message
/// the school is sent and the cell it came from.
public struct AuditFindingRow: Sendable, Equatable {
    public var year: Int
    public var countyCode: String
    /// The school's 乡镇 (nil when its return names none).
    public var township: String?
    public var schoolCode: String
    public var schoolName: String?
    public var stage: Stage
    public var rule: AuditRuleID
    public var severity: AuditSeverity
    /// The rule's message with the figures filled in.
    public var message: String
    /// The field or indicator id the finding is about (students_per_class for class sizes).
    public var indicator: String
    /// The catalogue's name of the field, when the indicator is a field.
    public var indicatorName: String?
    /// The figure found wrong (the sum of the parts for parts_vs_whole); nil for a missing figure.
    public var value: Double?
    /// What was expected of it, as the view writes it: ">= 0", "<= full_time_teachers", "1050", "50–100000" ….
    public var expected: String
    public var sourceFile: String
    public var sheet: String
    /// The cell the figure came from (nil for a missing figure).
    public var cell: String?

    public init(year: Int, countyCode: String, township: String?, schoolCode: String, schoolName: String?, stage: Stage,
                rule: AuditRuleID, severity: AuditSeverity, message: String, indicator: String, indicatorName: String? = nil,
                value: Double?, expected: String, sourceFile: String, sheet: String, cell: String?) {
        self.year = year
        self.countyCode = countyCode
        self.township = township
        self.schoolCode = schoolCode
        self.schoolName = schoolName
        self.stage = stage
        self.rule = rule
        self.severity = severity
        self.message = message
        self.indicator = indicator
        self.indicatorName = indicatorName
        self.value = value
        self.expected = expected
        self.sourceFile = sourceFile
        self.sheet = sheet
        self.cell = cell
    }
}
