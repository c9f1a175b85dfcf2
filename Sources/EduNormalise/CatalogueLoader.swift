import EduConfig
import Foundation
import Yams

/// Reads a catalogue file (YAML), refusing a broken one with the line it broke on: a YAML
/// syntax error, a missing or mistyped key, an unknown unit, an alias two fields claim.
public enum CatalogueLoader {
    public static func load(path: String) throws(CatalogueError) -> Catalogue {
        let text: String
        do {
            text = try ConfigDocument.read(path, what: "the catalogue")
        } catch {
            throw CatalogueError(file: path, line: error.line, problem: error.problem)
        }
        return try parse(text, source: path)
    }

    /// The catalogue when none is named: $EDUETL_CATALOGUE, else Pipelines/catalogue.yml in the
    /// working directory, else the one built into the binary.
    public static func loadDefault() throws(CatalogueError) -> Catalogue {
        switch DefaultConfig.resolve(environment: "EDUETL_CATALOGUE", file: defaultPath, builtIn: BuiltInDefaults.catalogue, what: "catalogue") {
        case .file(let path): return try load(path: path)
        case .builtIn(let text, let source): return try parse(text, source: source)
        }
    }

    public static let defaultPath = "Pipelines/catalogue.yml"

    /// A pipeline's catalogue: the file it names; the default path, where the pipeline left it so and
    /// no such file is there, is the built-in one.
    public static func load(pipelineCatalogue path: String) throws(CatalogueError) -> Catalogue {
        if path == defaultPath, !FileManager.default.fileExists(atPath: path) { return try loadDefault() }
        return try load(path: path)
    }

    public static func parse(_ text: String, source: String) throws(CatalogueError) -> Catalogue {
        let root: Node
        do {
            root = try ConfigDocument.compose(text, what: "the catalogue")
        } catch {
            throw CatalogueError(file: source, line: error.line, problem: error.problem)
        }
        return try CatalogueReader(source: source).catalogue(from: root)
    }
}

/// Turns the YAML tree into a Catalogue, each complaint naming the node's line.
struct CatalogueReader {
    let source: String

    func fail(_ node: Node?, _ problem: String) -> CatalogueError {
        CatalogueError(file: source, line: node?.mark?.line, problem: problem)
    }

    func catalogue(from root: Node) throws(CatalogueError) -> Catalogue {
        guard root.mapping != nil else { throw fail(root, "the catalogue must be a mapping with fields, units and rows") }
        let units = try sequence(root, "units").map { node throws(CatalogueError) in try unit(node) }
        let knownUnits = Set(units.map(\.unit))
        var fields: [FieldDefinition] = []
        var aliasOwners: [String: String] = [:]
        for node in try sequence(root, "fields") {
            let field = try field(node, knownUnits: knownUnits)
            if fields.contains(where: { $0.id == field.id }) { throw fail(node, "the field '\(field.id)' is defined twice") }
            for alias in field.foldedAliases {
                if let owner = aliasOwners[alias], owner != field.id {
                    let item = node["aliases"]?.sequence?.first { HeaderText.fold($0.scalar?.string ?? "") == alias }
                    throw fail(item ?? node, "the alias '\(alias)' of '\(field.id)' is already an alias of '\(owner)'")
                }
                aliasOwners[alias] = field.id
            }
            fields.append(field)
        }
        let rows = try mapping(root, "rows")
        let types = try sequence(root, "school_types").map { node throws(CatalogueError) in try schoolType(node) }
        let stagesNode = try mapping(root, "stages")
        var stageWords: [Stage: [String]] = [:]
        for stage in Stage.schoolStages {
            // senior and preschool came later: a catalogue written before them still loads.
            stageWords[stage] = try strings(stagesNode, stage.rawValue, required: Stage.compulsory.contains(stage) || stage == .wholeSchool)
        }
        var catalogue = Catalogue(fields: fields, units: units, globalExclusions: try strings(root, "exclude", required: false),
                                  totalsWords: try strings(rows, "totals"), noteWords: try strings(rows, "notes"),
                                  schoolTypes: types, stageWords: stageWords, source: source)
        let townships = try strings(rows, "townships", required: false)
        if !townships.isEmpty { catalogue.townshipSuffixes = townships.map(HeaderText.fold) }
        if root["counties"] != nil {
            catalogue.counties = try sequence(root, "counties").map { node throws(CatalogueError) in
                County(code: try string(node, "code"), name: try string(node, "name"))
            }
        }
        return catalogue
    }

    func field(_ node: Node, knownUnits: Set<String>) throws(CatalogueError) -> FieldDefinition {
        let id = try string(node, "id")
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw fail(node["id"], "the field id '\(id)' must be lower-case ASCII letters, digits and _")
        }
        let kindText = try string(node, "kind")
        guard let kind = FieldDefinition.Kind(rawValue: kindText) else {
            throw fail(node["kind"], "the kind '\(kindText)' of '\(id)' is not identity, count, measure or rate")
        }
        var unit: String?
        if kind != .identity {
            let name = try string(node, "unit")
            guard knownUnits.contains(name) else { throw fail(node["unit"], "the unit '\(name)' of '\(id)' is not among the units") }
            unit = name
        }
        return FieldDefinition(id: id, name: try string(node, "name"), kind: kind, unit: unit,
                               aliases: try strings(node, "aliases", required: false),
                               exclusions: try strings(node, "exclude", required: false),
                               weakAliases: try strings(node, "weak_aliases", required: false),
                               weakExclusions: try strings(node, "weak_exclude", required: false),
                               groupAliases: try strings(node, "group_aliases", required: false))
    }

    func unit(_ node: Node) throws(CatalogueError) -> UnitDefinition {
        var factor = 1.0
        if let factorNode = node["factor"] {
            guard let value = factorNode.float ?? factorNode.int.map(Double.init), value > 0 else {
                throw fail(factorNode, "the factor must be a positive number")
            }
            factor = value
        }
        return UnitDefinition(spelling: try string(node, "spelling"), unit: try string(node, "unit"),
                              dimension: try string(node, "dimension"), factor: factor)
    }

    func schoolType(_ node: Node) throws(CatalogueError) -> SchoolTypeDefinition {
        let stageNames = try strings(node, "stages")
        var stages: [Stage] = []
        for name in stageNames {
            guard let stage = Stage(rawValue: name), Stage.parts.contains(stage) else { throw fail(node["stages"], "the stage '\(name)' is not primary, junior, senior or preschool") }
            stages.append(stage)
        }
        return SchoolTypeDefinition(words: try strings(node, "words"), type: try string(node, "type"), stages: stages)
    }

    // MARK: typed access, each complaint naming the line

    func string(_ node: Node, _ key: String) throws(CatalogueError) -> String {
        guard let value = node[key] else { throw fail(node, "'\(key)' is missing") }
        guard let text = value.scalar?.string, !text.isEmpty else { throw fail(value, "'\(key)' must be text") }
        return text
    }

    func strings(_ node: Node, _ key: String, required: Bool = true) throws(CatalogueError) -> [String] {
        guard let value = node[key] else {
            if required { throw fail(node, "'\(key)' is missing") }
            return []
        }
        guard let items = value.sequence else { throw fail(value, "'\(key)' must be a list") }
        var texts: [String] = []
        for item in items {
            guard let text = item.scalar?.string, !text.isEmpty else { throw fail(item, "the items of '\(key)' must be text") }
            texts.append(text)
        }
        return texts
    }

    func sequence(_ node: Node, _ key: String) throws(CatalogueError) -> [Node] {
        guard let value = node[key] else { throw fail(node, "'\(key)' is missing") }
        guard let items = value.sequence else { throw fail(value, "'\(key)' must be a list") }
        return Array(items)
    }

    func mapping(_ node: Node, _ key: String) throws(CatalogueError) -> Node {
        guard let value = node[key] else { throw fail(node, "'\(key)' is missing") }
        guard value.mapping != nil else { throw fail(value, "'\(key)' must be a mapping") }
        return value
    }
}
