import EduCore
import Foundation

/// What a cell of a mapped numeric column says: a number in the column's unit, nothing (an
/// empty marker), or something that cannot be a number, with the reason.
public enum ParsedNumber: Hashable, Sendable {
    case number(Double)
    case missing
    case invalid(String)
}

/// Reads numbers as returns write them: number cells; text with thousands separators
/// ("1,754,914"), full-width digits ("１４"), percentages ("91.7%" → 0.917), ratios ("1:13.5" →
/// 1/13.5); empty markers (—, -, /, 无, blank) as missing. Excel errors, dates and other text
/// are invalid, with a reason a statistician can act on.
public enum ValueParser {
    static let emptyMarkers: Set<String> = ["", "-", "--", "—", "——", "–", "/", "\\", "无", "空", "暂无", "n/a", "na", "×", "x"]

    public static func number(_ value: CellValue) -> ParsedNumber {
        switch value {
        case .number(let number): return .number(number)
        case .string(let text): return number(text)
        case .error(let text): return .invalid("the cell holds the Excel error \(text)")
        case .bool: return .invalid("the cell holds TRUE/FALSE, not a number")
        case .date(let date): return .invalid("the cell holds the date \(date.iso8601), not a number")
        case .duration: return .invalid("the cell holds a time, not a number")
        }
    }

    public static func number(_ raw: String) -> ParsedNumber {
        let text = String(raw.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace })
        if emptyMarkers.contains(text.lowercased()) { return .missing }
        if text.hasPrefix("#") { return .invalid("the cell holds the Excel error \(text)") }
        if text.hasSuffix("%"), let value = plainNumber(text.dropLast()) { return .number(value / 100) }
        if let colon = text.firstIndex(of: ":"), let left = plainNumber(text[..<colon]),
           let right = plainNumber(text[text.index(after: colon)...]) {
            guard right != 0 else { return .invalid("the ratio '\(raw)' divides by zero") }
            return .number(left / right)
        }
        if let value = plainNumber(text[...]) { return .number(value) }
        return .invalid("cannot read '\(raw)' as a number")
    }

    /// Digits with an optional sign and decimal point, thousands separators only in groups of three.
    static func plainNumber(_ text: Substring) -> Double? {
        guard !text.isEmpty else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        var integer = parts[0]
        var sign = ""
        if let first = integer.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            integer = integer.dropFirst()
        }
        let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard let head = groups.first, (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let digits = groups.joined()
        guard !digits.isEmpty || parts.count == 2, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), !(digits.isEmpty && fraction.isEmpty) else { return nil }
        return Double(sign + (digits.isEmpty ? "0" : digits) + (fraction.isEmpty ? "" : "." + fraction))
    }

    /// Identity text: a string trimmed (full-width spaces too); a number cell as an integer when
    /// it is one (a school code typed as a number); nil for empty markers.
    public static func text(_ value: CellValue) -> String? {
        switch value {
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return emptyMarkers.contains(trimmed) ? nil : trimmed
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .date(let date): return date.iso8601
        case .bool(let flag): return flag ? "TRUE" : "FALSE"
        case .duration(let days): return String(days)
        case .error: return nil
        }
    }

    /// The cell as written, for messages and provenance.
    public static func rawText(_ value: CellValue) -> String {
        switch value {
        case .string(let text): return text
        case .error(let text): return text
        default: return text(value) ?? ""
        }
    }

    /// A school year: 2024, "2024", "2024年", "2024学年", "2024-2025", "2024—2025学年" → 2024
    /// (the year the school year starts). Nil when no plausible year is there.
    public static func year(_ value: CellValue) -> Int? {
        if case .number(let number) = value, number == number.rounded(), (1990...2100).contains(number) { return Int(number) }
        guard let text = text(value)?.precomposedStringWithCompatibilityMapping else { return nil }
        return firstYear(in: text)
    }

    /// The first four-digit run from 1990 to 2100 in a text ("青石县城关镇2024年小学…" → 2024).
    public static func firstYear(in text: String) -> Int? {
        var digits = ""
        for character in text.precomposedStringWithCompatibilityMapping + " " {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            if digits.count == 4, let year = Int(digits), (1990...2100).contains(year) { return year }
            digits = ""
        }
        return nil
    }
}
