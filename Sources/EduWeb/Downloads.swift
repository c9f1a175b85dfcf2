import EduReports
import EduWarehouse
import EduZip
import Foundation

/// A file to download: its name and bytes. The exporters write into a folder of their own, read
/// back and removed; several files (a county's CSV tables) go as one ZIP.
struct Download: Sendable {
    var name: String
    var bytes: [UInt8]

    var contentType: String {
        switch (name as NSString).pathExtension.lowercased() {
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "csv": return "text/csv; charset=utf-8"
        case "html": return "text/html; charset=utf-8"
        case "json": return "application/json"
        default: return "application/zip"
        }
    }

    /// Content-Disposition with the Chinese name for browsers (RFC 6266/5987) and an ASCII one for the rest.
    var disposition: String {
        let ascii = String(name.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" }.map(Character.init))
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ascii
        return "attachment; filename=\"\(ascii.isEmpty ? "download" : ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// Runs `write` in a new temporary folder and returns what it wrote: one file as it is, several zipped as `zipName`.
    static func written(zipName: String, _ write: (String) throws -> [String]) throws -> Download {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try write(folder.path)
        guard let only = paths.first else { throw PageProblem.notFound("没有可下载的文件。") }
        if paths.count == 1 {
            return Download(name: (only as NSString).lastPathComponent, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: only))))
        }
        let zipPath = folder.appendingPathComponent(zipName).path
        let zip = try ZipWriter(path: zipPath)
        for path in paths {
            try zip.add(name: (path as NSString).lastPathComponent, data: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        try zip.finish()
        return Download(name: zipName, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: zipPath))))
    }
}
