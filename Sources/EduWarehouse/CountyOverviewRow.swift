import EduNormalise

/// One row of `county_overview`: a county's stage beside the other counties of the year.
public struct CountyOverviewRow: Sendable, Equatable {
    public var year: Int
    public var countyCode: String
    /// The catalogue's name, else the one the county's returns write most surely; nil without either.
    public var countyName: String?
    public var stage: Stage
    /// The counted schools and their students the composite CV is computed over.
    public var schools: Int
    public var students: Double
    /// The basic standard's composite CV (nil when any basic CV is missing, `compositeGaps` saying why).
    public var basicCV: Double?
    public var basicCVLimit: Double?
    public var basicMet: Bool?
    /// 1 for the most balanced county of the year and stage (the lowest composite CV); ties share a
    /// rank; nil without a composite CV.
    public var basicRank: Int?
    public var compositeGaps: [CompositeGap]
    /// The checks' error findings on the figures the composite is computed from.
    public var auditErrors: Int
    /// The quality standard's CVs that have a value, and those within their limits.
    public var qualityCVs: Int
    public var qualityCVsMet: Int
    /// Counted schools (none left out) whose compliance is decided, those that comply, and those a
    /// missing figure leaves undecided.
    public var schoolsJudged: Int
    public var schoolsComplying: Int
    public var schoolsUndecided: Int
    /// schoolsComplying / schoolsJudged; nil when none is judged.
    public var complyingShare: Double?
    /// The county's figures with a target, and those that meet it: the county's, the same for each stage.
    public var targets: Int
    public var targetsMet: Int

    public init(year: Int, countyCode: String, countyName: String?, stage: Stage, schools: Int, students: Double, basicCV: Double?,
                basicCVLimit: Double?, basicMet: Bool?, basicRank: Int?, compositeGaps: [CompositeGap] = [], auditErrors: Int = 0,
                qualityCVs: Int, qualityCVsMet: Int, schoolsJudged: Int, schoolsComplying: Int, schoolsUndecided: Int = 0,
                complyingShare: Double?, targets: Int, targetsMet: Int) {
        self.year = year
        self.countyCode = countyCode
        self.countyName = countyName
        self.stage = stage
        self.schools = schools
        self.students = students
        self.basicCV = basicCV
        self.basicCVLimit = basicCVLimit
        self.basicMet = basicMet
        self.basicRank = basicRank
        self.compositeGaps = compositeGaps
        self.auditErrors = auditErrors
        self.qualityCVs = qualityCVs
        self.qualityCVsMet = qualityCVsMet
        self.schoolsJudged = schoolsJudged
        self.schoolsComplying = schoolsComplying
        self.schoolsUndecided = schoolsUndecided
        self.complyingShare = complyingShare
        self.targets = targets
        self.targetsMet = targetsMet
    }
}
