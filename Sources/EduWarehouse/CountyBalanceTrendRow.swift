import EduNormalise
import EduStandards

/// One row of `county_balance_trend`: a county's CV and mean of one indicator in one year, beside
/// the previous year the warehouse holds for it (not necessarily the year before) and the change.
public struct CountyBalanceTrendRow: Sendable, Equatable {
    public var year: Int
    public var stage: Stage
    public var standard: BalanceStandard
    /// An indicator id of school_indicators, or `composite` (basic standard, no mean).
    public var indicator: String
    public var mean: Double?
    public var cv: Double?
    /// nil in the first year the warehouse holds for the indicator.
    public var previousYear: Int?
    public var previousMean: Double?
    public var previousCV: Double?
    /// This year's figure minus the previous year's; nil where either is missing.
    public var meanChange: Double?
    public var cvChange: Double?

    public init(year: Int, stage: Stage, standard: BalanceStandard, indicator: String, mean: Double?, cv: Double?,
                previousYear: Int? = nil, previousMean: Double? = nil, previousCV: Double? = nil,
                meanChange: Double? = nil, cvChange: Double? = nil) {
        self.year = year
        self.stage = stage
        self.standard = standard
        self.indicator = indicator
        self.mean = mean
        self.cv = cv
        self.previousYear = previousYear
        self.previousMean = previousMean
        self.previousCV = previousCV
        self.meanChange = meanChange
        self.cvChange = cvChange
    }
}
