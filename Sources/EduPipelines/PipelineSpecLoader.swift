import EduIngest
import EduConfig
import EduReports
import Foundation

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
/// checks: Pipelines/checks.yml         # optional (this default)
/// exports:                        # optional
///   formats: [xlsx, csv, html, json]
///   destination: reports/
///   counties: ["360321"]          # optional: every county when missing
///   ranking: true                 # optional: every county ranked beside the summaries (default false)
/// audit: report                   # optional, needs exports: report or stop-on-error; no audit when missing
/// schedule: "0 6 1 9 *"           # optional: on demand only when missing
/// ```
/// The pipelines of a folder: the ones that load, and each broken file with what is wrong.
public struct PipelineFolder: Sendable {
    public var specs: [PipelineSpec] = []
    public var broken: [PipelineError] = []
}

public enum PipelineSpecLoader {
    static let what = "the pipeline file"

    public static func load(path: String) throws(PipelineError) -> PipelineSpec {
        try PipelineReader().spec(from: ConfigDocument.load(path, what: what, advice: false))
    }

    /// Every `*.yml`/`*.yaml` file in `folder` that is a pipeline (has a `schedule` or `inputs`
    /// key at its top), sorted by file name; the catalogue, standards and checks files are passed over.
    /// A broken file (not UTF-8, a YAML error, a pipeline with a wrong key or value) is listed with
    /// its line among `broken`, never skipped silently, and does not keep the good ones from running.
    /// Throws only when the folder cannot be listed.
    /// The files in Pipelines/ that are not pipelines, by name.
    static let otherConfigFiles: Set<String> = [
        (PipelineSpec.defaultCatalogue as NSString).lastPathComponent, (PipelineSpec.defaultStandards as NSString).lastPathComponent,
        (PipelineSpec.defaultChecks as NSString).lastPathComponent,
    ]

    public static func loadAll(folder: String) throws(PipelineError) -> PipelineFolder {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw PipelineError(file: folder, line: nil, problem: "cannot list the pipelines folder (\(error.localizedDescription))")
        }
        var found = PipelineFolder()
        // The catalogue, standards and checks files live beside the pipelines; their own loaders read them.
        for name in names.sorted() where (name.hasSuffix(".yml") || name.hasSuffix(".yaml")) && !Self.otherConfigFiles.contains(name) {
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                let root = try ConfigDocument.load(path, what: what, advice: false)
                guard root["inputs"] != nil || root["schedule"] != nil else { continue }
                found.specs.append(try PipelineReader().spec(from: root))
            } catch {
                found.broken.append(error)
            }
        }
        return found
    }

    public static func parse(_ text: String, source: String) throws(PipelineError) -> PipelineSpec {
        try PipelineReader().spec(from: ConfigDocument.parse(text, file: source, what: what, advice: false))
    }
}

/// Turns the YAML tree into a PipelineSpec, each complaint naming the node's line.
struct PipelineReader {
    /// What was read otherwise than written (full-width digits folded), for the command to say.
    let notes = PipelineNotes()

    static let topKeys = ["name", "inputs", "warehouse", "year", "county", "catalogue", "standards", "checks", "exports", "audit", "schedule"]
    static let exportKeys = ["formats", "destination", "counties", "ranking"]
    static let inputKeys = ["path", "year", "county"]

    func spec(from root: ConfigNode) throws(PipelineError) -> PipelineSpec {
        guard root.isMapping else {
            throw root.fail("a pipeline file must be a mapping with name, inputs, warehouse and schedule")
        }
        try root.refuseUnknownKeys(Self.topKeys, in: "a pipeline")
        let name = try root.string("name")
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }),
              name.first != "." else {
            throw (root["name"] ?? root).fail("the name '\(name)' must be ASCII letters, digits, '.', '_' and '-'")
        }
        var inputs: [IngestInput] = []
        for node in try root.sequence("inputs", allowSingle: true) { inputs.append(try input(node)) }
        guard !inputs.isEmpty else { throw (root["inputs"] ?? root).fail("'inputs' names no folder, file or glob") }
        var spec = PipelineSpec(name: name, inputs: inputs, warehouse: try root.string("warehouse"), source: root.file)
        if let node = root["year"] { spec.year = try year(node) }
        if let node = root["county"] { spec.county = try countyCode(node, key: "county") }
        if root["catalogue"] != nil { spec.catalogue = try root.string("catalogue") }
        if root["standards"] != nil { spec.standards = try root.string("standards") }
        if root["checks"] != nil { spec.checks = try root.string("checks") }
        if let node = root["exports"] { spec.exports = try exports(node) }
        if let node = root["audit"] {
            guard let text = node.text, let mode = AuditMode(rawValue: text.lowercased()) else {
                throw node.fail("'audit' must be report or stop-on-error, not '\(node.text ?? "a list or mapping")'")
            }
            guard spec.exports != nil else {
                throw node.fail("'audit' needs 'exports': the findings are written beside the county summaries, in their destination")
            }
            spec.audit = mode
        }
        if let node = root["schedule"] {
            guard let text = node.text, !text.isEmpty else {
                throw node.fail("'schedule' must be a cron expression such as \"0 6 1 9 *\" (quote it)")
            }
            do {
                spec.schedule = try CronSchedule(text)
            } catch {
                throw node.fail("schedule \"\(text)\": \(error)")
            }
        }
        spec.notes = notes.lines
        return spec
    }

    /// An input: a path, or a mapping with the path and the year and county its returns take.
    func input(_ node: ConfigNode) throws(PipelineError) -> IngestInput {
        if let text = node.text {
            guard !text.isEmpty else { throw node.fail("the items of 'inputs' must be text") }
            return IngestInput(path: text)
        }
        guard node.isMapping else { throw node.fail("an input is a path, or a mapping with path and optionally year and county") }
        try node.refuseUnknownKeys(Self.inputKeys, in: "an input")
        var input = IngestInput(path: try node.string("path"))
        if let year = node["year"] { input.year = try self.year(year) }
        if let county = node["county"] { input.county = try countyCode(county, key: "county") }
        return input
    }

    func year(_ node: ConfigNode) throws(PipelineError) -> Int {
        guard let text = node.text, let year = Int(text), (1949...2100).contains(year) else {
            throw node.fail("'year' must be a year such as 2024, not '\(node.text ?? "a list or mapping")'")
        }
        return year
    }

    func exports(_ node: ConfigNode) throws(PipelineError) -> PipelineSpec.Exports {
        guard node.isMapping else { throw node.fail("'exports' must be a mapping with formats and destination") }
        try node.refuseUnknownKeys(Self.exportKeys, in: "'exports'")
        var formats: [ReportFormat] = []
        for item in try node.sequence("formats", allowSingle: true) {
            guard let text = item.text, let format = ReportFormat(rawValue: text.lowercased()) else {
                throw item.fail("the export format '\(item.text ?? "")' is not xlsx, csv, html or json")
            }
            guard !formats.contains(format) else { throw item.fail("the export format '\(format.rawValue)' is listed twice") }
            formats.append(format)
        }
        guard !formats.isEmpty else { throw (node["formats"] ?? node).fail("'formats' names no format (xlsx, csv, html, json)") }
        var exports = PipelineSpec.Exports(formats: formats, destination: try node.string("destination"))
        if node["counties"] != nil {
            var counties: [String] = []
            for item in try node.sequence("counties", allowSingle: true) { counties.append(try countyCode(item, key: "counties")) }
            exports.counties = counties
        }
        if let ranking = node["ranking"] {
            switch ranking.text?.lowercased() {
            case "true"?: exports.ranking = true
            case "false"?: exports.ranking = false
            default:
                throw ranking.fail("'ranking' must be true (every county ranked beside the summaries) or false, "
                                   + "not '\(ranking.text ?? "a list or mapping")'")
            }
        }
        return exports
    }

    /// Six ASCII digits; full-width ones are folded, with a note naming the line (CountyCode).
    func countyCode(_ node: ConfigNode, key: String) throws(PipelineError) -> String {
        guard let text = node.text, let code = CountyCode(text) else {
            throw node.fail("'\(key)' must be six-digit county codes such as 360321, not '\(node.text ?? "a list or mapping")'")
        }
        if let note = code.foldingNote {
            notes.add("\(node.file)\(node.line.map { " line \($0)" } ?? ""): '\(key)' \(note)")
        }
        return code.digits
    }
}

/// Collects the reader's notes while its throwing, non-mutating look-ups run.
final class PipelineNotes {
    private(set) var lines: [String] = []
    func add(_ line: String) { lines.append(line) }
}
