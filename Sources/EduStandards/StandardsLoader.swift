import EduConfig
import EduNormalise
import Foundation

/// Reads Pipelines/standards.yml, refusing a broken file with the line it broke on.
public enum StandardsLoader {
    public static func load(path: String) throws(StandardsError) -> Standards {
        try read(ConfigDocument.load(path, what: what))
    }

    static let what = "the standards file"

    public static let defaultPath = "Pipelines/standards.yml"

    /// The standards when none are named: $EDUETL_STANDARDS, else Pipelines/standards.yml in the
    /// working directory, else the ones built into the binary.
    public static func loadDefault() throws(StandardsError) -> Standards {
        try load(pipelineStandards: defaultPath)
    }

    /// A pipeline's standards: the file it names; the default path, where the pipeline left it so,
    /// is the default as on the command line ($EDUETL_STANDARDS, the file, the built-in ones).
    public static func load(pipelineStandards path: String) throws(StandardsError) -> Standards {
        switch DefaultConfig.resolve(named: path, environment: "EDUETL_STANDARDS", file: defaultPath, builtIn: BuiltInDefaults.standards,
                                     what: "standards") {
        case .file(let path): return try load(path: path)
        case .builtIn(let text, let source): return try parse(text, source: source)
        }
    }

    public static func parse(_ text: String, source: String) throws(StandardsError) -> Standards {
        try read(ConfigDocument.parse(text, file: source, what: what))
    }

    static func read(_ root: ConfigNode) throws(StandardsError) -> Standards {
        let indicators = Set(DerivedIndicator.all.map(\.id))
        var limits: [BalanceStandard: [Stage: Double]] = [:]
        for (key, value) in try root.mapping("cv_limits") {
            guard let standard = key.text.flatMap(BalanceStandard.init(rawValue:)) else {
                throw key.fail("cv_limits are given for 'basic' and 'quality'")
            }
            limits[standard] = try stageNumbers(value)
        }
        let basic = try root.strings("basic_indicators")
        for (index, id) in basic.enumerated() where !indicators.contains(id) {
            throw (root["basic_indicators"]?.items?[index] ?? root).fail("'\(id)' is not an indicator the views compute")
        }
        var minimums: [Standards.QualityMinimum] = []
        for (key, value) in try root.mapping("quality_minimums") {
            guard let id = key.text, indicators.contains(id) else {
                throw key.fail("'\(key.text ?? "")' is not an indicator the views compute")
            }
            minimums.append(Standards.QualityMinimum(indicator: id, minimums: try stageNumbers(value)))
        }
        let compliance = try root.child("compliance")
        var exclusions: [Standards.Exclusion] = []
        for node in try root.sequence("exclusions") {
            exclusions.append(Standards.Exclusion(schoolType: try node.string("school_type"), belowStudents: node["below_students"]?.number,
                                                  reason: try node.string("reason")))
        }
        var targets: [Standards.Target] = []
        if root["county_targets"] != nil {
            for (key, value) in try root.mapping("county_targets") {
                guard let comparison = Comparison(rawValue: try value.string("comparison")) else {
                    throw (value["comparison"] ?? value).fail("comparison must be \">=\" or \"<=\"")
                }
                targets.append(Standards.Target(indicator: key.text ?? "", target: try value.number("target"), comparison: comparison))
            }
        }
        let minMet = try compliance.number("min_met")
        guard minMet == minMet.rounded(), (0...100).contains(minMet) else {
            throw (compliance["min_met"] ?? compliance).fail("'min_met' must be a whole number of indicators")
        }
        return Standards(cvLimits: limits, basicIndicators: basic, qualityMinimums: minimums,
                         minMet: Int(minMet), unmetFloor: try compliance.number("unmet_floor"),
                         exclusions: exclusions, countyTargets: targets, scaleLimits: try scaleLimits(root),
                         countyPlans: try countyPlans(root, targets: targets), source: root.file)
    }

    /// class_size and school_size, both optional (a file written before them sets none).
    static func scaleLimits(_ root: ConfigNode) throws(StandardsError) -> Standards.ScaleLimits {
        var limits = Standards.ScaleLimits()
        if let classSize = root["class_size"] { limits.classSize = try stageNumbers(classSize) }
        if let schoolSize = root["school_size"] {
            if let stages = schoolSize["stages"] { limits.schoolSizeByStage = try stageNumbers(stages) }
            if schoolSize["school_types"] != nil {
                for (key, value) in try schoolSize.mapping("school_types") {
                    guard let type = key.text, !type.isEmpty else { throw key.fail("a school type (九年一贯制学校 …) is expected") }
                    guard let number = value.number, number > 0 else { throw value.fail("'\(type)' must be a number of pupils") }
                    limits.schoolSizeByType[type] = number
                }
            }
        }
        return limits
    }

    /// county_plans: per county code, targets that differ from county_targets' (optional).
    static func countyPlans(_ root: ConfigNode, targets: [Standards.Target]) throws(StandardsError) -> [String: [String: Double]] {
        guard root["county_plans"]?.entries?.isEmpty == false else { return [:] }
        let known = Set(targets.map(\.indicator))
        var plans: [String: [String: Double]] = [:]
        for (key, value) in try root.mapping("county_plans") {
            guard let county = key.text, county.count == 6, county.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw key.fail("county_plans are keyed by a six-digit county code (\"360321\")")
            }
            guard let entries = value.entries else { throw value.fail("give the plan's targets: indicator: number") }
            for (indicatorKey, number) in entries {
                guard let indicator = indicatorKey.text, known.contains(indicator) else {
                    throw indicatorKey.fail("'\(indicatorKey.text ?? "")' is not among county_targets")
                }
                guard let target = number.number else { throw number.fail("'\(indicator)' must be a number") }
                plans[county, default: [:]][indicator] = target
            }
        }
        return plans
    }

    /// A number for primary and for junior.
    static func stageNumbers(_ node: ConfigNode) throws(StandardsError) -> [Stage: Double] {
        guard let entries = node.entries else { throw node.fail("give a number for primary and junior") }
        var result: [Stage: Double] = [:]
        for (key, value) in entries {
            guard let stage = key.text.flatMap(Stage.init(rawValue:)), Stage.compulsory.contains(stage) else {
                throw key.fail("stages are 'primary' and 'junior'")
            }
            guard let number = value.number else { throw value.fail("'\(stage.rawValue)' must be a number") }
            result[stage] = number
        }
        guard result.count == Stage.compulsory.count else { throw node.fail("give a number for both primary and junior") }
        return result
    }
}

/// A standards file that cannot be used, with the line it broke on.
public typealias StandardsError = ConfigError
