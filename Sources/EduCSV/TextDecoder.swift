/// Turns a file's bytes into UTF-8 for the parser, replacing bytes that are not valid in the
/// encoding with U+FFFD and counting them.
protocol TextDecoder {
    /// Decodes from the start of `input` and appends UTF-8 to `output`. Returns the bytes
    /// consumed: fewer than `input.count` only when the input ends inside a character and more
    /// may follow (`final` false); the caller hands the rest in again with the next bytes.
    mutating func decode(_ input: UnsafeBufferPointer<UInt8>, final: Bool, into output: ByteBuffer) throws(CSVError) -> Int
    var replacements: ReplacementTally { get set }
}

/// Bytes replaced with U+FFFD so far, and where the very first replacement went.
struct ReplacementTally {
    private(set) var bytes = 0
    /// The index in the output buffer of the first replacement, set by the decode call that wrote
    /// it; the caller takes it (sets it back to nil) after each call, as the buffer moves on.
    var firstIndex: Int?

    mutating func replaceByte(into output: ByteBuffer) {
        if bytes == 0 { firstIndex = output.count }
        output.append(0xEF)
        output.append(0xBF)
        output.append(0xBD)
        bytes += 1
    }
}

/// UTF-8 in, UTF-8 out: copies valid runs as they are and replaces each invalid byte.
struct UTF8Decoder: TextDecoder {
    var replacements = ReplacementTally()

    mutating func decode(_ input: UnsafeBufferPointer<UInt8>, final: Bool, into output: ByteBuffer) throws(CSVError) -> Int {
        var offset = 0
        while offset < input.count {
            let rest = UnsafeBufferPointer(rebasing: input[offset...])
            let (length, stop) = UTF8Validation.validPrefix(rest)
            output.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(rest)[..<length]))
            offset += length
            switch stop {
            case .end:
                return offset
            case .truncated where !final:
                return offset
            case .truncated, .invalid:
                replacements.replaceByte(into: output)
                offset += 1
            }
        }
        return offset
    }
}
