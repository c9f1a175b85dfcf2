/// One BIFF record: its type, where its 4-byte header starts in the stream, and its body.
/// Reads past the body give 0, never a trap: every decoder checks the body's length first and
/// then reads fields that are inside it.
struct Record {
    let type: UInt16
    let offset: Int
    let body: Range<Int>

    var length: Int { body.count }
}

/// Walks a workbook stream's records one after another. A length field that runs past the end of
/// the stream is an error; the stream's bytes are never read outside their bounds.
struct RecordCursor {
    let stream: StreamBytes
    private(set) var offset: Int

    init(stream: StreamBytes, offset: Int = 0) {
        self.stream = stream
        self.offset = offset
    }

    var atEnd: Bool { offset >= stream.count }

    /// The next record, or nil at the end of the stream (a last fragment of under 4 bytes, as
    /// some writers leave as padding, is taken as the end).
    mutating func next() throws(XLSError.Reason) -> Record? {
        guard offset + 4 <= stream.count else {
            offset = stream.count
            return nil
        }
        let type = stream.u16(offset)
        let length = Int(stream.u16(offset + 2))
        let start = offset + 4
        guard length <= stream.count - start else {
            throw .recordOverrun(type: type, offset: offset, length: length, remaining: stream.count - start)
        }
        let record = Record(type: type, offset: offset, body: start..<(start + length))
        offset = start + length
        return record
    }

    /// The next record's type without moving on, or nil at the end.
    func peekType() -> UInt16? {
        offset + 4 <= stream.count ? stream.u16(offset) : nil
    }
}
