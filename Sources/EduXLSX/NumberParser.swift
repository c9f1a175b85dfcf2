#if canImport(Glibc)
import Glibc
#endif

/// Numbers as OOXML writes them in <v> (xsd:double: "12", "-0.5", "1.5E-3", "INF" is not used).
enum NumberParser {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// Parses a decimal number; nil when the bytes are not one.
    @inline(__always)
    static func parse(_ bytes: [UInt8]) -> Double? {
        if let value = fastPath(bytes) { return value }
        return bytes.withUnsafeBufferPointer(slowPath)
    }

    /// Plain decimals with at most 15 significant digits: the mantissa and 10^k are exact
    /// doubles, so one division is correctly rounded (Clinger's fast path).
    @inline(__always)
    private static func fastPath(_ bytes: [UInt8]) -> Double? {
        var index = 0
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            index = 1
        }
        var mantissa: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                mantissa = mantissa &* 10 &+ Int64(byte &- UInt8(ascii: "0"))
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        var value = Double(mantissa)
        if fractionDigits > 0 { value /= powersOfTen[fractionDigits] }
        return negative ? -value : value
    }

    private static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var text = Array(bytes)
        while let last = text.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\n") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r") {
            text.removeLast()
        }
        while let first = text.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\n") || first == UInt8(ascii: "\t") || first == UInt8(ascii: "\r") {
            text.removeFirst()
        }
        guard !text.isEmpty, text.allSatisfy({ byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "+-.eE".utf8.contains(byte)
        }) else { return nil }
        text.append(0)
        return text.withUnsafeBufferPointer { buffer -> Double? in
            buffer.withMemoryRebound(to: CChar.self) { chars -> Double? in
                guard let start = chars.baseAddress else { return nil }
                var end: UnsafeMutablePointer<CChar>?
                let value = strtod(start, &end)
                // All of it read (up to the terminating 0 appended above), and finite: "1E400" is no number.
                guard let end, end == UnsafeMutablePointer(mutating: start + (chars.count - 1)) else { return nil }
                return value.isFinite ? value : nil
            }
        }
    }
}

