import Foundation

/// A header cell's text made comparable, and taken apart: the words, a unit written after them
/// ((平方米), （万元）, /㎡, 单位:元), and whether it is an "of which" (其中) sub-column.
public struct HeaderText: Hashable, Sendable {
    /// The text as the cell has it.
    public var raw: String
    /// Folded, ordinal and unit removed: what is matched against aliases.
    public var core: String
    /// The unit spelling split off the end, folded ("万元", "m2"), if any.
    public var unitSpelling: String?
    /// The header starts with 其中 ("of which"): a part of its parent column, never the parent.
    public var isOfWhich: Bool
    /// What the figure takes in or leaves out, as a bracket says ((含市级、省级), (不含附设幼儿班)):
    /// taken out of `core`, for the matcher to judge against the field it names.
    public var clauses: [Clause]

    public init(_ raw: String, unitSpellings: [String]) {
        self.raw = raw
        var text = Self.fold(Self.removingCircledOrdinal(raw))
        text = Self.removingOrdinal(text)
        isOfWhich = false
        if text.hasPrefix("其中") {
            isOfWhich = true
            text = String(text.dropFirst(2).drop { $0 == ":" || $0 == "," })
        }
        (text, clauses) = Self.takingClauses(text)
        (core, unitSpelling) = Self.splittingUnit(text, spellings: unitSpellings)
    }

    /// A bracket that says what a figure includes or leaves out: (含市级、省级), (包括校级),
    /// (不含附设幼儿班), (除校级外), or the same after a comma (…教师,含市级、省级).
    public struct Clause: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// 含, 包含, 包括: the figure takes these in.
            case including
            /// 不含, 不包括, 除…外: the figure leaves these out.
            case excluding
        }

        public var kind: Kind
        /// The words after 含/不含 … ("市级、省级").
        public var words: String
        /// As folded, for notes: "(含市级、省级)".
        public var text: String
    }

    /// The words that open a clause, longest first within each kind (不含 before 含).
    static let clauseLeads: [(String, Clause.Kind)] = [
        ("不包括", .excluding), ("不包含", .excluding), ("未包括", .excluding), ("不含", .excluding), ("未含", .excluding),
        ("除", .excluding), ("其中包括", .including), ("其中含", .including), ("包括", .including), ("包含", .including),
        ("含", .including),
    ]

    /// 县级(含)以上 is 县级及以上, 45岁以下(含) is 45岁及以下: a bare (含) makes a bound inclusive.
    static let inclusiveBounds: [(String, String)] = [
        ("及以上(含)", "及以上"), ("及以下(含)", "及以下"), ("(含)及以上", "及以上"), ("(含)及以下", "及以下"),
        ("(含)以上", "及以上"), ("(含)以下", "及以下"), ("以上(含)", "及以上"), ("以下(含)", "及以下"), ("(含)", ""),
    ]

    /// The text without its clauses, and the clauses (already folded: brackets are ASCII). A
    /// bracket that opens with 含/不含 … is a clause wherever it stands; after a comma or
    /// semicolon, the rest of the text is.
    static func takingClauses(_ folded: String) -> (String, [Clause]) {
        // A text longer than a header (a note of megabytes) is not scanned bracket by bracket.
        guard folded.utf8.count <= 512, folded.hasBytes("含") || folded.hasBytes("包括") || folded.hasBytes("除") else { return (folded, []) }
        var text = folded
        for (bound, replacement) in inclusiveBounds where text.hasBytes(bound) {
            text = text.replacingOccurrences(of: bound, with: replacement)
        }
        func clause(_ inside: Substring, _ written: String) -> Clause? {
            guard let (lead, kind) = clauseLeads.first(where: { inside.hasPrefix($0.0) }) else { return nil }
            var words = inside.dropFirst(lead.count)
            if lead == "除" {
                guard words.hasSuffix("外") else { return nil }
                words = words.dropLast()
            }
            return words.isEmpty ? nil : Clause(kind: kind, words: String(words), text: written)
        }
        var clauses: [Clause] = []
        var kept = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "(", let close = Self.closingBracket(in: text, from: index) {
                let inside = text[text.index(after: index)..<close]
                if let found = clause(inside, String(text[index...close])) {
                    clauses.append(found)
                    index = text.index(after: close)
                    continue
                }
            }
            if character == "," || character == ";", let found = clause(text[text.index(after: index)...], "(" + text[text.index(after: index)...] + ")") {
                clauses.append(found)
                break
            }
            kept.append(character)
            index = text.index(after: index)
        }
        return (kept, clauses)
    }

    /// The ")" that closes the "(" at `open`, counting brackets opened inside; nil if none does.
    static func closingBracket(in text: String, from open: String.Index) -> String.Index? {
        var depth = 0
        var index = open
        while index < text.endIndex {
            if text[index] == "(" { depth += 1 }
            if text[index] == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// NFKC (full-width digits, letters, brackets, ㎡ → m2), traditional to simplified characters
    /// (ICU's Hant-Hans), white space and line breaks removed, other brackets as ( ), ASCII
    /// lower-cased, and pinyin glosses left by bad conversions dropped: 現(xiàn)代化 → 现代化.
    public static func fold(_ text: String) -> String {
        if let ascii = foldedASCII(text) { return ascii }
        // Long texts (notes, remarks) rarely repeat; short ones (headers, types, units) do.
        return text.utf8.count <= 96 ? foldCache.value(for: text) { foldedFully(text) } : foldedFully(text)
    }

    static let foldCache = MemoCache<String, String>()

    /// `fold` through Foundation's NFKC and ICU's transform, for any text.
    static func foldedFully(_ text: String) -> String {
        var folded = text.precomposedStringWithCompatibilityMapping
        if folded.unicodeScalars.contains(where: { $0.value >= 0x3400 }) {
            folded = folded.applyingTransform(StringTransform("Hant-Hans"), reverse: false) ?? folded
        }
        var result = ""
        result.reserveCapacity(folded.utf8.count)
        for character in folded {
            if character.isWhitespace { continue }
            switch character {
            case "【", "〔", "［", "「", "〈", "《": result.append("(")
            case "】", "〕", "］", "」", "〉", "》": result.append(")")
            case "：": result.append(":")
            case "，": result.append(",")
            case "、": result.append("、")
            default:
                if character.isASCII, character.isUppercase { result += character.lowercased() } else { result.append(character) }
            }
        }
        return removingPinyinGlosses(result)
    }

    /// `fold` for ASCII text, without Foundation: NFKC and Hant-Hans leave ASCII as it is, so
    /// folding is removing white space, lower-casing and dropping pinyin glosses. Nil for other text.
    static func foldedASCII(_ text: String) -> String? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var changes = false
            var bracket = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == 0x20 || (0x09...0x0D).contains(byte) || (0x41...0x5A).contains(byte) { changes = true }
                if byte == UInt8(ascii: "(") { bracket = true }
            }
            var result = text
            if changes {
                var kept: [UInt8] = []
                kept.reserveCapacity(bytes.count)
                for byte in bytes where !(byte == 0x20 || (0x09...0x0D).contains(byte)) {
                    kept.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
                }
                result = String(decoding: kept, as: UTF8.self)
            }
            return bracket ? removingPinyinGlosses(result) : result
        } ?? nil
    }

    /// "(xiàn)", "(jiao)": a bracket holding only Latin letters (tone marks allowed), two or more.
    /// Linear in the text: the next ")" is looked for once per ")" (not from every "(": a cell of
    /// megabytes of "(" took minutes), and a bracket's inside is read only up to its first
    /// character that is no pinyin letter.
    static func removingPinyinGlosses(_ text: String) -> String {
        guard text.contains("(") else { return text }
        var result = ""
        var index = text.startIndex
        var nextClose: String.Index? = text.startIndex  // the next ")" at or after `index`; nil: none left
        while index < text.endIndex {
            if text[index] == "(", let close = nextClose {
                if close <= index { nextClose = text[index...].firstIndex(of: ")") }
                if let close = nextClose {
                    let inside = text[text.index(after: index)..<close]
                    if inside.allSatisfy(isPinyinLetter), inside.count >= 2 {
                        index = text.index(after: close)
                        continue
                    }
                }
            }
            result.append(text[index])
            index = text.index(after: index)
        }
        return result
    }

    static func isPinyinLetter(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return false }
        switch scalar.value {
        case 0x61...0x7A: return true  // a-z
        case 0xE0...0xFC, 0x101, 0x113, 0x11B, 0x12B, 0x14D, 0x16B, 0x1CE, 0x1D0, 0x1D2, 0x1D4, 0x1D6, 0x1D8, 0x1DA, 0x1DC:
            return true  // vowels with tone marks, ü
        default: return false
        }
    }

    /// ① ⑴ ⒈ and the like, before NFKC turns them into plain digits.
    static func removingCircledOrdinal(_ text: String) -> String {
        let trimmed = text.drop { $0.isWhitespace }
        guard let first = trimmed.unicodeScalars.first else { return text }
        switch first.value {
        case 0x2460...0x249B, 0x2776...0x2793, 0x3251...0x325F, 0x32B1...0x32BF:
            return String(String.UnicodeScalarView(trimmed.unicodeScalars.dropFirst()))
        default:
            return text
        }
    }

    /// "1、", "1.", "(一)", "(1)", "一、", "第一", "二." at the start (already folded).
    static func removingOrdinal(_ text: String) -> String {
        let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        func isNumeral(_ c: Character) -> Bool { c.isASCII && c.isNumber || numerals.contains(c) }
        if text.hasPrefix("("), let close = text.firstIndex(of: ")") {
            let inside = text[text.index(after: text.startIndex)..<close]
            if !inside.isEmpty, inside.count <= 3, inside.allSatisfy(isNumeral) {
                return String(text[text.index(after: close)...])
            }
        }
        let digits = text.prefix { isNumeral($0) }
        if !digits.isEmpty, digits.count <= 3 {
            let rest = text.dropFirst(digits.count)
            if let mark = rest.first, ["、", ".", ")", ":"].contains(mark) {
                let after = rest.dropFirst()
                // "1.5" is a number, not an ordinal.
                if !(mark == "." && (after.first?.isNumber ?? false)) { return String(after) }
            }
        }
        return text
    }

    /// Splits a unit written at the end: "面积(平方米)" → ("面积", "平方米"); "值/万元", "值单位:元",
    /// "(单位:万元)". The spellings are folded, longest first.
    static func splittingUnit(_ text: String, spellings: [String]) -> (String, String?) {
        func unit(in candidate: Substring) -> String? {
            var inside = candidate
            if inside.hasPrefix("单位") { inside = inside.dropFirst(2).drop { $0 == ":" } }
            return spellings.first { $0 == inside }
        }
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
            if let spelling = unit(in: inside) { return (String(text[..<open]), spelling) }
        }
        if let slash = text.lastIndex(of: "/") {
            if let spelling = unit(in: text[text.index(after: slash)...]) { return (String(text[..<slash]), spelling) }
        }
        if let range = text.range(of: "单位", options: .backwards) {
            if let spelling = unit(in: text[range.lowerBound...]) {
                return (String(text[..<range.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: ",;")), spelling)
            }
        }
        return (text, nil)
    }
}
