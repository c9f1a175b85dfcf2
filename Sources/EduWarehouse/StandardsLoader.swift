import EduConfig
import Foundation
import Yams

/// Reads Pipelines/standards.yml, refusing a broken file with the line it broke on.
public enum StandardsLoader {
    public static func load(path: String) throws -> Standards {
        let text: String
        do {
            text = try ConfigDocument.read(path, what: "the standards file")
        } catch {
            throw StandardsError(file: path, line: error.line, problem: error.problem)
        }
        return try parse(text, source: path)
    }

    public static let defaultPath = "Pipelines/standards.yml"

    /// The standards when none are named: $EDUETL_STANDARDS, else Pipelines/standards.yml in the
    /// working directory, else the ones built into the binary.
    public static func loadDefault() throws -> Standards {
        switch DefaultConfig.resolve(environment: "EDUETL_STANDARDS", file: defaultPath, builtIn: BuiltInDefaults.standards, what: "standards") {
        case .file(let path): return try load(path: path)
        case .builtIn(let text, let source): return try parse(text, source: source)
        }
    }

    /// A pipeline's standards: the file it names; the default path, where no such file is there,
    /// is the built-in one.
    public static func load(pipelineStandards path: String) throws -> Standards {
        if path == defaultPath, !FileManager.default.fileExists(atPath: path) { return try loadDefault() }
        return try load(path: path)
    }

    public static func parse(_ text: String, source: String) throws -> Standards {
        let root: Node
        do {
            root = try ConfigDocument.compose(text, what: "the standards file")
        } catch {
            throw StandardsError(file: source, line: error.line, problem: error.problem)
        }
        let reader = Reader(source: source)
        let indicators = Set(Standards.derivedIndicators.map(\.id))
        var limits: [String: [String: Double]] = [:]
        for (key, value) in try reader.mapping(root, "cv_limits") {
            guard let standard = key.string, ["basic", "quality"].contains(standard) else {
                throw reader.fail(key, "cv_limits are given for 'basic' and 'quality'")
            }
            limits[standard] = try reader.stageNumbers(value)
        }
        let basic = try reader.strings(root, "basic_indicators")
        for (index, id) in basic.enumerated() where !indicators.contains(id) {
            throw reader.fail(root["basic_indicators"]?.sequence?[index], "'\(id)' is not an indicator the views compute")
        }
        var minimums: [(String, [String: Double])] = []
        for (key, value) in try reader.mapping(root, "quality_minimums") {
            guard let id = key.string, indicators.contains(id) else {
                throw reader.fail(key, "'\(key.string ?? "")' is not an indicator the views compute")
            }
            minimums.append((id, try reader.stageNumbers(value)))
        }
        let compliance = try reader.node(root, "compliance")
        let exclusions = try reader.sequence(root, "exclusions").map { node in
            Standards.Exclusion(schoolType: try reader.string(node, "school_type"), belowStudents: node["below_students"].flatMap(reader.number),
                                reason: try reader.string(node, "reason"))
        }
        var targets: [Standards.Target] = []
        if root["county_targets"] != nil {
            for (key, value) in try reader.mapping(root, "county_targets") {
                let comparison = try reader.string(value, "comparison")
                guard [">=", "<="].contains(comparison) else { throw reader.fail(value["comparison"], "comparison must be \">=\" or \"<=\"") }
                targets.append(Standards.Target(indicator: key.string ?? "", target: try reader.number(value, "target"), comparison: comparison))
            }
        }
        return Standards(cvLimits: limits, basicIndicators: basic, qualityMinimums: minimums,
                         minMet: Int(try reader.number(compliance, "min_met")), unmetFloor: try reader.number(compliance, "unmet_floor"),
                         exclusions: exclusions, countyTargets: targets, source: source)
    }

    struct Reader {
        let source: String

        func fail(_ node: Node?, _ problem: String) -> StandardsError {
            StandardsError(file: source, line: node?.mark?.line, problem: problem)
        }

        func node(_ parent: Node, _ key: String) throws -> Node {
            guard let value = parent[key] else { throw fail(parent, "'\(key)' is missing") }
            return value
        }

        func mapping(_ parent: Node, _ key: String) throws -> [(Node, Node)] {
            let value = try node(parent, key)
            guard let mapping = value.mapping else { throw fail(value, "'\(key)' must be a mapping") }
            return mapping.map { ($0.key, $0.value) }
        }

        func sequence(_ parent: Node, _ key: String) throws -> [Node] {
            let value = try node(parent, key)
            guard let items = value.sequence else { throw fail(value, "'\(key)' must be a list") }
            return Array(items)
        }

        func strings(_ parent: Node, _ key: String) throws -> [String] {
            try sequence(parent, key).map { item in
                guard let text = item.string else { throw fail(item, "the items of '\(key)' must be text") }
                return text
            }
        }

        func string(_ parent: Node, _ key: String) throws -> String {
            let value = try node(parent, key)
            guard let text = value.string, !text.isEmpty else { throw fail(value, "'\(key)' must be text") }
            return text
        }

        func number(_ node: Node) -> Double? {
            node.float ?? node.int.map(Double.init)
        }

        func number(_ parent: Node, _ key: String) throws -> Double {
            let value = try node(parent, key)
            guard let number = number(value) else { throw fail(value, "'\(key)' must be a number") }
            return number
        }

        func stageNumbers(_ node: Node) throws -> [String: Double] {
            guard let mapping = node.mapping else { throw fail(node, "give a number for primary and junior") }
            var result: [String: Double] = [:]
            for (key, value) in mapping {
                guard let stage = key.string, ["primary", "junior"].contains(stage) else { throw fail(key, "stages are 'primary' and 'junior'") }
                guard let number = number(value) else { throw fail(value, "'\(stage)' must be a number") }
                result[stage] = number
            }
            guard result.count == 2 else { throw fail(node, "give a number for both primary and junior") }
            return result
        }
    }
}

public struct StandardsError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var problem: String

    public var description: String {
        "\(file)\(line.map { " line \($0)" } ?? ""): \(problem); fix the standards file and run again."
    }
}
