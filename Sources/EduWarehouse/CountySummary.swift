/// What the county summaries report, read from the warehouse's views: the balance CVs, every
/// school's indicators (and why a school is left out), the quality compliance, county targets.
/// Reports format this; they run no SQL of their own.
public struct CountySummary: Sendable {
    public var year: Int
    public var countyCode: String
    public var countyName: String?
    public var balance: [BalanceRow]
    public var schools: [SchoolRow]
    public var compliance: [ComplianceRow]
    public var targets: [TargetRow]
    /// The indicators of each standard, in the standards file's order.
    public var basicIndicators: [String]
    public var qualityIndicators: [String]
    /// The loaded files the figures come from.
    public var sourceFiles: [String]

    /// One row of county_balance.
    public struct BalanceRow: Sendable, Equatable {
        public var stage: String
        public var standard: String
        public var indicator: String
        public var schools: Int
        public var students: Double
        public var mean: Double?
        public var cv: Double?
        public var cvLimit: Double
        public var cvMet: Bool?
    }

    /// One row of school_indicators.
    public struct SchoolRow: Sendable, Equatable {
        public var schoolCode: String
        public var schoolName: String?
        public var stage: String
        public var schoolType: String?
        public var students: Double?
        public var excludedReason: String?
        /// Indicator id → value (nil where an input is missing).
        public var indicators: [String: Double?]
    }

    /// One school and stage of school_compliance.
    public struct ComplianceRow: Sendable, Equatable {
        public struct Item: Sendable, Equatable {
            public var indicator: String
            public var value: Double?
            public var minimum: Double
            public var met: Bool?
        }

        public var schoolCode: String
        public var schoolName: String?
        public var stage: String
        public var students: Double?
        public var excludedReason: String?
        public var items: [Item]
        public var indicatorsMet: Int
        public var complies: Bool?
    }

    /// One row of county_targets.
    public struct TargetRow: Sendable, Equatable {
        public var indicator: String
        public var value: Double
        public var target: Double
        public var comparison: String
        public var met: Bool
    }
}
