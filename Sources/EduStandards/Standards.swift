import EduNormalise

/// What the county summaries measure against, read from an editable file
/// (Pipelines/standards.yml): CV limits, the indicators of each standard, the quality minimums
/// and the compliance rule, the schools left out, and county rate targets.
public struct Standards: Sendable, Equatable {
    public struct Exclusion: Sendable, Equatable {
        public var schoolType: String
        /// Only schools with fewer students than this; nil: every school of the type.
        public var belowStudents: Double?
        public var reason: String

        public init(schoolType: String, belowStudents: Double?, reason: String) {
            self.schoolType = schoolType
            self.belowStudents = belowStudents
            self.reason = reason
        }
    }

    public struct Target: Sendable, Equatable {
        public var indicator: String
        public var target: Double
        public var comparison: Comparison

        public init(indicator: String, target: Double, comparison: Comparison) {
            self.indicator = indicator
            self.target = target
            self.comparison = comparison
        }
    }

    public struct QualityMinimum: Sendable, Equatable {
        public var indicator: String
        public var minimums: [Stage: Double]

        public init(indicator: String, minimums: [Stage: Double]) {
            self.indicator = indicator
            self.minimums = minimums
        }
    }

    /// The 2017 standard's scale limits: pupils per class by stage, and a school's pupils by its type
    /// (九年一贯制学校) or else its stage. Empty when the file sets none.
    public struct ScaleLimits: Sendable, Equatable {
        public var classSize: [Stage: Double]
        public var schoolSizeByStage: [Stage: Double]
        public var schoolSizeByType: [String: Double]

        public init(classSize: [Stage: Double] = [:], schoolSizeByStage: [Stage: Double] = [:], schoolSizeByType: [String: Double] = [:]) {
            self.classSize = classSize
            self.schoolSizeByStage = schoolSizeByStage
            self.schoolSizeByType = schoolSizeByType
        }
    }

    /// standard → stage (primary, junior) → limit.
    public var cvLimits: [BalanceStandard: [Stage: Double]]
    public var basicIndicators: [String]
    /// The quality indicators with their minimum per stage, in file order.
    public var qualityMinimums: [QualityMinimum]
    public var minMet: Int
    public var unmetFloor: Double
    public var exclusions: [Exclusion]
    public var countyTargets: [Target]
    public var scaleLimits: ScaleLimits
    /// A county's own plan: county code → indicator → the target it sets instead of the default.
    public var countyPlans: [String: [String: Double]]
    /// The file (or built-in name) they were read from; not part of equality.
    public var source: String

    public init(cvLimits: [BalanceStandard: [Stage: Double]], basicIndicators: [String], qualityMinimums: [QualityMinimum],
                minMet: Int, unmetFloor: Double, exclusions: [Exclusion], countyTargets: [Target],
                scaleLimits: ScaleLimits = ScaleLimits(), countyPlans: [String: [String: Double]] = [:], source: String) {
        self.cvLimits = cvLimits
        self.basicIndicators = basicIndicators
        self.qualityMinimums = qualityMinimums
        self.minMet = minMet
        self.unmetFloor = unmetFloor
        self.exclusions = exclusions
        self.countyTargets = countyTargets
        self.scaleLimits = scaleLimits
        self.countyPlans = countyPlans
        self.source = source
    }

    public var qualityIndicators: [String] { qualityMinimums.map(\.indicator) }

    public static func == (lhs: Standards, rhs: Standards) -> Bool {
        lhs.cvLimits == rhs.cvLimits && lhs.basicIndicators == rhs.basicIndicators && lhs.qualityMinimums == rhs.qualityMinimums
            && lhs.minMet == rhs.minMet && lhs.unmetFloor == rhs.unmetFloor && lhs.exclusions == rhs.exclusions
            && lhs.countyTargets == rhs.countyTargets && lhs.scaleLimits == rhs.scaleLimits && lhs.countyPlans == rhs.countyPlans
    }
}
