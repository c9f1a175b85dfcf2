import EduNormalise

/// A counted school part whose basic-standard indicator changed between two years the warehouse
/// holds for its county: the value of each year, the change, and the change relative to the
/// earlier value (the ranking: the largest relative changes, up or down, first).
public struct SchoolMoverRow: Sendable, Equatable {
    public var schoolCode: String
    public var schoolName: String?
    public var stage: Stage
    public var indicator: String
    public var previousYear: Int
    public var previousValue: Double
    public var year: Int
    public var value: Double
    /// value − previous value.
    public var change: Double
    /// (value − previous value) ÷ previous value: 0.25 for a rise of a quarter.
    public var relativeChange: Double

    public init(schoolCode: String, schoolName: String?, stage: Stage, indicator: String, previousYear: Int, previousValue: Double,
                year: Int, value: Double, change: Double, relativeChange: Double) {
        self.schoolCode = schoolCode
        self.schoolName = schoolName
        self.stage = stage
        self.indicator = indicator
        self.previousYear = previousYear
        self.previousValue = previousValue
        self.year = year
        self.value = value
        self.change = change
        self.relativeChange = relativeChange
    }
}
