/// libxml2's error text as one line of a sentence: its messages end in a newline and some carry
/// more lines ("Input is not proper UTF-8, indicate encoding !\nBytes: 0xB2 0xE2 …").
enum LibXMLMessage {
    static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: " \t") }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return text
    }
}
