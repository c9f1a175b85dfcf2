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
/// 1/13.5); empty markers (—, -, /, 无, ×, blank) as missing (`marksNone` tells the markers
/// that say none, which a count may read as 0). Excel errors, dates and other text
/// are invalid, with a reason a statistician can act on.
///
/// Text that NFKC leaves as it is (ASCII, CJK ideographs) is read from its UTF-8 bytes; other text
/// goes through Foundation's NFKC first. Both give the same results.
public enum ValueParser {
    static let emptyMarkers: Set<String> = ["", "-", "--", "—", "——", "–", "/", "\\", "无", "空", "暂无", "n/a", "na", "×", "x"]
    /// The empty markers that say "none" (没有的项目填“—”或“无”), read as 0 in a count, area or money
    /// cell where the catalogue says `empty_markers: zero`. The rest (×, n/a: 不需填报, not
    /// applicable) and blank cells never give a figure.
    static let noneMarkers: Set<String> = ["-", "--", "—", "——", "–", "/", "\\", "无", "空", "暂无"]
    /// No empty marker is longer than this in UTF-8 (暂无), none starts with a digit, and none has
    /// another canonically equal spelling (tests check).
    static var longestEmptyMarker: Int { 6 }

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
        if let parsed = fastNumber(raw, describing: true) { return parsed }
        return slowNumber(raw)
    }

    /// Whether a cell `number(_:)` reads as missing holds a marker that says none (—, /, 无 …), not
    /// a blank or a not-applicable mark (×, n/a). Asked only of cells read as missing.
    public static func marksNone(_ value: CellValue) -> Bool {
        guard case .string(let raw) = value else { return false }
        let text = String(raw.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace })
        return noneMarkers.contains(text)
    }

    /// The number a cell holds, as `number(_:)` reads it, or nil: without composing the reason.
    static func numericValue(_ value: CellValue) -> Double? {
        switch value {
        case .number(let number): return number
        case .string(let text):
            let parsed = fastNumber(text, describing: false) ?? slowNumber(text)
            if case .number(let number) = parsed { return number }
            return nil
        default: return nil
        }
    }

    /// The reference path: NFKC, white space removed, then the rules below.
    static func slowNumber(_ raw: String) -> ParsedNumber {
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

    // MARK: The byte path

    @inline(__always) static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// The text NFKC leaves unchanged for certain: ASCII and CJK ideographs (U+3400–U+9FFF), which
    /// have no decomposition and compose with nothing.
    static func isNFKCInert(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
            } else if byte >= 0xE4 && byte <= 0xE9 || byte == 0xE3 && index + 1 < count && bytes[index + 1] >= 0x90 {
                index += 3
            } else {
                return false
            }
        }
        return true
    }

    /// The result for text of ASCII and CJK ideographs, read from its bytes; nil for other text.
    /// `describing` false leaves the reason of an invalid number empty.
    static func fastNumber(_ raw: String, describing: Bool) -> ParsedNumber? {
        raw.utf8.withContiguousStorageIfAvailable { bytes -> ParsedNumber? in
            var ascii = true
            var spaces = false
            for byte in bytes {
                if byte >= 0x80 { ascii = false } else if isASCIIWhitespace(byte) { spaces = true }
            }
            guard ascii || isNFKCInert(bytes) else { return nil }
            if !spaces { return number(bytes: bytes, ascii: ascii, raw: raw, describing: describing) }
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            for byte in bytes where !isASCIIWhitespace(byte) { kept.append(byte) }
            return kept.withUnsafeBufferPointer { number(bytes: $0, ascii: ascii, raw: raw, describing: describing) }
        } ?? nil
    }

    /// `text`: the cell's bytes without white space, NFKC-inert.
    private static func number(bytes text: UnsafeBufferPointer<UInt8>, ascii: Bool, raw: String, describing: Bool) -> ParsedNumber {
        let count = text.count
        // No empty marker starts with a digit, and none is longer than `longestEmptyMarker`.
        if count <= longestEmptyMarker, count == 0 || !(0x30...0x39).contains(text[0]),
           emptyMarkers.contains(String(decoding: text, as: UTF8.self).lowercased()) {
            return .missing
        }
        if count > 0, text[0] == UInt8(ascii: "#") {
            return .invalid(describing ? "the cell holds the Excel error \(String(decoding: text, as: UTF8.self))" : "")
        }
        // A CJK character is no digit, sign, separator, % or colon: such text is never a number.
        guard ascii else { return .invalid(describing ? "cannot read '\(raw)' as a number" : "") }
        if count > 0, text[count - 1] == UInt8(ascii: "%"),
           let value = plainNumber(UnsafeBufferPointer(rebasing: text[0..<(count - 1)])) {
            return .number(value / 100)
        }
        if let colon = text.firstIndex(of: UInt8(ascii: ":")),
           let left = plainNumber(UnsafeBufferPointer(rebasing: text[0..<colon])),
           let right = plainNumber(UnsafeBufferPointer(rebasing: text[(colon + 1)...])) {
            guard right != 0 else { return .invalid(describing ? "the ratio '\(raw)' divides by zero" : "") }
            return .number(left / right)
        }
        if let value = plainNumber(text) { return .number(value) }
        return .invalid(describing ? "cannot read '\(raw)' as a number" : "")
    }


    /// `plainNumber` over ASCII bytes, giving the same Double: up to 15 significant digits it is
    /// an exact integer over an exact power of ten (one correctly rounded division, as strtod
    /// rounds); longer numbers go through `Double(String)`.
    static func plainNumber(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = text.count
        guard count > 0 else { return nil }
        var start = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            start = 1
        }
        // The integer part: digits, with commas only between groups of three after a head of one to three.
        var dot = count
        var integerDigits = 0
        var groupLength = 0
        var commas = 0
        var index = start
        while index < count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                dot = index
                break
            }
            if byte == UInt8(ascii: ",") {
                if commas == 0 {
                    guard (1...3).contains(groupLength) else { return nil }
                } else {
                    guard groupLength == 3 else { return nil }
                }
                commas += 1
                groupLength = 0
            } else if (0x30...0x39).contains(byte) {
                integerDigits += 1
                groupLength += 1
            } else {
                return nil
            }
            index += 1
        }
        if commas > 0 { guard groupLength == 3 else { return nil } }
        var fractionDigits = 0
        if dot < count {
            var position = dot + 1
            while position < count {
                guard (0x30...0x39).contains(text[position]) else { return nil }  // a second '.' as well
                fractionDigits += 1
                position += 1
            }
        }
        let hasDot = dot < count
        guard integerDigits > 0 || hasDot else { return nil }
        guard !(integerDigits == 0 && fractionDigits == 0) else { return nil }
        if integerDigits + fractionDigits <= 15 {
            var mantissa: Int64 = 0
            for position in start..<count {
                let byte = text[position]
                if (0x30...0x39).contains(byte) { mantissa = mantissa * 10 + Int64(byte - 0x30) }
            }
            var scale = 1.0  // 10^fractionDigits, exact up to 10^22
            for _ in 0..<fractionDigits { scale *= 10 }
            let value = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / scale
            return negative ? -value : value
        }
        var literal = negative ? "-" : ""
        literal.reserveCapacity(count + 2)
        if integerDigits == 0 { literal += "0" }
        for position in start..<count where text[position] != UInt8(ascii: ",") {
            literal.unicodeScalars.append(Unicode.Scalar(text[position]))
        }
        if fractionDigits == 0, hasDot { literal.removeLast() }
        return Double(literal)
    }

    // MARK: Text

    /// Trimmed of white space and line breaks at both ends (Foundation's `whitespacesAndNewlines`),
    /// without Foundation when the ends are plainly not white space (ASCII, CJK) or the text is ASCII.
    static func trimmed(_ text: String) -> String {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard let first = bytes.first, let last = bytes.last else { return text }
            if isPlainEnd(bytes, at: 0), isPlainEnd(bytes, at: lastScalarStart(bytes)) { return text }
            guard first < 0x80, last < 0x80, !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var low = 0, high = bytes.count
            while low < high, isASCIIWhitespace(bytes[low]) { low += 1 }
            while high > low, isASCIIWhitespace(bytes[high - 1]) { high -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self)
        }
        if let found, let found { return found }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Where the last scalar starts (the text is valid UTF-8).
    private static func lastScalarStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = bytes.count - 1
        while index > 0, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return index
    }

    /// The scalar at a position is certainly not white space: ASCII other than white space, or a
    /// CJK ideograph (U+3400–U+9FFF).
    private static func isPlainEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return !isASCIIWhitespace(byte) }
        guard index + 2 < bytes.count else { return false }
        return byte >= 0xE4 && byte <= 0xE9 || byte == 0xE3 && bytes[index + 1] >= 0x90
    }

    /// Identity text: a string trimmed (full-width spaces too); a number cell as an integer when
    /// it is one (a school code typed as a number); nil for empty markers.
    public static func text(_ value: CellValue) -> String? {
        switch value {
        case .string(let text):
            let trimmed = trimmed(text)
            let utf8 = trimmed.utf8
            guard utf8.count <= longestEmptyMarker, !(utf8.first.map { (0x30...0x39).contains($0) } ?? false) else { return trimmed }
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
        guard let text = text(value) else { return nil }
        if let year = fastFirstYear(in: text) { return year }
        return firstYear(in: text.precomposedStringWithCompatibilityMapping)
    }

    /// The first four-digit run from 1990 to 2100 in a text ("青石县城关镇2024年小学…" → 2024).
    public static func firstYear(in text: String) -> Int? {
        if let year = fastFirstYear(in: text) { return year }
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

    /// `firstYear` for NFKC-inert text, from its bytes: .some(nil) when it names no year, nil
    /// when the text needs NFKC first.
    private static func fastFirstYear(in text: String) -> Int?? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Int?? in
            guard isNFKCInert(bytes) else { return nil }
            var run = 0
            var value = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: " ")
                if (0x30...0x39).contains(byte) {
                    run += 1
                    if run <= 4 { value = value * 10 + Int(byte - 0x30) }
                    continue
                }
                if run == 4, (1990...2100).contains(value) { return .some(value) }
                run = 0
                value = 0
            }
            return .some(nil)
        } ?? nil
    }
}
