/// OOXML's escape for characters XML cannot carry (ECMA-376 Part 1, §22.9.2.19 ST_Xstring):
/// `_xHHHH_` stands for the UTF-16 code unit HHHH, and `_x005F_` escapes the underscore that
/// starts a literal "_xHHHH_".
enum EscapedText {
    /// Decodes the escapes in UTF-8 text; returns the text unchanged when it has none.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard mayContainEscape(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        var units: [UInt16] = []
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let unit = escape(in: bytes, at: index) {
                units.append(unit)
                index += 7
                continue
            }
            flush(&units, into: &output)
            output.append(bytes[index])
            index += 1
        }
        flush(&units, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func decode(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { decode($0) }
    }

    @inline(__always)
    private static func mayContainEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 7 else { return false }
        for index in 0...(bytes.count - 7) where bytes[index] == UInt8(ascii: "_") && bytes[index + 1] == UInt8(ascii: "x") {
            return true
        }
        return false
    }

    /// The code unit of an escape starting at `index`, if one does.
    private static func escape(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt16? {
        guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
              bytes[index + 6] == UInt8(ascii: "_") else { return nil }
        var value: UInt16 = 0
        for offset in 2..<6 {
            guard let digit = PackagePath.hexValue(bytes[index + offset]) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Escaped UTF-16 units, surrogate pairs included, appended as UTF-8.
    private static func flush(_ units: inout [UInt16], into output: inout [UInt8]) {
        guard !units.isEmpty else { return }
        for scalar in String(decoding: units, as: UTF16.self).utf8 { output.append(scalar) }
        units.removeAll(keepingCapacity: true)
    }
}
