#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Why an export could not be written, in one sentence naming the file or folder.
public enum ReportError: Error, CustomStringConvertible, Sendable {
    case folder(String, String)
    case write(String, String)
    case workbook(String)

    public var description: String {
        switch self {
        case .folder(let path, let why): return "\(path): cannot use this folder for reports (\(why))."
        case .write(let path, let why): return "\(path): cannot write the report (\(why)); nothing was left there."
        case .workbook(let message): return message
        }
    }
}

/// Dated export names that never replace an earlier export: each file is written to a hidden
/// temporary file in the destination folder and then linked to its name with link(2), which
/// fails rather than replace a file that exists; the next free `-2`, `-3` … is then taken. A
/// reader sees a name only once its file is complete.
struct ReportFiles {
    let folder: String
    /// 青石县-360321-2024
    let stem: String
    /// 20261126
    let day: String

    init(folder: String, report: CountyReport) {
        self.init(folder: folder, countyName: report.summary.countyName, countyCode: report.summary.countyCode,
                  year: report.summary.year, generatedDay: report.generatedDay)
    }

    /// `generatedDay`: "2026-11-26", as `ReportFiles.day(of:)` gives it.
    init(folder: String, countyName: String?, countyCode: String, year: Int, generatedDay: String) {
        self.folder = folder
        var stem = [Self.safe(countyName), countyCode, String(year)].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "-")
        if stem.isEmpty { stem = "county" }
        self.stem = stem
        day = generatedDay.replacingOccurrences(of: "-", with: "")
    }

    /// "2026-11-26": the day of `date` in the local time zone.
    static func day(of date: Date) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `青石县-360321-2024-county-summary-20261126.xlsx`, with `-n` after the day when `number` > 1.
    func name(_ kind: String, _ ext: String, number: Int) -> String {
        "\(stem)-\(kind)-\(day)\(number > 1 ? "-\(number)" : "").\(ext)"
    }

    /// The first number at which none of `files` (kind, extension) exists, so one export's files
    /// share their suffix.
    func firstFreeNumber(_ files: [(kind: String, ext: String)]) -> Int {
        var number = 1
        while files.contains(where: { exists(path(name($0.kind, $0.ext, number: number))) }) { number += 1 }
        return number
    }

    func path(_ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Makes the folder (and its parents) when missing.
    func prepareFolder() throws(ReportError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .folder(folder, "it is a file") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .folder(folder, error.localizedDescription)
        }
    }

    /// Writes a file through `write` (given a temporary path in the folder) and publishes it as
    /// `name(kind, ext, number)`, or the next free number; returns the path.
    func publish(_ kind: String, _ ext: String, from number: Int,
                 write: (String) throws -> Void) throws -> String {
        let temporary = path(".eduetl-\(UUID().uuidString.lowercased()).tmp.\(ext)")
        defer { unlink(temporary) }
        try write(temporary)
        var number = number
        while true {
            let destination = path(name(kind, ext, number: number))
            if link(temporary, destination) == 0 {
                syncFolder()
                return destination
            }
            let code = errno
            if code == EEXIST {
                number += 1
                continue
            }
            // A file system without hard links (FAT, some network shares): rename when the name
            // is free, which leaves only a tiny window for another writer.
            if code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EMLINK {
                if exists(destination) {
                    number += 1
                    continue
                }
                guard rename(temporary, destination) == 0 else {
                    throw ReportError.write(destination, String(cString: strerror(errno)))
                }
                syncFolder()
                return destination
            }
            throw ReportError.write(destination, String(cString: strerror(code)))
        }
    }

    /// Writes bytes to a new file at `path` (which must not exist) and flushes them to disk.
    static func writeNew(_ bytes: [UInt8], to path: String) throws(ReportError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .write(path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let outcome = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { write(descriptor, $0 + written, raw.count - written) }
            }
            // written < count, so the buffer has an address; without one there is nothing to write.
            guard let count = outcome else { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .write(path, String(cString: strerror(errno)))
            }
            written += count
        }
        if fsync(descriptor) != 0, errno != EINVAL, errno != EROFS {
            throw .write(path, String(cString: strerror(errno)))
        }
    }

    private func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private func syncFolder() {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            _ = fsync(descriptor)
            close(descriptor)
        }
    }

    /// A county name fit for a file name: path separators, control characters and the
    /// characters Windows refuses become "_".
    static func safe(_ text: String?) -> String? {
        guard let text else { return nil }
        let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        let cleaned = String(text.map { character -> Character in
            if forbidden.contains(character) || character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return "_"
            }
            return character
        }).trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? (cleaned.isEmpty ? nil : "_" + cleaned) : cleaned
    }
}
