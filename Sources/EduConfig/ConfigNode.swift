import Yams

/// A node of an editable YAML file with the typed look-ups every loader needs, each complaint a
/// ConfigError naming the file and the node's line. Loaders see this, never Yams.
public struct ConfigNode {
    let node: Node
    public let file: String
    let what: String?

    init(_ node: Node, file: String, what: String?) {
        self.node = node
        self.file = file
        self.what = what
    }

    /// The 1-based line the node starts on.
    public var line: Int? { node.mark?.line }

    public func fail(_ problem: String) -> ConfigError {
        ConfigError(file: file, line: line, problem: problem, what: what)
    }

    // MARK: what the node is

    public var text: String? { node.scalar?.string }
    public var number: Double? { node.float ?? node.int.map(Double.init) }
    public var isMapping: Bool { node.mapping != nil }
    public var isScalar: Bool { node.scalar != nil }
    /// The items of a list, nil for anything else.
    public var items: [ConfigNode]? { node.sequence.map { $0.map(wrap) } }
    /// The key and value pairs of a mapping in file order, nil for anything else.
    public var entries: [(key: ConfigNode, value: ConfigNode)]? { node.mapping.map { $0.map { (wrap($0.key), wrap($0.value)) } } }

    public subscript(key: String) -> ConfigNode? { node[key].map(wrap) }

    private func wrap(_ child: Node) -> ConfigNode { ConfigNode(child, file: file, what: what) }

    // MARK: typed look-ups that complain

    public func child(_ key: String) throws(ConfigError) -> ConfigNode {
        guard let value = self[key] else { throw fail("'\(key)' is missing") }
        return value
    }

    public func string(_ key: String) throws(ConfigError) -> String {
        let value = try child(key)
        guard let text = value.text, !text.isEmpty else { throw value.fail("'\(key)' must be text") }
        return text
    }

    public func number(_ key: String) throws(ConfigError) -> Double {
        let value = try child(key)
        guard let number = value.number else { throw value.fail("'\(key)' must be a number") }
        return number
    }

    /// A list; with `allowSingle`, one scalar stands for a list of one.
    public func sequence(_ key: String, allowSingle: Bool = false) throws(ConfigError) -> [ConfigNode] {
        let value = try child(key)
        if allowSingle, value.isScalar { return [value] }
        guard let items = value.items else { throw value.fail("'\(key)' must be a list") }
        return items
    }

    /// A list of texts; a missing key is an empty list unless `required`.
    public func strings(_ key: String, required: Bool = true, allowSingle: Bool = false) throws(ConfigError) -> [String] {
        guard self[key] != nil || required else { return [] }
        var texts: [String] = []
        for item in try sequence(key, allowSingle: allowSingle) {
            guard let text = item.text, !text.isEmpty else { throw item.fail("the items of '\(key)' must be text") }
            texts.append(text)
        }
        return texts
    }

    public func mapping(_ key: String) throws(ConfigError) -> [(key: ConfigNode, value: ConfigNode)] {
        let value = try child(key)
        guard let entries = value.entries else { throw value.fail("'\(key)' must be a mapping") }
        return entries
    }

    /// Refuses a key not among `known`, naming it and the ones that are.
    public func refuseUnknownKeys(_ known: [String], in what: String) throws(ConfigError) {
        for (key, _) in entries ?? [] {
            let name = key.text ?? "?"
            guard known.contains(name) else { throw key.fail("'\(name)' is not a key of \(what) (\(known.joined(separator: ", ")))") }
        }
    }
}

extension ConfigDocument {
    /// The file read and composed: its root node, or a ConfigError naming the file (and line).
    public static func load(_ path: String, what: String, advice: Bool = true) throws(ConfigError) -> ConfigNode {
        let text: String
        do {
            text = try read(path, what: what)
        } catch {
            throw ConfigError(file: path, line: error.line, problem: error.problem, what: advice ? what : nil)
        }
        return try parse(text, file: path, what: what, advice: advice)
    }

    /// Text composed as the file `file`.
    public static func parse(_ text: String, file: String, what: String, advice: Bool = true) throws(ConfigError) -> ConfigNode {
        do {
            return ConfigNode(try compose(text, what: what), file: file, what: advice ? what : nil)
        } catch {
            throw ConfigError(file: file, line: error.line, problem: error.problem, what: advice ? what : nil)
        }
    }
}
