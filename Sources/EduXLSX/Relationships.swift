/// One relationship of an OPC part (ECMA-376 Part 2, §9.3): an id, a type URI, a target part.
struct Relationship: Equatable {
    var id: String
    var type: String
    /// The target as a package path without a leading slash ("xl/worksheets/sheet1.xml").
    var target: String
    var isExternal: Bool

    /// The type's last path segment ("worksheet", "sharedStrings", "officeDocument"), the same in
    /// transitional and strict packages.
    var kind: Substring { type.split(separator: "/").last ?? "" }
}

/// The relationships of one source part, read from its .rels part.
struct Relationships {
    var all: [Relationship] = []

    func withID(_ id: String) -> Relationship? { all.first { $0.id == id && !$0.isExternal } }
    func first(kind: String) -> Relationship? { all.first { $0.kind == kind && !$0.isExternal } }

    /// The .rels part that describes `part`: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
    static func partName(for part: String) -> String {
        let (folder, file) = PackagePath.split(part)
        return folder + "_rels/" + file + ".rels"
    }

    static func parse(_ bytes: [UInt8], sourcePart: String) throws(XLSXError.Reason) -> Relationships {
        let handler = RelationshipsHandler(baseFolder: PackagePath.split(sourcePart).folder)
        try XMLPushParser.parse(bytes, with: handler)
        return Relationships(all: handler.relationships)
    }
}

private final class RelationshipsHandler: XMLContentHandler {
    let baseFolder: String
    var relationships: [Relationship] = []
    let failure: XLSXError.Reason? = nil

    init(baseFolder: String) { self.baseFolder = baseFolder }

    func startElement(_ name: XMLName, attributes: XMLAttributes) {
        guard name.is("Relationship"),
              let id = attributes.string("Id"), let target = attributes.string("Target") else { return }
        let isExternal = attributes.string("TargetMode") == "External"
        relationships.append(Relationship(
            id: id, type: attributes.string("Type") ?? "",
            target: isExternal ? target : PackagePath.resolve(target, from: baseFolder),
            isExternal: isExternal))
    }

    func endElement(_ name: XMLName) {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// Part names inside the package: folders end with "/", no leading slash.
enum PackagePath {
    static func split(_ part: String) -> (folder: String, file: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[...slash]), String(part[part.index(after: slash)...]))
    }

    /// Resolves a relationship target: absolute ("/xl/x.xml") from the package root, relative
    /// from the source part's folder, with "." and ".." segments and %XX escapes undone.
    static func resolve(_ target: String, from folder: String) -> String {
        let decoded = percentDecoded(target.replacingBackslashes())
        let joined = decoded.hasPrefix("/") ? decoded : folder + decoded
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    private static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let high = hexValue(utf8[utf8.startIndex]), let low = hexValue(utf8[utf8.startIndex + 1]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

private extension String {
    func replacingBackslashes() -> String {
        contains("\\") ? String(map { $0 == "\\" ? "/" : $0 }) : self
    }
}
