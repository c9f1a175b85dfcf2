/// UTF-8 validation by the well-formed byte sequences of Unicode's Table 3-7, with an ASCII fast
/// path eight bytes at a time: it decides a file's encoding and repairs invalid UTF-8.
enum UTF8Validation {
    enum Stop: Equatable {
        /// Every byte belongs to a complete, valid sequence.
        case end
        /// The byte at `length` cannot start or continue a valid sequence.
        case invalid
        /// The bytes from `length` on are a valid but unfinished sequence cut by the end of the input.
        case truncated
    }

    /// The longest prefix made of complete, valid sequences, and what ends it.
    static func validPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> (length: Int, stop: Stop) {
        guard let p = bytes.baseAddress else { return (0, .end) }
        let n = bytes.count
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i < n {
            // ASCII runs dominate: skip them a word at a time.
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let lead = p[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // the second byte's range
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return (i, .invalid)
            }
            for k in 1..<length {
                guard i + k < n else { return (i, .truncated) }
                let byte = p[i + k]
                let ok = k == 1 ? (byte >= low && byte <= high) : (byte & 0xC0 == 0x80)
                if !ok { return (i, .invalid) }
            }
            i += length
        }
        return (n, .end)
    }
}
