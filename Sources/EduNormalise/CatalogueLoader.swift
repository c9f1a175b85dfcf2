import EduConfig
import Foundation

/// Reads a catalogue file (YAML), refusing a broken one with the line it broke on: a YAML
/// syntax error, a missing or mistyped key, an unknown unit, an alias two fields claim.
public enum CatalogueLoader {
    public static func load(path: String) throws(CatalogueError) -> Catalogue {
        try CatalogueReader().catalogue(from: ConfigDocument.load(path, what: "the catalogue"))
    }

    /// The catalogue when none is named: $EDUETL_CATALOGUE, else Pipelines/catalogue.yml in the
    /// working directory, else the one built into the binary.
    public static func loadDefault() throws(CatalogueError) -> Catalogue {
        try load(pipelineCatalogue: defaultPath)
    }

    public static let defaultPath = "Pipelines/catalogue.yml"

    /// A pipeline's catalogue: the file it names; the default path, where the pipeline left it so,
    /// is the default as on the command line ($EDUETL_CATALOGUE, the file, the built-in one).
    public static func load(pipelineCatalogue path: String) throws(CatalogueError) -> Catalogue {
        switch DefaultConfig.resolve(named: path, environment: "EDUETL_CATALOGUE", file: defaultPath, builtIn: BuiltInDefaults.catalogue,
                                     what: "catalogue") {
        case .file(let path): return try load(path: path)
        case .builtIn(let text, let source): return try parse(text, source: source)
        }
    }

    public static func parse(_ text: String, source: String) throws(CatalogueError) -> Catalogue {
        try CatalogueReader().catalogue(from: ConfigDocument.parse(text, file: source, what: "the catalogue"))
    }
}

/// Turns the YAML tree into a Catalogue, each complaint naming the node's line.
struct CatalogueReader {
    func catalogue(from root: ConfigNode) throws(CatalogueError) -> Catalogue {
        guard root.isMapping else { throw root.fail("the catalogue must be a mapping with fields, units and rows") }
        var units: [UnitDefinition] = []
        for node in try root.sequence("units") { units.append(try unit(node)) }
        let knownUnits = Set(units.map(\.unit))
        var fields: [FieldDefinition] = []
        var aliasOwners: [String: String] = [:]
        for node in try root.sequence("fields") {
            let field = try field(node, knownUnits: knownUnits)
            if fields.contains(where: { $0.id == field.id }) { throw node.fail("the field '\(field.id)' is defined twice") }
            for alias in field.foldedAliases {
                if let owner = aliasOwners[alias], owner != field.id {
                    let item = node["aliases"]?.items?.first { HeaderText.fold($0.text ?? "") == alias }
                    throw (item ?? node).fail("the alias '\(alias)' of '\(field.id)' is already an alias of '\(owner)'")
                }
                aliasOwners[alias] = field.id
            }
            fields.append(field)
        }
        for node in try root.sequence("fields") {
            guard let target = node["alternative_to"] else { continue }
            let id = try node.string("id")
            guard let name = target.text, let index = fields.firstIndex(where: { $0.id == id }) else { continue }
            guard name != id, let other = fields.first(where: { $0.id == name }), other.alternativeTo == nil else {
                throw target.fail("'\(id)' is an alternative to '\(name)', which is not another field of the catalogue (nor itself an alternative)")
            }
            guard fields[index].unit == other.unit, fields[index].kind == other.kind else {
                throw target.fail("'\(id)' is an alternative to '\(name)' but not of its kind and unit")
            }
            fields[index].alternativeTo = name
        }
        for node in try root.sequence("fields") {
            guard let target = node["part_of"] else { continue }
            let id = try node.string("id")
            guard let name = target.text, let index = fields.firstIndex(where: { $0.id == id }) else { continue }
            guard name != id, fields.contains(where: { $0.id == name }) else {
                throw target.fail("'\(id)' is a part of '\(name)', which is not another field of the catalogue")
            }
            fields[index].partOf = name
        }
        let rows = try mapping(root, "rows")
        var types: [SchoolTypeDefinition] = []
        for node in try root.sequence("school_types") { types.append(try schoolType(node)) }
        let stagesNode = try mapping(root, "stages")
        var stageWords: [Stage: [String]] = [:]
        for stage in Stage.schoolStages {
            // senior and preschool came later: a catalogue written before them still loads.
            stageWords[stage] = try stagesNode.strings(stage.rawValue, required: Stage.compulsory.contains(stage) || stage == .wholeSchool)
        }
        var catalogue = Catalogue(fields: fields, units: units, globalExclusions: try root.strings("exclude", required: false),
                                  totalsWords: try rows.strings("totals"), noteWords: try rows.strings("notes"),
                                  schoolTypes: types, stageWords: stageWords, source: root.file)
        catalogue.emptyMarkers = try emptyMarkers(root)
        let townships = try rows.strings("townships", required: false)
        if !townships.isEmpty { catalogue.townshipSuffixes = townships.map(HeaderText.fold) }
        if root["breakdowns"] != nil {
            catalogue.breakdownExclusions = try mapping(root, "breakdowns").strings("not_parts").map(HeaderText.fold)
        }
        if root["counties"] != nil {
            for node in try root.sequence("counties") {
                catalogue.counties.append(County(code: try node.string("code"), name: try node.string("name")))
            }
        }
        return catalogue
    }

    /// `empty_markers: zero | missing`; a catalogue written before the key reads markers as 0.
    func emptyMarkers(_ root: ConfigNode) throws(CatalogueError) -> EmptyMarkerMeaning {
        guard let node = root["empty_markers"] else { return .zero }
        guard let text = node.text, let meaning = EmptyMarkerMeaning(rawValue: text) else {
            let written = node.text.map { "'\($0)'" } ?? "a list or mapping"
            throw node.fail("empty_markers is \(written); it must be zero (—, /, 无 in a count, area or money cell load 0) "
                            + "or missing (they load no figure)")
        }
        return meaning
    }

    /// A key whose value must be a mapping.
    func mapping(_ node: ConfigNode, _ key: String) throws(CatalogueError) -> ConfigNode {
        let value = try node.child(key)
        guard value.isMapping else { throw value.fail("'\(key)' must be a mapping") }
        return value
    }

    func field(_ node: ConfigNode, knownUnits: Set<String>) throws(CatalogueError) -> FieldDefinition {
        let id = try node.string("id")
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw (node["id"] ?? node).fail("the field id '\(id)' must be lower-case ASCII letters, digits and _")
        }
        let kindText = try node.string("kind")
        guard let kind = FieldDefinition.Kind(rawValue: kindText) else {
            throw (node["kind"] ?? node).fail("the kind '\(kindText)' of '\(id)' is not identity, count, measure or rate")
        }
        var unit: String?
        if kind != .identity {
            let name = try node.string("unit")
            guard knownUnits.contains(name) else { throw (node["unit"] ?? node).fail("the unit '\(name)' of '\(id)' is not among the units") }
            unit = name
        }
        return FieldDefinition(id: id, name: try node.string("name"), kind: kind, unit: unit,
                               aliases: try node.strings("aliases", required: false),
                               exclusions: try node.strings("exclude", required: false),
                               weakAliases: try node.strings("weak_aliases", required: false),
                               weakExclusions: try node.strings("weak_exclude", required: false),
                               groupAliases: try node.strings("group_aliases", required: false),
                               outside: try node.strings("outside", required: false),
                               fallbackAliases: try node.strings("fallback_aliases", required: false))
    }

    func unit(_ node: ConfigNode) throws(CatalogueError) -> UnitDefinition {
        var factor = 1.0
        if let factorNode = node["factor"] {
            guard let value = factorNode.number, value > 0, value.isFinite else {
                throw factorNode.fail("the factor must be a positive number")
            }
            factor = value
        }
        return UnitDefinition(spelling: try node.string("spelling"), unit: try node.string("unit"),
                              dimension: try node.string("dimension"), factor: factor)
    }

    func schoolType(_ node: ConfigNode) throws(CatalogueError) -> SchoolTypeDefinition {
        var stages: [Stage] = []
        for name in try node.strings("stages") {
            guard let stage = Stage(rawValue: name), Stage.parts.contains(stage) else {
                throw (node["stages"] ?? node).fail("the stage '\(name)' is not primary, junior, senior or preschool")
            }
            stages.append(stage)
        }
        return SchoolTypeDefinition(words: try node.strings("words"), type: try node.string("type"), stages: stages)
    }
}
