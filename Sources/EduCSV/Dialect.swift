/// How fields are separated, and why that separator was chosen. Quoting is always RFC 4180's
/// double quote.
public struct Dialect: Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// Scored best of the candidates on the first records of the file.
        case detected
        /// No candidate separates fields anywhere in the sample: one column.
        case singleColumn
        /// Given with `--delimiter`.
        case requested
    }

    public var delimiter: UInt8
    public var reason: Reason

    public init(delimiter: UInt8, reason: Reason) {
        self.delimiter = delimiter
        self.reason = reason
    }

    /// The candidates the sniffer weighs, in the order that breaks ties.
    public static let candidates: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: ";"), UInt8(ascii: "|")]

    /// Reads a `--delimiter` value: a single ASCII character, or comma, tab, semicolon, pipe
    /// (also "\t" as typed in a shell); nil when it is none of these or a quote or line end.
    public static func delimiter(named name: String) -> UInt8? {
        switch name.lowercased() {
        case "comma": return UInt8(ascii: ",")
        case "tab", "\\t": return 0x09
        case "semicolon": return UInt8(ascii: ";")
        case "pipe", "bar", "vertical-bar": return UInt8(ascii: "|")
        default:
            let bytes = Array(name.utf8)
            guard bytes.count == 1, bytes[0] < 0x80, ![UInt8(ascii: "\""), 0x0A, 0x0D].contains(bytes[0]) else { return nil }
            return bytes[0]
        }
    }

    public static func name(of delimiter: UInt8) -> String {
        switch delimiter {
        case UInt8(ascii: ","): return "comma"
        case 0x09: return "tab"
        case UInt8(ascii: ";"): return "semicolon"
        case UInt8(ascii: "|"): return "vertical bar"
        default: return "'\(String(decoding: [delimiter], as: UTF8.self))'"
        }
    }

    /// "comma (detected)", "tab (--delimiter)".
    public var description: String {
        switch reason {
        case .detected: return "\(Self.name(of: delimiter)) (detected)"
        case .singleColumn: return "none found, one column"
        case .requested: return "\(Self.name(of: delimiter)) (--delimiter)"
        }
    }
}
