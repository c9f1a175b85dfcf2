import Foundation
import MultipartKit
import NIOCore

/// A multipart/form-data upload (the returns page's form): its parts, and its files saved
/// into a new folder of the upload folder under names that cannot leave it.
struct UploadedFiles {
    /// What the readers take; another file is refused by name, not saved.
    static let extensions: Set<String> = ["xlsx", "xlsm", "xls", "xlt", "csv", "tsv", "txt"]

    struct Part {
        var name: String
        var filename: String?
        var bytes: [UInt8]
    }

    /// The files saved, by the name saved under (relative to `folder`).
    var saved: [String] = []
    /// Files not saved, each with why.
    var refused: [(name: String, why: String)] = []
    var folder: String

    /// The parts of a body whose Content-Type is `contentType`.
    static func parts(of body: ByteBuffer, contentType: String) throws -> [Part] {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = contentType.components(separatedBy: "boundary=").last?.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")),
              !boundary.isEmpty else {
            throw PageProblem.badRequest("上传须用表单（multipart/form-data）提交。")
        }
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var current = Part(name: "", filename: nil, bytes: [])
        parser.onHeader = { name, value in
            guard name.lowercased() == "content-disposition" else { return }
            current.name = Self.parameter("name", in: value) ?? ""
            current.filename = Self.parameter("filename", in: value)
        }
        parser.onBody = { buffer in current.bytes += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            parts.append(current)
            current = Part(name: "", filename: nil, bytes: [])
        }
        do {
            try parser.execute(body)
        } catch {
            throw PageProblem.badRequest("上传的内容不完整或格式有误（\(error)）。")
        }
        return parts
    }

    /// `name="x"` in a Content-Disposition value.
    static func parameter(_ key: String, in value: String) -> String? {
        for piece in value.split(separator: ";") {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            guard pair.hasPrefix("\(key)=") else { continue }
            return String(pair.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// The name a file is saved under: the last component of what the browser sent (a folder's files
    /// come as 桃源乡/学校.xlsx), control characters and separators dropped; nil when nothing usable is left
    /// (`..`, an empty name).
    static func safeName(_ sent: String) -> String? {
        let last = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != ":" }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty, cleaned != ".", cleaned != "..", !cleaned.hasPrefix(".") else { return nil }
        return cleaned
    }

    /// Saves the files of `parts` into a new folder under `uploads` (text parts are the caller's).
    init(parts: [Part], uploads: String) throws {
        folder = (uploads as NSString).appendingPathComponent(Self.folderName())
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for part in parts {
            guard let sent = part.filename else { continue }
            if sent.isEmpty && part.bytes.isEmpty { continue }  // the file input left empty
            guard let name = Self.safeName(sent) else {
                refused.append((sent, "文件名不可用"))
                continue
            }
            guard Self.extensions.contains((name as NSString).pathExtension.lowercased()) else {
                refused.append((name, "不是 .xlsx、.xls 或 .csv 文件"))
                continue
            }
            var unique = name, copy = 2
            while saved.contains(unique) {
                unique = "\((name as NSString).deletingPathExtension)-\(copy).\((name as NSString).pathExtension)"
                copy += 1
            }
            let path = (folder as NSString).appendingPathComponent(unique)
            guard (path as NSString).deletingLastPathComponent == folder else {
                refused.append((name, "文件名不可用"))
                continue
            }
            try Data(part.bytes).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            saved.append(unique)
        }
    }

    /// 20261203-200815-3f2a: the time and a random tail, one folder an upload.
    static func folderName() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date()) + "-" + String(UUID().uuidString.prefix(8)).lowercased()
    }
}
