/// A county's 行政区划代码: six ASCII digits, wherever it comes from (a flag, a pipeline file, a
/// return's cell). Full-width digits (３６０３２１, as Chinese input methods type them) are folded
/// to ASCII and the caller says so; any other text, other numerals (一二三四五六, ٣٦٠…) included,
/// is not a county code.
public struct CountyCode: Hashable, Sendable, CustomStringConvertible {
    /// The six ASCII digits.
    public let digits: String
    /// The text as written, when it was not already six ASCII digits (full-width digits folded).
    public let folded: String?

    /// Nil when the text (surrounding white space aside) is not six ASCII or full-width digits.
    public init?(_ written: String) {
        guard let ascii = Self.asciiDigits(written), ascii.count == 6 else { return nil }
        digits = String(decoding: ascii, as: UTF8.self)
        folded = digits == written ? nil : written
    }

    /// A return's 行政区划代码 cell may hold a longer area code — 9 digits for a township, 12 for the
    /// statistical code of a place — which starts with its county's six: those six, noted.
    public init?(areaCode written: String) {
        guard let ascii = Self.asciiDigits(written), [6, 9, 12].contains(ascii.count) else { return nil }
        digits = String(decoding: ascii.prefix(6), as: UTF8.self)
        folded = digits == written ? nil : written
        areaCodeLength = ascii.count == 6 ? nil : ascii.count
    }

    /// The text's digits as ASCII bytes (full-width ones folded), surrounding white space aside;
    /// nil when anything else is in it.
    private static func asciiDigits(_ written: String) -> [UInt8]? {
        var ascii: [UInt8] = []
        for scalar in written.trimmingWhiteSpace().unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: ascii.append(UInt8(scalar.value))
            case 0xFF10...0xFF19: ascii.append(UInt8(scalar.value - 0xFF10 + 0x30))
            default: return nil
            }
        }
        return ascii
    }

    /// The length of the longer area code the county was taken from, if it was.
    public private(set) var areaCodeLength: Int?

    public var description: String { digits }

    /// Why `written` is not a county code, for the sentence that refuses it.
    public static func problem(_ written: String) -> String {
        "'\(written)' is not a six-digit 行政区划代码 such as 360321 (ASCII digits 0–9)"
    }

    /// Said when the code was written otherwise: "'３６０３２１' read as 360321".
    public var foldingNote: String? {
        if let length = areaCodeLength, let folded { return "'\(folded)' is a \(length)-digit area code: its county is \(digits)" }
        return folded.map { "'\($0)' read as \(digits) (full-width digits folded to ASCII)" }
    }
}

extension String {
    func trimmingWhiteSpace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
