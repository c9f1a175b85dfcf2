/// Receives a record's non-empty fields from `RecordParser`, in column order.
protocol FieldSink {
    /// `text` is the field's value (quotes removed, doubled quotes undone), valid only during the
    /// call; `rawEnd` is where the field ends in the parsed bytes.
    mutating func field(column: Int, text: UnsafeBufferPointer<UInt8>, rawEnd: Int, quoted: Bool)
}

/// RFC 4180 records from UTF-8 bytes, as Excel and Python's csv module read them: a field that
/// starts with a double quote runs to the closing quote, doubled quotes inside stand for one,
/// delimiters and line breaks inside are text, and anything between the closing quote and the
/// next delimiter is kept as text; a quote inside an unquoted field is an ordinary character.
/// Records end at LF, CRLF or CR. Ragged records are returned as they are.
struct RecordParser {
    enum Outcome: Equatable {
        /// A whole record: it ends before `end`; `fields` counts its fields, empty ones included;
        /// `lineBreaks` counts the line breaks inside and after it.
        case record(end: Int, fields: Int, lineBreaks: Int)
        /// The bytes end inside the record and more may follow: call again with more.
        case needMore
        /// The bytes end for good inside the quoted field of this column.
        case unterminatedQuote(column: Int)
    }

    let delimiter: UInt8
    private var unquoted: [UInt8] = []

    static let quote = UInt8(ascii: "\"")
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    init(delimiter: UInt8) {
        self.delimiter = delimiter
        unquoted.reserveCapacity(256)
    }

    /// Parses the record that starts at `start`. With `atEnd`, the bytes are all there is.
    mutating func parse<Sink: FieldSink>(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool,
                                         into sink: inout Sink) -> Outcome {
        guard let p = bytes.baseAddress else {
            return atEnd ? .record(end: start, fields: 1, lineBreaks: 0) : .needMore
        }
        let n = bytes.count
        let d = delimiter
        let lf = Self.lineFeed, cr = Self.carriageReturn, quote = Self.quote
        var i = start
        var column = 1
        var lineBreaks = 0
        while true {
            let fieldStart = i
            if i < n && p[i] == quote {
                unquoted.removeAll(keepingCapacity: true)
                i += 1
                var segment = i
                while true {
                    while i < n && p[i] != quote {
                        if p[i] == lf || (p[i] == cr && (i + 1 >= n || p[i + 1] != lf)) { lineBreaks += 1 }
                        i += 1
                    }
                    if i >= n { return atEnd ? .unterminatedQuote(column: column) : .needMore }
                    if i + 1 >= n && !atEnd { return .needMore }  // a doubled quote may be cut in two
                    if i + 1 < n && p[i + 1] == quote {
                        unquoted.append(contentsOf: UnsafeBufferPointer(start: p + segment, count: i + 1 - segment))
                        i += 2
                        segment = i
                        continue
                    }
                    unquoted.append(contentsOf: UnsafeBufferPointer(start: p + segment, count: i - segment))
                    i += 1
                    break
                }
                let tail = i
                while i < n, p[i] != d, p[i] != lf, p[i] != cr { i += 1 }
                if i >= n && !atEnd { return .needMore }
                if i > tail { unquoted.append(contentsOf: UnsafeBufferPointer(start: p + tail, count: i - tail)) }
                if !unquoted.isEmpty {
                    let end = i
                    unquoted.withUnsafeBufferPointer { sink.field(column: column, text: $0, rawEnd: end, quoted: true) }
                }
            } else {
                while i < n {
                    let byte = p[i]
                    if byte == d || byte == lf || byte == cr { break }
                    i += 1
                }
                if i >= n && !atEnd { return .needMore }
                if i > fieldStart {
                    sink.field(column: column, text: UnsafeBufferPointer(start: p + fieldStart, count: i - fieldStart),
                               rawEnd: i, quoted: false)
                }
            }
            // At a delimiter, a line end, or the end of all the bytes.
            if i >= n { return .record(end: n, fields: column, lineBreaks: lineBreaks) }
            let byte = p[i]
            if byte == d {
                i += 1
                column += 1
                continue
            }
            if byte == cr {
                if i + 1 < n { return .record(end: p[i + 1] == lf ? i + 2 : i + 1, fields: column, lineBreaks: lineBreaks + 1) }
                if !atEnd { return .needMore }  // CR may be the first half of CRLF
            }
            return .record(end: i + 1, fields: column, lineBreaks: lineBreaks + 1)
        }
    }
}
