import Foundation
import Yams

/// The editable YAML files eduetl reads at run time (catalogue, standards, pipelines): read and
/// composed here once, so each loader only turns the tree into its own type and every syntax
/// error names its line the same way.
public enum ConfigDocument {
    /// What went wrong, and on which line when YAML says; each loader wraps it in its own error.
    public struct Problem: Error, Sendable {
        public var line: Int?
        public var problem: String
    }

    /// The file's text; `what` names the file in the message ("the catalogue").
    public static func read(_ path: String, what: String) throws(Problem) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Problem(line: nil, problem: "cannot read \(what) (\(error.localizedDescription))")
        }
    }

    /// The YAML tree of a file's text; an empty file or a syntax error is a Problem.
    static func compose(_ text: String, what: String) throws(Problem) -> Node {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Problem(line: line(of: error), problem: "not valid YAML: \(problem(of: error))")
        } catch {
            throw Problem(line: nil, problem: "not valid YAML: \(error)")
        }
        guard let node else { throw Problem(line: nil, problem: "\(what) is empty") }
        return node
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "the key \(duplicates.joined(separator: ", ")) appears twice"
        default:
            return "\(error)"
        }
    }
}
