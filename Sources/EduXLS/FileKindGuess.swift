/// What a file named .xls looks like when it is not a compound file, for the error message:
/// web systems often export an HTML table or an Excel 2003 XML spreadsheet as ".xls", and an
/// .xlsx is sometimes renamed.
enum FileKindGuess {
    static func describe(_ head: ArraySlice<UInt8>) -> String {
        guard !head.isEmpty else { return "it is empty" }
        if head.starts(with: [0x50, 0x4B]) { return "it is a ZIP archive, perhaps an .xlsx named .xls" }
        var text = head
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        guard !text.contains(where: { $0 < 0x09 || (0x0E..<0x20).contains($0) }) else { return "it holds data of an unknown kind" }
        let lowered = String(decoding: text.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
        if lowered.contains("<html") || lowered.contains("<table") { return "it is an HTML page, as web systems export tables" }
        if lowered.contains("urn:schemas-microsoft-com:office:spreadsheet") { return "it is an Excel 2003 XML spreadsheet" }
        return "it is text, perhaps a CSV file named .xls"
    }
}
