/// The shared string table (ECMA-376 Part 1, §18.4): each <si> is plain text in <t>, or rich text
/// whose <r> runs are joined; phonetic runs (<rPh>, furigana/pinyin guides) are not part of the text.
struct SharedStrings {
    var strings: [String] = []

    static func parse(_ bytes: [UInt8]) throws(XLSXError.Reason) -> SharedStrings {
        let handler = SharedStringsHandler()
        try XMLPushParser.parse(bytes, with: handler)
        return SharedStrings(strings: handler.strings)
    }
}

private final class SharedStringsHandler: XMLContentHandler {
    var strings: [String] = []
    let failure: XLSXError.Reason? = nil
    private var text = TextRuns()
    private var inItem = false
    private var capturing = false
    private var phoneticDepth = 0

    func startElement(_ name: XMLName, attributes: XMLAttributes) {
        guard name.namespace.isSpreadsheet else { return }
        if name.is("si") {
            inItem = true
            text.reset()
        } else if name.is("t") {
            capturing = inItem && phoneticDepth == 0
            if capturing { text.beginRun(attributes) }
        } else if name.is("rPh") {
            phoneticDepth += 1
        }
    }

    func endElement(_ name: XMLName) {
        guard name.namespace.isSpreadsheet else { return }
        if name.is("t") {
            if capturing { text.endRun() }
            capturing = false
        } else if name.is("rPh") {
            phoneticDepth -= 1
        } else if name.is("si") {
            inItem = false
            strings.append(text.text)
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if capturing { text.append(bytes) }
    }
}
