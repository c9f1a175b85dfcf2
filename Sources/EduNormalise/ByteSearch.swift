/// Substring tests on folded text by its UTF-8 bytes: folded text is NFKC
/// already, so bytes compare exactly; Foundation's `contains`/`range(of:)` on Linux go through
/// CFString with a locale, which is slow and serialises the ingest's workers on a shared lock.
/// The only place this module touches raw pointers.
extension String {
    func hasBytes(_ part: String) -> Bool {
        if part.isEmpty { return true }
        var haystack = self
        var needle = part
        return haystack.withUTF8 { text in
            needle.withUTF8 { word in
                Self.find(word, in: text)
            }
        }
    }

    /// A plain scan: headers and aliases are a few dozen bytes, so nothing cleverer pays.
    private static func find(_ word: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = text.count, m = word.count
        guard m <= n, let first = word.first else { return m == 0 }
        var index = 0
        while index <= n - m {
            if text[index] == first {
                var k = 1
                while k < m && text[index + k] == word[k] { k += 1 }
                if k == m { return true }
            }
            index += 1
        }
        return false
    }

    /// The text with every occurrence of `part` replaced by `replacement`.
    func replacingBytes(_ part: String, with replacement: String) -> String {
        guard !part.isEmpty, hasBytes(part) else { return self }
        let bytes = Array(utf8)
        let needle = Array(part.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + needle.count <= bytes.count, bytes[index..<(index + needle.count)].elementsEqual(needle) {
                result.append(contentsOf: replacement.utf8)
                index += needle.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
