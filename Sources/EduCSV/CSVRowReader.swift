import EduCore

/// Streams a CSV file's records as rows. Row numbers count records, as a spreadsheet opening
/// the file numbers them (a quoted line break does not start a row); records with no non-empty
/// field are counted but not returned. Rows before a fault are handed out before its error.
public final class CSVRowReader: RowSource {
    public let sheet: SheetDescription
    public var mergedRanges: [CellRange] { [] }
    public var mayHaveMergedRanges: Bool { false }
    /// The encoding and dialect the rows are read with.
    public let encoding: EncodingChoice
    public let dialect: Dialect
    /// Bytes not valid in the encoding, replaced with U+FFFD so far.
    public var replacedBytes: Int { text.replacedBytes }
    /// The cell holding the first replaced byte, once its row has been read.
    public private(set) var firstReplacement: CellPosition?
    /// The fewest and most fields of the records read so far, blank records aside: a spread
    /// means ragged rows, kept as they are.
    public private(set) var fieldCounts: ClosedRange<Int>?

    /// A record longer than this is refused: it is almost always a stray quote.
    static let maxRecordBytes = 64 << 20

    private let path: String
    private let text: DecodedText
    private var parser: RecordParser
    private var builder = RowBuilder()
    private var rowNumber = 0
    private var lineNumber = 1

    init(file: CSVFile, chunkSize: Int = DecodedText.defaultChunkSize) throws(CSVError) {
        sheet = file.sheet
        path = file.path
        encoding = file.encoding
        dialect = file.dialect
        text = try DecodedText(path: file.path, encoding: file.encoding, location: SourceLocation(file: file.path),
                               chunkSize: chunkSize)
        parser = RecordParser(delimiter: file.dialect.delimiter)
    }

    public var warnings: [ReadWarning] {
        guard replacedBytes > 0 else { return [] }
        let noun = replacedBytes == 1 ? "byte was" : "bytes were"
        let location = SourceLocation(file: path, sheet: sheet.name, cell: firstReplacement)
        return [ReadWarning(location: location, message:
            "\(replacedBytes) \(noun) not valid \(encoding.encoding) and replaced with U+FFFD, the first here; if the text "
                + "looks wrong, read the file with another --encoding")]
    }

    public func nextRow() throws -> Row? {
        while true {
            if text.start >= text.window.count {
                if text.atEnd { return nil }
                try refill()
                continue
            }
            builder.start(replacementAt: firstReplacement == nil ? text.firstReplacementInWindow : Int.max)
            let outcome = text.window.withBytes { bytes in
                parser.parse(bytes, from: text.start, atEnd: text.atEnd, into: &builder)
            }
            switch outcome {
            case .needMore:
                try refill()
            case .unterminatedQuote(let column):
                let cell = CellPosition(row: rowNumber + 1, column: column)
                throw CSVError(.unterminatedQuote(line: lineNumber), at: SourceLocation(file: path, sheet: sheet.name, cell: cell))
            case .record(let end, let fields, let lineBreaks):
                text.start = end
                rowNumber += 1
                lineNumber += lineBreaks
                if let column = builder.replacementColumn, firstReplacement == nil {
                    firstReplacement = CellPosition(row: rowNumber, column: column)
                }
                guard !builder.cells.isEmpty else { continue }
                fieldCounts = fieldCounts.map { min($0.lowerBound, fields)...max($0.upperBound, fields) } ?? fields...fields
                return Row(number: rowNumber, cells: builder.takeCells())
            }
        }
    }

    /// How many decoded bytes the reader holds at once (tests check that it stays small).
    var windowCapacity: Int { text.window.capacity }

    private func refill() throws(CSVError) {
        if text.window.count - text.start > Self.maxRecordBytes {
            throw CSVError(.recordTooLong(line: lineNumber, limitBytes: Self.maxRecordBytes),
                           at: SourceLocation(file: path, sheet: sheet.name, cell: CellPosition(row: rowNumber + 1, column: 1)))
        }
        try text.refill()
    }
}

/// Collects one record's non-empty fields as string cells, and notes the column of the first
/// replaced byte when it falls in this record.
struct RowBuilder: FieldSink {
    private(set) var cells: [Cell] = []
    private(set) var replacementColumn: Int?
    private var replacementIndex = Int.max
    private var width = 8

    mutating func start(replacementAt index: Int) {
        cells.removeAll(keepingCapacity: true)
        replacementIndex = index
        replacementColumn = nil
    }

    mutating func field(column: Int, text: UnsafeBufferPointer<UInt8>, rawEnd: Int, quoted: Bool) {
        if replacementIndex < rawEnd, replacementColumn == nil {
            replacementColumn = column
            replacementIndex = Int.max
        }
        cells.append(Cell(column: column, value: .string(String(decoding: text, as: UTF8.self))))
    }

    /// The cells, leaving room for a record as wide for the next one.
    mutating func takeCells() -> [Cell] {
        width = max(width, cells.count)
        let taken = cells
        cells = []
        cells.reserveCapacity(width)
        return taken
    }
}
