/// What the county summaries measure against, read from an editable file
/// (Pipelines/standards.yml): CV limits, the indicators of each standard, the quality minimums
/// and the compliance rule, the schools left out, and county rate targets.
public struct Standards: Sendable, Equatable {
    public struct Exclusion: Sendable, Equatable {
        public var schoolType: String
        /// Only schools with fewer students than this; nil: every school of the type.
        public var belowStudents: Double?
        public var reason: String
    }

    public struct Target: Sendable, Equatable {
        public var indicator: String
        public var target: Double
        /// ">=" or "<=".
        public var comparison: String
    }

    /// standard ("basic", "quality") → stage ("primary", "junior") → limit.
    public var cvLimits: [String: [String: Double]]
    public var basicIndicators: [String]
    /// indicator → stage → minimum, in file order.
    public var qualityMinimums: [(indicator: String, minimums: [String: Double])]
    public var minMet: Int
    public var unmetFloor: Double
    public var exclusions: [Exclusion]
    public var countyTargets: [Target]
    public var source: String

    public var qualityIndicators: [String] { qualityMinimums.map(\.indicator) }

    public static func == (lhs: Standards, rhs: Standards) -> Bool {
        lhs.cvLimits == rhs.cvLimits && lhs.basicIndicators == rhs.basicIndicators
            && lhs.qualityMinimums.map(\.indicator) == rhs.qualityMinimums.map(\.indicator)
            && lhs.qualityMinimums.map(\.minimums) == rhs.qualityMinimums.map(\.minimums)
            && lhs.minMet == rhs.minMet && lhs.unmetFloor == rhs.unmetFloor && lhs.exclusions == rhs.exclusions
            && lhs.countyTargets == rhs.countyTargets
    }

    /// The per-school indicators the school_indicators view computes, with their inputs:
    /// numerator field, and 1 or 100 for per-student and per-100-students figures.
    public static let derivedIndicators: [(id: String, field: String, scale: Double)] = [
        ("teaching_aux_area_per_student", "teaching_aux_area", 1),
        ("sports_area_per_student", "sports_area", 1),
        ("equipment_value_per_student", "equipment_value", 1),
        ("computers_per_100_students", "computers", 100),
        ("books_per_student", "books", 1),
        ("teachers_per_student", "full_time_teachers", 1),
        ("teachers_above_required_degree_per_student", "teachers_above_required_degree", 1),
        ("teachers_mid_senior_title_per_student", "teachers_mid_senior_title", 1),
        ("teachers_above_required_degree_per_100_students", "teachers_above_required_degree", 100),
        ("backbone_teachers_per_100_students", "backbone_teachers", 100),
        ("pe_arts_teachers_per_100_students", "pe_arts_teachers", 100),
        ("multimedia_classrooms_per_100_students", "multimedia_classrooms", 100),
    ]
}
