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
    public var cvMet: Bool?

    public init(stage: Stage, standard: BalanceStandard, indicator: String, schools: Int, students: Double, mean: Double?,
                cv: Double?, cvLimit: Double, cvMet: Bool?) {
        self.stage = stage
        self.standard = standard
        self.indicator = indicator
        self.schools = schools
        self.students = students
        self.mean = mean
        self.cv = cv
        self.cvLimit = cvLimit
        self.cvMet = cvMet
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

    public init(schoolCode: String, schoolName: String?, stage: Stage, schoolType: String?, students: Double?,
                excludedReason: String?, indicators: [String: Double?]) {
        self.schoolCode = schoolCode
        self.schoolName = schoolName
        self.stage = stage
        self.schoolType = schoolType
        self.students = students
        self.excludedReason = excludedReason
        self.indicators = indicators
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
    public var complies: Bool?
}

/// One row of `county_targets`: a county rate against its target.
public struct CountyTargetRow: Sendable, Equatable {
    public var indicator: String
    public var value: Double
    public var target: Double
    public var comparison: Comparison
    public var met: Bool

    public init(indicator: String, value: Double, target: Double, comparison: Comparison, met: Bool) {
        self.indicator = indicator
        self.value = value
        self.target = target
        self.comparison = comparison
        self.met = met
    }
}
