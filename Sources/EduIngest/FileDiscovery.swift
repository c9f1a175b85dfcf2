import Foundation

/// The files an ingest reads: files named, and the .xlsx/.xlsm/.csv files found in folders
/// (recursively), in a stable order. Hidden files and Office's lock files (~$…) are passed over.
enum FileDiscovery {
    static let extensions: Set<String> = ["xlsx", "xlsm", "csv"]

    static func files(in paths: [String]) throws -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw IngestError.cannotRead(path, "no such file or folder")
            }
            guard isFolder.boolValue else {
                found.append(path)
                continue
            }
            let enumerator = manager.enumerator(atPath: path)
            var inFolder: [String] = []
            while let relative = enumerator?.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || name.hasPrefix("~$") { continue }
                guard extensions.contains((name as NSString).pathExtension.lowercased()) else { continue }
                inFolder.append((path as NSString).appendingPathComponent(relative))
            }
            found += inFolder.sorted()
        }
        return found
    }
}
