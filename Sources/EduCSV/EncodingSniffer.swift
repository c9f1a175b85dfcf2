import EduCore

/// Decides how to read a file's bytes: refuses what is not text (a legacy .xls, an .xlsx renamed,
/// UTF-16 without a byte-order mark, binary data), then takes a byte-order mark, else UTF-8 when
/// every byte sequence of the file is valid UTF-8, else GB18030. `--encoding` overrides the choice.
enum EncodingSniffer {
    static let headLength = 4096
    static let compoundFileSignature = FileLook.compoundFileSignature
    static let zipSignatures: [[UInt8]] = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x07, 0x08]]
    static let byteOrderMarks: [TextEncoding] = [.utf8, .utf16LittleEndian, .utf16BigEndian]

    static func choose(path: String, requested: TextEncoding?, location: SourceLocation) throws(CSVError) -> EncodingChoice {
        let file = try FileChunks(path: path)
        let head = try file.read(upTo: headLength)
        try refuseNonText(head, requested: requested, location: location)

        let marked = byteOrderMarks.first { $0.byteOrderMark.map(head.starts(with:)) ?? false }
        if let requested {
            let markLength = marked == requested ? requested.byteOrderMark?.count ?? 0 : 0
            return EncodingChoice(encoding: requested, reason: .requested, byteOrderMarkLength: markLength)
        }
        if let marked {
            return EncodingChoice(encoding: marked, reason: .byteOrderMark, byteOrderMarkLength: marked.byteOrderMark?.count ?? 0)
        }
        if let invalid = try firstInvalidUTF8Byte(path: path) {
            return EncodingChoice(encoding: .gb18030, reason: .notUTF8(firstInvalidByte: invalid))
        }
        return EncodingChoice(encoding: .utf8, reason: .validUTF8)
    }

    /// Throws when the first bytes say the file is a spreadsheet or binary rather than text.
    static func refuseNonText(_ head: [UInt8], requested: TextEncoding?, location: SourceLocation) throws(CSVError) {
        if head.starts(with: compoundFileSignature) { throw CSVError(.legacyExcelFile, at: location) }
        if zipSignatures.contains(where: { head.starts(with: $0) }) { throw CSVError(.zipArchive, at: location) }
        let sixteenBit = requested == .utf16LittleEndian || requested == .utf16BigEndian
            || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
        guard !sixteenBit, !head.isEmpty else { return }

        if let firstNul = head.firstIndex(of: 0) {
            // ASCII in UTF-16: every other byte is zero, the odd ones in little-endian order.
            let even = stride(from: 0, to: head.count, by: 2).filter { head[$0] == 0 }.count
            let odd = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
            let pairs = max(head.count / 2, 1)
            if odd * 10 >= pairs * 3 && even * 20 < pairs { throw CSVError(.utf16WithoutByteOrderMark(littleEndian: true), at: location) }
            if even * 10 >= pairs * 3 && odd * 20 < pairs { throw CSVError(.utf16WithoutByteOrderMark(littleEndian: false), at: location) }
            throw CSVError(.binaryData(offset: firstNul), at: location)
        }
        // Control bytes other than tab, line ends, form feed, SUB (DOS end of file) and ESC.
        let controls = head.indices.filter { index in
            let byte = head[index]
            return byte < 0x20 && ![0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B].contains(byte)
        }
        if controls.count >= 4 && controls.count * 100 > head.count, let first = controls.first {
            throw CSVError(.binaryData(offset: first), at: location)
        }
    }

    /// The offset of the first byte that breaks UTF-8, reading the whole file in chunks (a
    /// GB18030 file stops within its first Chinese character), or nil when it is all valid.
    static func firstInvalidUTF8Byte(path: String) throws(CSVError) -> Int? {
        let file = try FileChunks(path: path)
        let chunk = ByteBuffer(capacity: DecodedText.defaultChunkSize)
        var offset = 0  // of the chunk's first byte in the file
        while true {
            let pending = chunk.count
            try chunk.append(upTo: DecodedText.defaultChunkSize) { destination throws(CSVError) in
                try file.read(into: UnsafeMutableRawBufferPointer(start: destination, count: DecodedText.defaultChunkSize))
            }
            let final = file.atEnd || chunk.count - pending < DecodedText.defaultChunkSize
            let (length, stop) = chunk.withBytes { UTF8Validation.validPrefix($0) }
            switch stop {
            case .invalid: return offset + length
            case .truncated where final: return offset + length
            case .end where final: return nil
            case .end, .truncated:
                chunk.removeFirst(length)  // a character cut by the chunk's end waits for the next
                offset += length
            }
        }
    }
}
