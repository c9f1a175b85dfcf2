#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes BIFF5's 8-bit text (cell labels, sheet names, number formats) from the workbook's
/// code page (its CODEPAGE record: 936 GBK, 10008 Mac Simplified Chinese, 1252 ...) through
/// iconv(3): the only place this module calls it. Owns the conversion descriptor.
final class CodePageDecoder {
    let codePage: Int
    /// The iconv name used, or nil when iconv knows none for the code page (then bytes are read as
    /// Windows-1252, and the workbook carries a warning).
    let encodingName: String?
    private let descriptor: iconv_t?
    /// Bytes that were not valid in the code page and became U+FFFD.
    private(set) var replacedBytes = 0

    /// Windows-1252 when a BIFF5 workbook has no CODEPAGE record ([MS-XLS] 2.4.52).
    static let defaultCodePage = 1252

    init(codePage: Int) {
        self.codePage = codePage
        var opened: (String, iconv_t)?
        for name in Self.iconvNames(for: codePage) {
            if let descriptor = iconv_open("UTF-8", name), descriptor != iconv_t(bitPattern: -1) {
                opened = (name, descriptor)
                break
            }
        }
        if let opened {
            encodingName = opened.0
            descriptor = opened.1
        } else {
            encodingName = nil
            descriptor = iconv_open("UTF-8", "CP1252").flatMap { $0 == iconv_t(bitPattern: -1) ? nil : $0 }
        }
    }

    deinit {
        if let descriptor { iconv_close(descriptor) }
    }

    /// iconv names to try for a Windows or Mac code page, the most complete first.
    static func iconvNames(for codePage: Int) -> [String] {
        switch codePage {
        case 367, 20127: return ["ASCII"]
        case 936: return ["GB18030", "GBK"]                 // GBK; GB18030 is its superset
        case 10008: return ["GB2312", "EUC-CN", "GB18030"]  // Mac Simplified Chinese is GB 2312 (EUC-CN)
        case 950, 10002: return ["CP950", "BIG5-HKSCS", "BIG5"]
        case 932, 10001: return ["CP932", "SHIFT_JIS"]
        case 949, 10003: return ["CP949", "EUC-KR"]
        case 1361: return ["JOHAB"]
        case 10000, 32768: return ["MACINTOSH"]
        case 10007: return ["MAC-CYRILLIC", "MACCYRILLIC"]
        case 1200, 1201, 32769: return ["CP1252"]          // not 8-bit code pages; read as Windows-1252
        default: return ["CP\(codePage)"]
        }
    }

    /// The text of `bytes`; ASCII needs no conversion.
    func decode(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        guard let descriptor else { return String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self) }
        _ = iconv(descriptor, nil, nil, nil, nil)  // back to the initial shift state
        var input = Array(bytes)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                while inLeft > 0 {
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    guard result == -1 else { break }
                    // EILSEQ or EINVAL (a character cut short): U+FFFD for one byte, then on.
                    guard outLeft >= 3, errno != E2BIG else { break }
                    for byte: UInt8 in [0xEF, 0xBF, 0xBD] {
                        outPointer?.pointee = CChar(bitPattern: byte)
                        outPointer = outPointer.map { $0 + 1 }
                    }
                    outLeft -= 3
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                    replacedBytes += 1
                }
                produced = outBuffer.count - outLeft
            }
        }
        return String(decoding: output[..<produced], as: UTF8.self)
    }
}
