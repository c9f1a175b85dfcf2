import EduZip

/// The workbook's shared strings (ECMA-376 Part 1, §18.4): each distinct text once, in the
/// order first used; cells point at their index. Written out as xl/sharedStrings.xml.
struct SharedStringTable {
    private var strings: [String] = []
    private var indexes: [String: Int] = [:]
    /// Cells that point at a string (the sst's count attribute).
    private var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indexes[text] { return index }
        strings.append(text)
        indexes[text] = strings.count - 1
        return strings.count - 1
    }

    /// xl/sharedStrings.xml, streamed into the open entry.
    func write(to zip: ZipWriter) throws(ZipWriteError) {
        var xml = XMLWriter()
        xml.raw(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"count="\#(references)" uniqueCount="\#(strings.count)">"#)
        for text in strings {
            xml.raw(XMLWriter.needsPreserve(text) ? #"<si><t xml:space="preserve">"# : "<si><t>")
            xml.text(text)
            xml.raw("</t></si>")
            try xml.flush(to: zip)
        }
        xml.raw("</sst>")
        try xml.flush(to: zip, force: true)
    }
}
