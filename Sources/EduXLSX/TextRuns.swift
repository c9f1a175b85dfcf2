/// Collects the text of <t> elements into one buffer. Without xml:space="preserve" a <t>'s
/// leading and trailing XML whitespace is not part of the text (Excel writes the attribute
/// whenever such whitespace matters, and drops the whitespace when it is missing).
struct TextRuns {
    private(set) var bytes: [UInt8] = []
    private var runStart = 0
    private var preservesSpace = false

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func beginRun(_ attributes: XMLAttributes) {
        runStart = bytes.count
        preservesSpace = attributes.value("space").map { $0.elementsEqual("preserve".utf8) } ?? false
    }

    @inline(__always)
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: text)
    }

    mutating func endRun() {
        guard !preservesSpace, runStart < bytes.count else { return }
        var end = bytes.count
        while end > runStart, Self.isXMLSpace(bytes[end - 1]) { end -= 1 }
        var start = runStart
        while start < end, Self.isXMLSpace(bytes[start]) { start += 1 }
        if end < bytes.count { bytes.removeSubrange(end...) }
        if start > runStart { bytes.removeSubrange(runStart..<start) }
    }

    var text: String { bytes.withUnsafeBufferPointer(EscapedText.decode) }

    @inline(__always)
    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
