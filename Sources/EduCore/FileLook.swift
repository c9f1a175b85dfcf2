/// What a file looks like from its first bytes, for the message that refuses it in a reader
/// that cannot read it: web systems export HTML tables or Excel 2003 XML spreadsheets under
/// spreadsheet names, and files get renamed.
public enum FileLook: Hashable, Sendable {
    case empty
    /// Starts like a ZIP archive (an .xlsx among others).
    case zip
    /// Starts with the OLE2 compound file signature (a legacy .xls, or an encrypted .xlsx).
    case compoundFile
    case html
    /// Excel 2003 XML Spreadsheet ("<?xml …" with the urn:schemas-microsoft-com:office:spreadsheet namespace).
    case xmlSpreadsheet
    case text
    case unknown

    /// [MS-CFB] 2.2: the first 8 bytes of every compound file.
    public static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    public static func of(_ head: some Collection<UInt8>) -> FileLook {
        guard !head.isEmpty else { return .empty }
        if head.starts(with: [0x50, 0x4B]) { return .zip }
        if head.starts(with: compoundFileSignature) { return .compoundFile }
        var text = head[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        guard !text.contains(where: { $0 < 0x09 || ((0x0E..<0x20).contains($0) && $0 != 0x1B) }) else { return .unknown }
        let lowered = String(decoding: text.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
        let start = lowered.drop { $0.isWhitespace }
        if start.hasPrefix("<!doctype html") || lowered.contains("<html") || lowered.contains("<table") { return .html }
        if start.hasPrefix("<?xml"), lowered.contains("urn:schemas-microsoft-com:office:spreadsheet") { return .xmlSpreadsheet }
        return .text
    }
}
