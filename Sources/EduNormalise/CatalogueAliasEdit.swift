import Foundation

/// A header spelling added to a field's `aliases` in a catalogue file's text, every other line
/// (comments, order, spacing) kept as written, and the result checked: it must still load, and a
/// column headed so must now map to the field.
public struct CatalogueAliasEdit: Sendable, Equatable {
    /// The catalogue text with the alias added.
    public var text: String
    /// The 1-based line changed or added, as it was (nil: a line added) and as it is now.
    public var line: Int
    public var before: String?
    public var after: String

    /// Why an alias cannot be added, as a sentence for the page.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case emptyAlias
        case unknownField(String)
        case alreadyAlias(alias: String, field: String)
        case claimedByAnother(alias: String, owner: String)
        case entryUnreadable(field: String)
        case brokenResult(String)
        case stillUnmapped(header: String, field: String, why: String)

        public var description: String {
            switch self {
            case .emptyAlias: return "别名不能为空。"
            case .unknownField(let id): return "目录中没有字段 \(id)。"
            case .alreadyAlias(let alias, let field): return "“\(alias)”已经是字段 \(field) 的别名，目录未改动。"
            case .claimedByAnother(let alias, let owner):
                return "“\(alias)”已经是字段 \(owner) 的别名；一个表头只能对应一个字段，目录未改动。"
            case .entryUnreadable(let field): return "目录文件中字段 \(field) 的写法无法自动修改（找不到它的 aliases），请手工添加。"
            case .brokenResult(let why): return "加入后目录无法读取，目录未改动：\(why)"
            case .stillUnmapped(let header, let field, let why):
                return "加入后表头“\(header)”仍不会识别为 \(field)（\(why)），目录未改动；请换一种写法。"
            }
        }
    }

    /// `text` with `alias` added to field `id`'s aliases, checked to load (as `source`) and to map
    /// `headerPath` (outer to inner) to the field.
    public static func adding(alias raw: String, toField id: String, in text: String, source: String,
                              checking headerPath: [String]) throws(Refusal) -> CatalogueAliasEdit {
        let alias = raw.split(whereSeparator: \.isNewline).joined().trimmingCharacters(in: .whitespaces)
        guard !HeaderText.fold(alias).isEmpty else { throw .emptyAlias }
        let current: Catalogue
        do {
            current = try CatalogueLoader.parse(text, source: source)
        } catch {
            throw .brokenResult("\(error)")
        }
        guard let field = current.fields.first(where: { $0.id == id }) else { throw .unknownField(id) }
        let folded = HeaderText.fold(alias)
        if field.foldedAliases.contains(folded) { throw .alreadyAlias(alias: alias, field: id) }
        if let owner = current.fields.first(where: { $0.foldedAliases.contains(folded) }) {
            throw .claimedByAnother(alias: alias, owner: owner.id)
        }
        guard var edit = inserting(quoted(alias), intoField: id, lines: text.components(separatedBy: "\n")) else {
            throw .entryUnreadable(field: id)
        }
        let edited: Catalogue
        do {
            edited = try CatalogueLoader.parse(edit.text, source: source)
        } catch {
            throw .brokenResult("\(error)")
        }
        let decision = HeaderMatcher(catalogue: edited).decide(column: 0, path: headerPath)
        guard decision.field == id else {
            let header = headerPath.joined(separator: " / ")
            throw .stillUnmapped(header: header, field: id, why: decision.field.map { "它会识别为 \($0)" } ?? decision.note ?? "未识别")
        }
        edit.text = edit.text.hasSuffix("\n") || !text.hasSuffix("\n") ? edit.text : edit.text + "\n"
        return edit
    }

    /// A flow-sequence item: plain where YAML reads it back as written, else double-quoted.
    static func quoted(_ alias: String) -> String {
        let special = CharacterSet(charactersIn: ",[]{}#&*!|>'\"%@`:?\\-")
        let inner = CharacterSet(charactersIn: ",[]{}#:\"'\\")
        let plain = (alias.unicodeScalars.first.map { !special.contains($0) } ?? false) && !alias.unicodeScalars.contains { inner.contains($0) }
        if plain { return alias }
        return "\"" + alias.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The lines with `item` added to the field's aliases: inside a flow sequence before its `]`, after
    /// the last item of a block sequence, or as a new `aliases: [item]` line after the field's id.
    static func inserting(_ item: String, intoField id: String, lines: [String]) -> CatalogueAliasEdit? {
        // Only an entry of the top-level `fields:` list (school types have ids too).
        guard let section = lines.firstIndex(where: { $0.hasPrefix("fields:") }) else { return nil }
        let sectionEnd = lines[(section + 1)...].firstIndex { $0.first.map { $0.isLetter } ?? false } ?? lines.count
        guard let start = lines[section..<sectionEnd].firstIndex(where: { entryID(in: $0)?.id == id }),
              let idColumn = entryID(in: lines[start])?.column else { return nil }
        // The entry runs until a line indented at most as far as its dash (the next field, or the next key).
        var end = start + 1
        while end < sectionEnd {
            let line = lines[end]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !trimmed.hasPrefix("#"), indent(of: line) < idColumn { break }
            end += 1
        }
        let keyPrefix = String(repeating: " ", count: idColumn) + "aliases:"
        guard let keyLine = (start..<end).first(where: { lines[$0].hasPrefix(keyPrefix) || entryKey(lines[$0], column: idColumn) == "aliases" }) else {
            var lines = lines
            let added = String(repeating: " ", count: idColumn) + "aliases: [\(item)]"
            lines.insert(added, at: start + 1)
            return CatalogueAliasEdit(text: lines.joined(separator: "\n"), line: start + 2, before: nil, after: added)
        }
        var lines = lines
        let rest = lines[keyLine].drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("[") {
            // The flow sequence's closing bracket, on this line or a later one of the entry.
            guard let closing = (keyLine..<end).first(where: { withoutComment(lines[$0]).contains("]") }) else { return nil }
            let before = lines[closing], code = withoutComment(before)
            guard let bracket = code.lastIndex(of: "]") else { return nil }
            let head = String(code[..<bracket]), tail = String(before.dropFirst(code.distance(from: code.startIndex, to: bracket)))
            let written = head.trimmingCharacters(in: .whitespaces)
            // A `]` alone on its line: the items end on the line above, left as they are.
            guard !written.isEmpty else { return nil }
            lines[closing] = head.replacingTrailingSpaces() + (written.hasSuffix("[") ? "" : ", ") + item + tail
            return CatalogueAliasEdit(text: lines.joined(separator: "\n"), line: closing + 1, before: before, after: lines[closing])
        }
        guard rest.isEmpty || rest.hasPrefix("#") else { return nil }
        // A block sequence: after its last `- ` item.
        var last = keyLine
        var itemIndent = idColumn + 2
        for index in (keyLine + 1)..<end {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("- ") || trimmed == "-" else {
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                break
            }
            last = index
            itemIndent = indent(of: lines[index])
        }
        let added = String(repeating: " ", count: itemIndent) + "- " + item
        lines.insert(added, at: last + 1)
        return CatalogueAliasEdit(text: lines.joined(separator: "\n"), line: last + 2, before: nil, after: added)
    }

    /// `  - id: school_code` → ("school_code", the column `id` starts at).
    static func entryID(in line: String) -> (id: String, column: Int)? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("- ") else { return nil }
        let afterDash = trimmed.dropFirst(2).drop { $0 == " " }
        guard afterDash.hasPrefix("id:") else { return nil }
        let value = withoutComment(String(afterDash.dropFirst(3))).trimmingCharacters(in: .whitespaces)
            .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        return (value, indent(of: line) + 2 + trimmed.dropFirst(2).prefix { $0 == " " }.count)
    }

    /// The key a line of the entry sets at the entry's column, if any.
    static func entryKey(_ line: String, column: Int) -> String? {
        guard indent(of: line) == column else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        return String(trimmed[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
    }

    static func indent(of line: String) -> Int { line.prefix { $0 == " " }.count }

    /// The line up to a ` #` comment outside quotes.
    static func withoutComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for (offset, character) in line.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#", previous == " " {
                return String(line.prefix(offset))
            }
            previous = character
        }
        return line
    }
}

private extension String {
    func replacingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
