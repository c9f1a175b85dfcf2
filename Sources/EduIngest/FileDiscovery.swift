#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The files an ingest reads: files named, and the .xlsx/.xlsm/.xls/.xlt/.csv files found in folders
/// (recursively), in a stable order. Hidden files and folders and Office's lock files (~$…) are
/// passed over. What cannot be read is found too, with why: a path that is not there, a folder
/// that cannot be listed (with the OS's reason); the batch reads the rest.
enum FileDiscovery {
    static let extensions: Set<String> = ["xlsx", "xlsm", "xls", "xlt", "csv"]

    /// A file to read, or a path that cannot be, with why.
    struct Found: Sendable {
        var path: String
        var problem: IngestError?

        static func file(_ path: String) -> Found { Found(path: path, problem: nil) }
    }

    static func files(in paths: [String]) -> [Found] {
        var found: [Found] = []
        for path in paths {
            if RegularFile.isFolder(path) {
                found += folder(path)
            } else if access(path, F_OK) != 0 && errno == ENOENT {
                found.append(Found(path: path, problem: .missing(path)))
            } else {
                found.append(.file(path))  // its kind is checked before it is opened
            }
        }
        return found
    }

    /// The files under `root`, sorted by their path inside it, then each folder that could not be listed.
    static func folder(_ root: String) -> [Found] {
        var files: [String] = []
        var unreadable: [Found] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative)
            let entries: [(name: String, isFolder: Bool)]
            do {
                entries = try list(folder)
            } catch {
                unreadable.append(Found(path: folder, problem: error))
                continue
            }
            for entry in entries {
                if entry.name.hasPrefix(".") || entry.name.hasPrefix("~$") { continue }
                let path = relative.isEmpty ? entry.name : (relative as NSString).appendingPathComponent(entry.name)
                if entry.isFolder {
                    pending.append(path)
                } else if extensions.contains((entry.name as NSString).pathExtension.lowercased()) {
                    files.append(path)
                }
            }
        }
        return files.sorted().map { .file((root as NSString).appendingPathComponent($0)) } + unreadable.sorted { $0.path < $1.path }
    }

    /// A folder's entries, each with whether it is a folder itself (not following symbolic links,
    /// so a link cannot make a loop); the OS's reason when the folder cannot be listed.
    static func list(_ folder: String) throws(IngestError) -> [(name: String, isFolder: Bool)] {
        guard let stream = opendir(folder) else { throw .cannotList(folder, OSReason.text(errno)) }
        defer { closedir(stream) }
        var entries: [(name: String, isFolder: Bool)] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw .cannotList(folder, OSReason.text(errno)) }
                return entries
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            let path = (folder as NSString).appendingPathComponent(name)
            let isFolder = lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            entries.append((name, isFolder))
        }
    }
}
