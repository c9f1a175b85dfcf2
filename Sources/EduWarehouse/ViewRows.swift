import EduNormalise
import EduStandards

// The rows of the views the county summaries read (documented in the README, queried by users
// with the sqlite3 shell too), typed: a stage is a `Stage`, a standard a `BalanceStandard`.

/// One row of `county_balance`: a county's enrolment-weighted CV of one indicator.
public struct CountyBalanceRow: Sendable, Equatable {
    public var stage: Stage
    public var standard: BalanceStandard
    public var indicator: String
    public var schools: Int
    public var students: Double
    public var mean: Double?
    public var cv: Double?
    public var cvLimit: Double
    /// Whether the CV is within its limit: nil for a CV not judged, or judged without a value.
    public var cvMet: Bool?
    /// Whether the standard judges this CV: the basic standard (2012) only its composite, the
    /// quality standard (2017) each CV. A basic indicator's CV is reported, not judged.
    public var judged: Bool
    /// Why the composite has no value (the composite row only): each basic indicator without a CV.
    public var compositeGaps: [CompositeGap]
    /// The error findings of the checks (审核) on the figures the CV is computed from (`audit_errors`):
    /// above 0, the CV rests on figures that cannot be right. 0 too when no checks are synced.
    public var auditErrors: Int

    public init(stage: Stage, standard: BalanceStandard, indicator: String, schools: Int, students: Double, mean: Double?,
                cv: Double?, cvLimit: Double, cvMet: Bool?, judged: Bool = true, compositeGaps: [CompositeGap] = [], auditErrors: Int = 0) {
        self.stage = stage
        self.standard = standard
        self.indicator = indicator
        self.schools = schools
        self.students = students
        self.mean = mean
        self.cv = cv
        self.cvLimit = cvLimit
        self.cvMet = cvMet
        self.judged = judged
        self.compositeGaps = compositeGaps
        self.auditErrors = auditErrors
    }
}

/// One row of `school_indicators`: a school part's derived indicators, or why it is left out.
public struct SchoolIndicatorsRow: Sendable, Equatable {
    public var schoolCode: String
    public var schoolName: String?
    public var stage: Stage
    public var schoolType: String?
    public var students: Double?
    public var excludedReason: String?
    /// Indicator id → value (nil where an input is missing).
    public var indicators: [String: Double?]
    /// The part's classes and pupils per class.
    public var classes: Double?
    public var studentsPerClass: Double?
    /// The whole school's pupils: its primary, junior and senior parts together.
    public var schoolStudents: Double?
    /// The field the teachers above the required degree came from (nil where none was reported).
    public var requiredDegreeField: RequiredDegreeField?
    /// 城乡分类 as the school's return wrote it (words or a national code).
    public var urbanRural: String?

    public init(schoolCode: String, schoolName: String?, stage: Stage, schoolType: String?, students: Double?,
                excludedReason: String?, indicators: [String: Double?], classes: Double? = nil, studentsPerClass: Double? = nil,
                schoolStudents: Double? = nil, requiredDegreeField: RequiredDegreeField? = nil, urbanRural: String? = nil) {
        self.schoolCode = schoolCode
        self.schoolName = schoolName
        self.stage = stage
        self.schoolType = schoolType
        self.students = students
        self.excludedReason = excludedReason
        self.indicators = indicators
        self.classes = classes
        self.studentsPerClass = studentsPerClass
        self.schoolStudents = schoolStudents
        self.requiredDegreeField = requiredDegreeField
        self.urbanRural = urbanRural
    }
}

/// One row of `school_compliance`: a school part against one quality minimum, with the part's
/// totals repeated on each of its rows.
public struct SchoolComplianceRow: Sendable, Equatable {
    public var schoolCode: String
    public var schoolName: String?
    public var stage: Stage
    public var students: Double?
    public var excludedReason: String?
    public var indicator: String
    public var value: Double?
    public var minimum: Double
    public var met: Bool?
    public var indicatorsMet: Int
    /// The part's quality indicators without a figure.
    public var indicatorsMissing: Int
    /// 1 or 0 where the known figures decide it (a part that fails whatever its missing figures
    /// are fails); nil (无法判定) only while a missing figure could still decide it.
    public var complies: Bool?
}

/// One row of `county_targets`: a county figure against its target (the county's own plan's
/// where it has one), and where the figure comes from.
public struct CountyTargetRow: Sendable, Equatable {
    /// A county figure's origin: a cell of a county sheet, or the county's counted schools.
    public enum Source: Sendable, Equatable {
        case countySheet(file: String, sheet: String, cell: String)
        /// Computed from this many schools (books per pupil, teachers' degree shares).
        case computed(schools: Int)
    }

    public var indicator: String
    public var value: Double
    public var target: Double
    public var comparison: Comparison
    public var met: Bool
    public var source: Source

    public init(indicator: String, value: Double, target: Double, comparison: Comparison, met: Bool, source: Source) {
        self.indicator = indicator
        self.value = value
        self.target = target
        self.comparison = comparison
        self.met = met
        self.source = source
    }
}
