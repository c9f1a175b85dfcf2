import EduZip

/// XML text built as UTF-8 bytes, for the package's parts. `text` and `attribute` escape as
/// XML 1.0 and ECMA-376 require; `flush` hands what has accumulated to the open ZIP entry, so a
/// long sheet is streamed in chunks rather than held whole.
struct XMLWriter {
    static let chunkSize = 64 * 1024
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    private(set) var bytes: [UInt8] = []

    init(declaration: Bool = true) {
        bytes.reserveCapacity(Self.chunkSize + 4096)
        if declaration { raw(Self.declaration) }
    }

    /// Markup written as given.
    mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    mutating func int(_ value: Int) {
        raw(String(value))
    }

    mutating func number(_ value: Double) {
        raw(Self.numberText(value))
    }

    /// Element text. `spreadsheet`: an ST_Xstring (ECMA-376 Part 1, §22.9.2.19), where
    /// characters XML 1.0 cannot carry are written `_xHHHH_` as Excel does (a carriage return
    /// too, which parsers would turn into a line feed) and an underscore that would start such
    /// an escape becomes `_x005F_`. Otherwise those characters are left out.
    mutating func text(_ text: String, spreadsheet: Bool = true) {
        escape(text, inAttribute: false, spreadsheet: spreadsheet)
    }

    /// An attribute value (in double quotes): as `text`, with quotes and whitespace characters
    /// as character references, which attribute normalisation would otherwise turn into spaces.
    mutating func attribute(_ text: String, spreadsheet: Bool = false) {
        escape(text, inAttribute: true, spreadsheet: spreadsheet)
    }

    /// Appends what has accumulated to the open entry when a chunk's worth has (or, with
    /// `force`, whatever there is).
    mutating func flush(to zip: ZipWriter, force: Bool = false) throws(ZipWriteError) {
        guard force ? !bytes.isEmpty : bytes.count >= Self.chunkSize else { return }
        try zip.write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Shortest text that reads back as the same Double: whole numbers below 2^53 as integers,
    /// others as Swift prints them ("0.1", "1.5e-07", "1e+20"), which xsd:double accepts.
    static func numberText(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }

    /// True when `text` needs xml:space="preserve" to keep its spaces: leading or trailing
    /// whitespace, or a tab or line break inside.
    static func needsPreserve(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first.properties.isWhitespace || last.properties.isWhitespace { return true }
        return text.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    private mutating func escape(_ text: String, inAttribute: Bool, spreadsheet: Bool) {
        var copy = text
        copy.withUTF8 { source in
            guard source.contains(where: { Self.mayNeedEscape($0, inAttribute: inAttribute) }) else {
                bytes.append(contentsOf: source)
                return
            }
            var index = 0
            while index < source.count {
                let byte = source[index]
                index += 1
                switch byte {
                case UInt8(ascii: "&"): raw("&amp;")
                case UInt8(ascii: "<"): raw("&lt;")
                case UInt8(ascii: ">"): raw("&gt;")
                case UInt8(ascii: "\"") where inAttribute: raw("&quot;")
                case 0x09, 0x0A:
                    if inAttribute { raw(byte == 0x09 ? "&#9;" : "&#10;") } else { bytes.append(byte) }
                case 0x0D:
                    if inAttribute { raw("&#13;") } else if spreadsheet { raw("_x000D_") }
                case 0x00..<0x20:
                    if spreadsheet { raw(Self.escapeCode(UInt16(byte))) }
                case UInt8(ascii: "_") where spreadsheet && Self.startsEscape(source, at: index - 1):
                    raw("_x005F_")
                case 0xEF where index + 1 < source.count && source[index] == 0xBF
                    && (source[index + 1] == 0xBE || source[index + 1] == 0xBF):
                    // U+FFFE and U+FFFF: not XML characters.
                    if spreadsheet { raw(source[index + 1] == 0xBE ? "_xFFFE_" : "_xFFFF_") }
                    index += 2
                default:
                    bytes.append(byte)
                }
            }
        }
    }

    @inline(__always)
    private static func mayNeedEscape(_ byte: UInt8, inAttribute: Bool) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "_") || byte == 0xEF || (inAttribute && byte == UInt8(ascii: "\""))
    }

    /// "_x" + four hex digits + "_" at `index`: text a reader would decode as an escape.
    private static func startsEscape(_ source: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 7 <= source.count, source[index + 1] == UInt8(ascii: "x"),
              source[index + 6] == UInt8(ascii: "_") else { return false }
        return source[(index + 2)..<(index + 6)].allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }

    static func escapeCode(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: 4 - digits.count) + digits + "_"
    }
}
