/// Sheet names as Excel accepts them: 1 to 31 characters (UTF-16 code units, so a character
/// outside the BMP counts two), none of \ / ? * [ ] :, no control characters, not starting or
/// ending with an apostrophe, not "History" (Excel reserves it), unique ignoring case.
public enum XLSXSheetName {
    public static let maxLength = 31
    static let forbidden: Set<Character> = ["\\", "/", "?", "*", "[", "]", ":"]

    /// `name` made valid: each forbidden character becomes "_", control characters go, leading
    /// and trailing apostrophes go, the rest is cut to 31 code units at a character boundary.
    /// An empty result becomes `fallback`.
    public static func sanitized(_ name: String, fallback: String = "Sheet1") -> String {
        var text = ""
        for character in name {
            if forbidden.contains(character) {
                text.append("_")
            } else if !character.unicodeScalars.contains(where: isControl) {
                text.append(character)
            }
        }
        while text.hasPrefix("'") { text.removeFirst() }
        while text.hasSuffix("'") { text.removeLast() }
        text = truncated(text, to: maxLength)
        while text.hasSuffix("'") { text.removeLast() }
        if text.isEmpty { return fallback }
        if text.lowercased() == "history" { return text + "_" }
        return text
    }

    /// `name` sanitized and made unique among `taken` (compared ignoring case) by a suffix
    /// " (2)", " (3)" …, the name cut to leave room for it.
    public static func unique(_ name: String, among taken: [String], fallback: String) -> String {
        let base = sanitized(name, fallback: fallback)
        let folded = Set(taken.map { $0.lowercased() })
        guard folded.contains(base.lowercased()) else { return base }
        var number = 2
        while true {
            let suffix = " (\(number))"
            var stem = truncated(base, to: maxLength - suffix.utf16.count)
            while stem.hasSuffix("'") { stem.removeLast() }
            let candidate = stem + suffix
            if !folded.contains(candidate.lowercased()) { return candidate }
            number += 1
        }
    }

    /// The longest prefix of whole characters with at most `limit` UTF-16 code units.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var result = ""
        var count = 0
        for character in text {
            let length = character.utf16.count
            guard count + length <= limit else { break }
            result.append(character)
            count += length
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
