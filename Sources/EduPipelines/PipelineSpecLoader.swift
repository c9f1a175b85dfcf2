import EduIngest
import EduConfig
import Foundation
import Yams

/// Reads a pipeline file (YAML), refusing a broken one with the line it broke on and why: a YAML
/// syntax error, a missing, mistyped or unknown key, a wrong schedule, an unknown export format.
///
/// ```yaml
/// name: annual-returns
/// inputs: [SampleInputs]          # folders, files or globs
/// warehouse: warehouse.sqlite
/// year: 2024                      # optional
/// county: "360321"                # optional
/// catalogue: Pipelines/catalogue.yml   # optional (this default)
/// standards: Pipelines/standards.yml   # optional (this default)
/// exports:                        # optional
///   formats: [xlsx, csv, html, json]
///   destination: reports/
///   counties: ["360321"]          # optional: every county when missing
/// schedule: "0 6 1 9 *"           # optional: on demand only when missing
/// ```
/// The pipelines of a folder: the ones that load, and each broken file with what is wrong.
public struct PipelineFolder: Sendable {
    public var specs: [PipelineSpec] = []
    public var broken: [PipelineError] = []
}

public enum PipelineSpecLoader {
    public static func load(path: String) throws(PipelineError) -> PipelineSpec {
        let text: String
        do {
            text = try ConfigDocument.read(path, what: "the pipeline file")
        } catch {
            throw PipelineError(file: path, line: error.line, problem: error.problem)
        }
        return try parse(text, source: path)
    }

    /// Every `*.yml`/`*.yaml` file in `folder` that is a pipeline (has a `schedule` or `inputs`
    /// key at its top), sorted by file name; the catalogue and standards files are passed over.
    /// A broken file (not UTF-8, a YAML error, a pipeline with a wrong key or value) is listed with
    /// its line among `broken`, never skipped silently, and does not keep the good ones from running.
    /// Throws only when the folder cannot be listed.
    public static func loadAll(folder: String) throws(PipelineError) -> PipelineFolder {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw PipelineError(file: folder, line: nil, problem: "cannot list the pipelines folder (\(error.localizedDescription))")
        }
        var found = PipelineFolder()
        for name in names.sorted() where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                let text = try ConfigDocument.read(path, what: "the pipeline file")
                let root = try ConfigDocument.compose(text, what: "the pipeline file")
                guard root["inputs"] != nil || root["schedule"] != nil else { continue }
            } catch {
                found.broken.append(PipelineError(file: path, line: error.line, problem: error.problem))
                continue
            }
            do {
                found.specs.append(try load(path: path))
            } catch {
                found.broken.append(error)
            }
        }
        return found
    }

    public static func parse(_ text: String, source: String) throws(PipelineError) -> PipelineSpec {
        let root: Node
        do {
            root = try ConfigDocument.compose(text, what: "the pipeline file")
        } catch {
            throw PipelineError(file: source, line: error.line, problem: error.problem)
        }
        return try PipelineReader(source: source).spec(from: root)
    }
}

/// Turns the YAML tree into a PipelineSpec, each complaint naming the node's line.
struct PipelineReader {
    let source: String

    static let topKeys = ["name", "inputs", "warehouse", "year", "county", "catalogue", "standards", "exports", "schedule"]
    static let exportKeys = ["formats", "destination", "counties"]

    func fail(_ node: Node?, _ problem: String) -> PipelineError {
        PipelineError(file: source, line: node?.mark?.line, problem: problem)
    }

    func spec(from root: Node) throws(PipelineError) -> PipelineSpec {
        guard root.mapping != nil else {
            throw fail(root, "a pipeline file must be a mapping with name, inputs, warehouse and schedule")
        }
        try refuseUnknownKeys(root, known: Self.topKeys, what: "a pipeline")
        let name = try string(root, "name")
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }),
              name.first != "." else {
            throw fail(root["name"], "the name '\(name)' must be ASCII letters, digits, '.', '_' and '-'")
        }
        let inputs = try sequence(root, "inputs", allowSingle: true).map { node throws(PipelineError) in try input(node) }
        guard !inputs.isEmpty else { throw fail(root["inputs"], "'inputs' names no folder, file or glob") }
        var spec = PipelineSpec(name: name, inputs: inputs, warehouse: try string(root, "warehouse"), source: source)
        if let node = root["year"] {
            spec.year = try year(node)
        }
        if let node = root["county"] {
            spec.county = try countyCode(node, key: "county")
        }
        if root["catalogue"] != nil { spec.catalogue = try string(root, "catalogue") }
        if root["standards"] != nil { spec.standards = try string(root, "standards") }
        if let node = root["exports"] {
            spec.exports = try exports(node)
        }
        if let node = root["schedule"] {
            guard let text = node.scalar?.string, !text.isEmpty else {
                throw fail(node, "'schedule' must be a cron expression such as \"0 6 1 9 *\" (quote it)")
            }
            do {
                spec.schedule = try CronSchedule(text)
            } catch {
                throw fail(node, "schedule \"\(text)\": \(error)")
            }
        }
        return spec
    }

    static let inputKeys = ["path", "year", "county"]

    /// An input: a path, or a mapping with the path and the year and county its returns take.
    func input(_ node: Node) throws(PipelineError) -> IngestInput {
        if let text = node.scalar?.string {
            guard !text.isEmpty else { throw fail(node, "the items of 'inputs' must be text") }
            return IngestInput(path: text)
        }
        guard node.mapping != nil else { throw fail(node, "an input is a path, or a mapping with path and optionally year and county") }
        try refuseUnknownKeys(node, known: Self.inputKeys, what: "an input")
        var input = IngestInput(path: try string(node, "path"))
        if let year = node["year"] { input.year = try self.year(year) }
        if let county = node["county"] { input.county = try countyCode(county, key: "county") }
        return input
    }

    func year(_ node: Node) throws(PipelineError) -> Int {
        guard let text = node.scalar?.string, let year = Int(text), (1949...2100).contains(year) else {
            throw fail(node, "'year' must be a year such as 2024, not '\(node.scalar?.string ?? "a list or mapping")'")
        }
        return year
    }

    func exports(_ node: Node) throws(PipelineError) -> PipelineSpec.Exports {
        guard node.mapping != nil else { throw fail(node, "'exports' must be a mapping with formats and destination") }
        try refuseUnknownKeys(node, known: Self.exportKeys, what: "'exports'")
        var formats: [PipelineSpec.ExportFormat] = []
        let formatNodes = try sequence(node, "formats", allowSingle: true)
        for item in formatNodes {
            guard let text = item.scalar?.string, let format = PipelineSpec.ExportFormat(rawValue: text.lowercased()) else {
                throw fail(item, "the export format '\(item.scalar?.string ?? "")' is not xlsx, csv, html or json")
            }
            guard !formats.contains(format) else { throw fail(item, "the export format '\(format.rawValue)' is listed twice") }
            formats.append(format)
        }
        guard !formats.isEmpty else { throw fail(node["formats"], "'formats' names no format (xlsx, csv, html, json)") }
        var exports = PipelineSpec.Exports(formats: formats, destination: try string(node, "destination"))
        if node["counties"] != nil {
            var counties: [String] = []
            for item in try sequence(node, "counties", allowSingle: true) {
                counties.append(try countyCode(item, key: "counties"))
            }
            exports.counties = counties
        }
        return exports
    }

    // MARK: typed access, each complaint naming the line

    func refuseUnknownKeys(_ node: Node, known: [String], what: String) throws(PipelineError) {
        guard let mapping = node.mapping else { return }
        for (key, _) in mapping {
            let name = key.scalar?.string ?? "?"
            guard known.contains(name) else {
                throw fail(key, "'\(name)' is not a key of \(what) (\(known.joined(separator: ", ")))")
            }
        }
    }

    func countyCode(_ node: Node, key: String) throws(PipelineError) -> String {
        guard let text = node.scalar?.string, text.count == 6, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw fail(node, "'\(key)' must be six-digit county codes such as 360321, not '\(node.scalar?.string ?? "a list or mapping")'")
        }
        return text
    }

    func string(_ node: Node, _ key: String) throws(PipelineError) -> String {
        guard let value = node[key] else { throw fail(node, "'\(key)' is missing") }
        guard let text = value.scalar?.string, !text.isEmpty else { throw fail(value, "'\(key)' must be text") }
        return text
    }

    func sequence(_ node: Node, _ key: String, allowSingle: Bool = false) throws(PipelineError) -> [Node] {
        guard let value = node[key] else { throw fail(node, "'\(key)' is missing") }
        if allowSingle, value.scalar != nil { return [value] }
        guard let items = value.sequence else { throw fail(value, "'\(key)' must be a list") }
        return Array(items)
    }

    func strings(_ node: Node, _ key: String, allowSingle: Bool = false) throws(PipelineError) -> [String] {
        var texts: [String] = []
        for item in try sequence(node, key, allowSingle: allowSingle) {
            guard let text = item.scalar?.string, !text.isEmpty else { throw fail(item, "the items of '\(key)' must be text") }
            texts.append(text)
        }
        return texts
    }
}
