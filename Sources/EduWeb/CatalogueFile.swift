import EduConfig
import EduNormalise
import Foundation

/// The catalogue file uploads are read with, as `eduetl ingest` in the project folder would find it
/// (--catalogue, else $EDUETL_CATALOGUE, else Pipelines/catalogue.yml); a header confirmed on the page
/// goes into it. With no file yet, the built-in catalogue is the starting text and the file is created.
struct CatalogueFile {
    let path: String
    /// The file does not exist: the built-in catalogue is read, and an edit creates the file.
    let isBuiltIn: Bool

    init(settings: WebSettings) {
        let projectFile = (settings.projectFolder as NSString).appendingPathComponent(CatalogueLoader.defaultPath)
        switch DefaultConfig.resolve(named: settings.cataloguePath, environment: "EDUETL_CATALOGUE", file: projectFile,
                                     builtIn: BuiltInDefaults.catalogue, what: "catalogue") {
        case .file(let named):
            path = named
            isBuiltIn = false
        case .builtIn:
            path = projectFile
            isBuiltIn = true
        }
    }

    func load() throws -> Catalogue {
        isBuiltIn ? try CatalogueLoader.parse(BuiltInDefaults.catalogue, source: "the built-in catalogue") : try CatalogueLoader.load(path: path)
    }

    /// A line the page changed in the file, to show.
    struct Change: Sendable {
        var path: String
        var line: Int
        var before: String?
        var after: String
        var created: Bool
    }

    // One edit at a time: two confirmations at once must not each write over the other's line.
    private static let editing = NSLock()

    /// Adds `alias` to `field`'s aliases, checked to map `headerPath`; the file replaced at once
    /// (written beside it, then renamed over it), so a reader sees the old catalogue or the new one.
    func add(alias: String, to field: String, headerPath: [String]) throws -> Change {
        try Self.editing.withLock {
            let text: String
            do {
                text = isBuiltIn ? BuiltInDefaults.catalogue : try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw PageProblem.badRequest("读不了目录文件 \(path)：\(error.localizedDescription)")
            }
            let edit: CatalogueAliasEdit
            do {
                edit = try CatalogueAliasEdit.adding(alias: alias, toField: field, in: text, source: path, checking: headerPath)
            } catch {
                throw PageProblem.badRequest("\(error)")
            }
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(edit.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw PageProblem.badRequest("目录文件 \(path) 写不进去，未改动：\(error.localizedDescription)")
            }
            return Change(path: path, line: edit.line, before: edit.before, after: edit.after, created: isBuiltIn)
        }
    }
}
