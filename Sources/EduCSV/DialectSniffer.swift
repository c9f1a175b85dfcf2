/// Chooses the delimiter from a sample of the decoded text, in the manner of CleverCSV's data
/// consistency measure: for each candidate, parse the first records with it and score
/// (how consistently records split into the same number of fields) × (how many cells then look
/// clean: numbers, or text holding none of the other candidates). A title or unit row with no
/// delimiter weighs nothing either way; a semicolon file of decimal commas (1,5;2,5) scores
/// higher with semicolons, as its cells then read as numbers.
enum DialectSniffer {
    static let sampleRecords = 200

    /// The best candidate, or nil when none splits any record of the sample.
    /// `complete`: the sample is the whole file (else its last, possibly cut, record is dropped).
    static func sniff(_ sample: UnsafeBufferPointer<UInt8>, complete: Bool) -> UInt8? {
        var best: (delimiter: UInt8, score: Double)?
        for candidate in Dialect.candidates {
            let score = self.score(candidate, sample: sample, complete: complete)
            if score > 0, score > (best?.score ?? 0) { best = (candidate, score) }
        }
        return best?.delimiter
    }

    static func score(_ delimiter: UInt8, sample: UnsafeBufferPointer<UInt8>, complete: Bool) -> Double {
        var parser = RecordParser(delimiter: delimiter)
        var tally = CellTally(delimiter: delimiter)
        var recordsByWidth: [Int: Int] = [:]
        var start = 0
        var records = 0
        while start < sample.count, records < sampleRecords {
            guard case .record(let end, let fields, _) = parser.parse(sample, from: start, atEnd: complete, into: &tally) else { break }
            recordsByWidth[fields, default: 0] += 1
            records += 1
            start = end
        }
        guard recordsByWidth.keys.contains(where: { $0 > 1 }) else { return 0 }
        // Pattern score: Σ over record widths L of N_L (L - 1) / L, over the number of widths.
        let pattern = recordsByWidth.reduce(0.0) { sum, entry in
            sum + Double(entry.value) * Double(entry.key - 1) / Double(entry.key)
        } / Double(recordsByWidth.count)
        let type = (Double(tally.clean) + 1) / (Double(tally.cells) + 1)
        return pattern * type
    }

    /// Counts the non-empty cells and the clean ones among them.
    struct CellTally: FieldSink {
        let others: [UInt8]
        var cells = 0
        var clean = 0

        init(delimiter: UInt8) {
            others = Dialect.candidates.filter { $0 != delimiter }
        }

        mutating func field(column: Int, text: UnsafeBufferPointer<UInt8>, rawEnd: Int, quoted: Bool) {
            cells += 1
            if quoted || Self.looksNumeric(text) || !text.contains(where: others.contains) { clean += 1 }
        }

        /// Digits with optional sign, grouping or decimal commas and points, and percent.
        static func looksNumeric(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
            var digits = 0
            for (index, byte) in text.enumerated() {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
                case UInt8(ascii: ","), UInt8(ascii: "."): if digits == 0 { return false }
                case UInt8(ascii: "-"), UInt8(ascii: "+"): if index != 0 { return false }
                case UInt8(ascii: "%"): if index != text.count - 1 { return false }
                default: return false
                }
            }
            return digits > 0
        }
    }
}
