import EduCore

/// What `--encoding` and `--delimiter` say; nil leaves the choice to the sniffers.
public struct CSVOptions: Hashable, Sendable {
    public var encoding: TextEncoding?
    public var delimiter: UInt8?

    public init(encoding: TextEncoding? = nil, delimiter: UInt8? = nil) {
        self.encoding = encoding
        self.delimiter = delimiter
    }
}

/// A CSV file opened for reading: its encoding and dialect decided, its one sheet named after
/// the file. `rows()` streams its records as the same typed-cell rows the XLSX reader yields,
/// every cell a string (the normaliser decides what text means).
public final class CSVFile: Sendable {
    public let path: String
    public let encoding: EncodingChoice
    public let dialect: Dialect
    public let sheet: SheetDescription

    /// How much decoded text the dialect sniffer looks at.
    static let sniffBytes = 64 * 1024

    public init(path: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        self.path = path
        sheet = SheetDescription(index: 0, name: Self.sheetName(for: path))
        let location = SourceLocation(file: path)
        encoding = try EncodingSniffer.choose(path: path, requested: options.encoding, location: location)
        if let delimiter = options.delimiter {
            dialect = Dialect(delimiter: delimiter, reason: .requested)
        } else {
            let text = try DecodedText(path: path, encoding: encoding, location: location)
            while !text.atEnd && text.window.count < Self.sniffBytes { try text.refill() }
            let found = text.window.withBytes { DialectSniffer.sniff($0, complete: text.atEnd) }
            dialect = found.map { Dialect(delimiter: $0, reason: .detected) }
                ?? Dialect(delimiter: UInt8(ascii: ","), reason: .singleColumn)
        }
    }

    /// A new pass over the records, from the start of the file.
    public func rows() throws(CSVError) -> CSVRowReader {
        try CSVRowReader(file: self)
    }

    /// A pass that reads `chunkSize` bytes at a time, for tests that cut every boundary.
    func rows(chunkSize: Int) throws(CSVError) -> CSVRowReader {
        try CSVRowReader(file: self, chunkSize: chunkSize)
    }

    /// The file's name without folders or extension: "白沙乡_2024_中小学.csv" → "白沙乡_2024_中小学".
    static func sheetName(for path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
