import EduConfig
import Foundation

/// `eduetl init`: a folder set up to run eduetl in, wherever the binary is installed: editable
/// copies of the built-in catalogue and standards, a sample pipeline, and the drop folder it reads.
public enum ProjectFolder {
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var existing: [String]
        public var description: String {
            "\(existing.joined(separator: ", ")) \(existing.count == 1 ? "is" : "are") there already: nothing was written; "
                + "move \(existing.count == 1 ? "it" : "them") away or init another folder"
        }
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// The sample pipeline: the returns dropped into returns/ ingested and summarised each 1 September.
    public static let samplePipeline = """
        # eduetl pipeline (written by `eduetl init`): the returns dropped into returns/ are ingested into
        # warehouse.sqlite and the county summaries exported into reports/ at 06:00 on 1 September.
        # Give `year` and `county` for returns that name none; an input may carry its own:
        #   inputs: [returns/, {path: returns/东湖区, county: "360392"}]
        name: annual-returns
        inputs:
          - returns/
        warehouse: warehouse.sqlite
        catalogue: Pipelines/catalogue.yml
        standards: Pipelines/standards.yml
        exports:
          formats: [xlsx, csv, html, json]
          destination: reports/
        schedule: "0 6 1 9 *"

        """

    /// The files `initialise` writes, relative to the folder.
    public static let files: [(path: String, text: String)] = [
        ("Pipelines/catalogue.yml", BuiltInDefaults.catalogue),
        ("Pipelines/standards.yml", BuiltInDefaults.standards),
        ("Pipelines/annual-returns.yml", samplePipeline),
    ]

    /// Writes the files and makes returns/; refuses, writing nothing, when any file is there.
    /// Returns the paths written.
    public static func initialise(at folder: String) throws -> [String] {
        let manager = FileManager.default
        let targets = files.map { ((folder as NSString).appendingPathComponent($0.path), $0.text) }
        let existing = targets.map(\.0).filter { manager.fileExists(atPath: $0) }
        guard existing.isEmpty else { throw Refusal(existing: existing) }
        var written: [String] = []
        for (path, text) in targets {
            do {
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            } catch {
                throw Failure(path: path, reason: (error as NSError).localizedDescription)
            }
            written.append(path)
        }
        let returns = (folder as NSString).appendingPathComponent("returns")
        do {
            try manager.createDirectory(atPath: returns, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: returns, reason: (error as NSError).localizedDescription)
        }
        return written + [returns + "/"]
    }
}
