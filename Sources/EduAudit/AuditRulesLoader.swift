import EduConfig

/// Reads Pipelines/checks.yml, refusing a broken file with the line it broke on.
public enum AuditRulesLoader {
    static let what = "the checks file"

    public static let defaultPath = "Pipelines/checks.yml"

    /// The checks when none are named: $EDUETL_CHECKS, else Pipelines/checks.yml in the working
    /// directory, else the ones built into the binary.
    public static func loadDefault() throws(ConfigError) -> AuditRules {
        try load(pipelineChecks: defaultPath)
    }

    /// A pipeline's checks: the file it names; the default path is the default as on the command line.
    public static func load(pipelineChecks path: String) throws(ConfigError) -> AuditRules {
        switch DefaultConfig.resolve(named: path, environment: "EDUETL_CHECKS", file: defaultPath, builtIn: BuiltInDefaults.checks,
                                     what: "checks") {
        case .file(let path): return try load(path: path)
        case .builtIn(let text, let source): return try parse(text, source: source)
        }
    }

    public static func load(path: String) throws(ConfigError) -> AuditRules {
        try read(ConfigDocument.load(path, what: what))
    }

    public static func parse(_ text: String, source: String) throws(ConfigError) -> AuditRules {
        try read(ConfigDocument.parse(text, file: source, what: what))
    }

    static func read(_ root: ConfigNode) throws(ConfigError) -> AuditRules {
        var result = AuditRules(rules: [:], source: root.file)
        for (key, node) in try root.mapping("rules") {
            guard let name = key.text, let id = AuditRuleID(rawValue: name) else {
                let known = AuditRuleID.allCases.map(\.rawValue).joined(separator: ", ")
                throw key.fail("'\(key.text ?? "")' is not a check eduetl knows (\(known))")
            }
            switch id {
            case .classSize:
                result.classSizeBands = try classSizeBands(node)
            default:
                result.rules[id] = try rule(node)
            }
            switch id {
            case .subsetExceedsTotal:
                for item in try node.sequence("pairs") {
                    result.pairs.append(AuditRules.Pair(part: try item.string("part"), whole: try item.string("whole")))
                }
            case .partsVsWhole:
                result.partsFields = try node.strings("fields")
                result.partsTolerance = try tolerance(node)
            case .breakdownVsTotal:
                result.breakdownTolerance = try tolerance(node)
            case .perStudentRange:
                for (field, bound) in try node.mapping("bounds") {
                    let minimum = bound["min"]?.number, maximum = bound["max"]?.number
                    guard minimum != nil || maximum != nil else { throw bound.fail("give 'min', 'max' or both") }
                    if let minimum, let maximum, minimum >= maximum { throw bound.fail("'min' must be below 'max'") }
                    result.bounds.append(AuditRules.Bound(field: field.text ?? "", minimum: minimum, maximum: maximum,
                                                          hint: bound["hint"]?.text ?? ""))
                }
            case .yearOverYear:
                for (field, share) in try node.mapping("changes") {
                    guard let value = share.number, value > 0 else { throw share.fail("a change is a share above 0 (0.30 is ±30%)") }
                    result.yearOverYear[field.text ?? ""] = value
                }
            case .missingRequired:
                result.requiredFields = try node.strings("fields")
            case .negativeValue, .classSize:
                break
            }
        }
        return result
    }

    static func rule(_ node: ConfigNode) throws(ConfigError) -> AuditRules.Rule {
        let name = try node.string("severity")
        guard let severity = AuditSeverity(rawValue: name) else {
            throw (node["severity"] ?? node).fail("severity is 'error' or 'warning', not '\(name)'")
        }
        let message = try node.string("message")
        guard !message.isEmpty else { throw (node["message"] ?? node).fail("the message is empty") }
        return AuditRules.Rule(severity: severity, message: message)
    }

    static func tolerance(_ node: ConfigNode) throws(ConfigError) -> Double {
        guard let tolerance = node["tolerance"] else { return 0 }
        guard let value = tolerance.number, value >= 0 else { throw tolerance.fail("the tolerance is a number, 0 or more") }
        return value
    }

    /// class_size: named bands, each `above:` or `below:` a number of pupils per class.
    static func classSizeBands(_ node: ConfigNode) throws(ConfigError) -> [AuditRules.ClassSizeBand] {
        guard let entries = node.entries else { throw node.fail("give the bands: large: {above: 56, severity: …, message: …}") }
        var bands: [AuditRules.ClassSizeBand] = []
        for (key, band) in entries {
            let side: AuditRules.ClassSizeBand.Side
            let limit: Double
            if let above = band["above"]?.number {
                (side, limit) = (.above, above)
            } else if let below = band["below"]?.number {
                (side, limit) = (.below, below)
            } else {
                throw band.fail("a band is 'above' or 'below' a number of pupils per class")
            }
            guard limit > 0 else { throw band.fail("the limit must be above 0") }
            bands.append(AuditRules.ClassSizeBand(name: key.text ?? "", side: side, limit: limit, rule: try rule(band)))
        }
        return bands
    }
}
