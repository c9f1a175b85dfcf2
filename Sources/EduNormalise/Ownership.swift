import Foundation

/// Who runs a school, from its 性质/举办者 cell as returns write it (`831县级教育部门`, `999民办`,
/// `教育部门`, `民办`): the statistical 举办者 code when the cell starts with one, else its words.
public enum Ownership: String, Sendable {
    case `public`
    case `private`

    /// Words that mark a public sponsor; 民办 is looked for first, so 民办事业单位 stays private.
    static let publicWords = ["教育部门", "部门", "公办", "事业单位", "国有", "集体"]

    /// Nil when the text says neither (a blank cell, 其他).
    public init?(written: String) {
        let text = written.trimmingCharacters(in: .whitespacesAndNewlines)
        if let code = Self.leadingCode(text) {
            // 举办者 codes: 9xx are private (民办) sponsors; 8xx and the others are public bodies.
            self = code.first == 9 ? .private : .public
        } else if text.contains("民办") {
            self = .private
        } else if Self.publicWords.contains(where: text.contains) {
            self = .public
        } else {
            return nil
        }
    }

    /// The digits of a leading three-digit code (ASCII or full-width, as WPS may write them);
    /// nil when the text starts with fewer or more digits.
    static func leadingCode(_ text: String) -> [Int]? {
        var digits: [Int] = []
        for scalar in text.unicodeScalars {
            guard let digit = Self.digit(scalar) else { break }
            digits.append(digit)
            if digits.count > 3 { return nil }
        }
        return digits.count == 3 ? digits : nil
    }

    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: return nil
        }
    }
}
