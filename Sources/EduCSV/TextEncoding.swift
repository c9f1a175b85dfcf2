/// The character encodings CSV returns arrive in. GB18030 is a superset of GBK and GB2312, so
/// files Chinese Excel saves as "CSV (逗号分隔)" read as GB18030 whatever their code page says.
public enum TextEncoding: Hashable, Sendable, CustomStringConvertible {
    case utf8
    case gb18030
    case utf16LittleEndian
    case utf16BigEndian
    /// Any other encoding glibc's iconv knows by this name (BIG5, say), for `--encoding`.
    case other(String)

    /// Reads an `--encoding` value: utf-8, gb18030 (gbk, gb2312, cp936), utf-16le, utf-16be,
    /// or another name iconv accepts (checked when the file is opened).
    public init(name: String) {
        let folded = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        switch folded {
        case "utf-8", "utf8", "utf-8-sig": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936", "936", "euc-cn": self = .gb18030
        case "utf-16le", "utf16le", "utf-16", "utf16", "ucs-2le": self = .utf16LittleEndian
        case "utf-16be", "utf16be", "ucs-2be": self = .utf16BigEndian
        default: self = .other(name)
        }
    }

    /// The name iconv_open(3) takes.
    var iconvName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .gb18030: return "GB18030"
        case .utf16LittleEndian: return "UTF-16LE"
        case .utf16BigEndian: return "UTF-16BE"
        case .other(let name): return name
        }
    }

    /// The byte-order mark that announces this encoding, if it has one.
    var byteOrderMark: [UInt8]? {
        switch self {
        case .utf8: return [0xEF, 0xBB, 0xBF]
        case .utf16LittleEndian: return [0xFF, 0xFE]
        case .utf16BigEndian: return [0xFE, 0xFF]
        case .gb18030, .other: return nil
        }
    }

    public var description: String { iconvName.uppercased() }
}

/// The encoding a file is read in, and why it was chosen.
public struct EncodingChoice: Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The file starts with this encoding's byte-order mark.
        case byteOrderMark
        /// No byte-order mark, and every byte sequence of the file is valid UTF-8.
        case validUTF8
        /// No byte-order mark, and the file is not valid UTF-8 from this byte offset on.
        case notUTF8(firstInvalidByte: Int)
        /// Given with `--encoding`.
        case requested
    }

    public var encoding: TextEncoding
    public var reason: Reason
    /// Bytes of a byte-order mark skipped at the start of the file.
    public var byteOrderMarkLength: Int

    public init(encoding: TextEncoding, reason: Reason, byteOrderMarkLength: Int = 0) {
        self.encoding = encoding
        self.reason = reason
        self.byteOrderMarkLength = byteOrderMarkLength
    }

    /// "GB18030 (detected: not valid UTF-8)", "UTF-8 with byte-order mark".
    public var description: String {
        switch reason {
        case .byteOrderMark: return "\(encoding) with byte-order mark"
        case .validUTF8: return "\(encoding) (detected)"
        case .notUTF8: return "\(encoding) (detected: not valid UTF-8)"
        case .requested: return byteOrderMarkLength > 0 ? "\(encoding) with byte-order mark (--encoding)" : "\(encoding) (--encoding)"
        }
    }
}
