import EduCore

/// What reading a long table needs to avoid folding every cell of every row (NFKC and ICU's
/// Hant-Hans transform cost microseconds a text): folds of repeated texts memoised, and for each
/// character, what its fold can contribute to a totals word, a note word's start or a column
/// letter. One per `normalise` call; not shared between threads.
///
/// The pre-filters ask of each character alone what the whole text's fold can hold. That holds
/// because NFKC composes no CJK ideograph from several characters, and because ICU's Hant-Hans
/// phrase rules (乾坤, 計畫 …) produce none of these words' characters from characters that do not
/// produce them alone (checked against the rules of ICU 76.1, which Foundation on Linux ships, for the
/// catalogue's words; `FastPathTests` checks every ideograph).
final class RowWords {
    /// A character every folded totals word (and 合计, 小计 …) holds: 计.
    let totalsScalar: Unicode.Scalar?
    /// The first characters of the folded note words, if each is a CJK ideograph.
    let noteStarts: Set<Unicode.Scalar>?
    /// The characters of the folded column letters (甲 乙 … 栏次).
    let letterScalars: Set<Unicode.Scalar>

    private var folds: [String: String] = [:]
    static let foldCapacity = 8192
    /// Per BMP scalar: 0 not yet looked at, else `known` with the bits below. A raw buffer: read
    /// for every character of the first cells of every row, it must cost no access checks.
    private let classes: UnsafeMutablePointer<UInt8> = {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        buffer.initialize(repeating: 0, count: 0x10000)
        return buffer
    }()
    private static let known: UInt8 = 0x80, totals: UInt8 = 1, noteStart: UInt8 = 2, letter: UInt8 = 4

    deinit {
        classes.deallocate()
    }

    init(catalogue: Catalogue, totalsSuffixes: [String], columnLetters: Set<String>) {
        let totalsWords = catalogue.totalsWords + totalsSuffixes.map(HeaderText.fold)
        var common = totalsWords.first.map { Set($0.unicodeScalars) } ?? []
        for word in totalsWords.dropFirst() { common.formIntersection(word.unicodeScalars) }
        totalsScalar = totalsWords.isEmpty ? nil : common.filter(Self.isIdeograph).min()
        let starts = catalogue.noteWords.map(\.unicodeScalars.first)
        noteStarts = starts.allSatisfy({ $0.map(Self.isIdeograph) == true }) ? Set(starts.compactMap { $0 }) : nil
        letterScalars = Set(columnLetters.flatMap { HeaderText.fold($0).unicodeScalars })
    }

    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        (0x3400...0x9FFF).contains(scalar.value) || (0x20000...0x3FFFF).contains(scalar.value)
    }

    private var labels: [String: ColumnDecision?] = [:]

    /// A label's decision (for column 0), memoised.
    func labelDecision(_ text: String, deciding: (String) -> ColumnDecision?) -> ColumnDecision? {
        if let known = labels[text] { return known }
        let decision = deciding(text)
        if labels.count < Self.foldCapacity { labels[text] = decision }
        return decision
    }

    /// `HeaderText.fold`, memoised.
    func fold(_ text: String) -> String {
        if let folded = HeaderText.foldedASCII(text) { return folded }
        if let folded = folds[text] { return folded }
        let folded = HeaderText.fold(text)
        if folds.count < Self.foldCapacity { folds[text] = folded }
        return folded
    }

    @inline(__always) private func classOf(_ scalar: Unicode.Scalar) -> UInt8 {
        let value = Int(scalar.value)
        if value < 0x10000 {
            let found = classes[value]
            if found != 0 { return found }
        }
        return classify(scalar)
    }

    private func classify(_ scalar: Unicode.Scalar) -> UInt8 {
        let value = Int(scalar.value)
        guard value < 0x10000 else { return Self.known | Self.totals | Self.noteStart | Self.letter }
        let folded = HeaderText.fold(String(scalar))
        var bits = Self.known
        if totalsScalar.map({ folded.unicodeScalars.contains($0) }) ?? true { bits |= Self.totals }
        // A note's fold starts with this character's: one of a note word's first characters, or a
        // bracket that may open a pinyin gloss, or nothing (let the full fold decide).
        if let first = folded.unicodeScalars.first {
            if noteStarts.map({ $0.contains(first) }) ?? true || first == "(" || first.properties.generalCategory.isMark { bits |= Self.noteStart }
        } else {
            bits |= Self.noteStart
        }
        if scalar.properties.generalCategory.isMark { bits |= Self.noteStart }
        if folded.unicodeScalars.contains(where: letterScalars.contains) { bits |= Self.letter }
        classes[value] = bits
        return bits
    }

    /// False when the text's fold cannot hold a totals word.
    func mayBeTotals(_ text: String) -> Bool {
        guard totalsScalar != nil else { return true }
        for scalar in text.unicodeScalars where classOf(scalar) & Self.totals != 0 { return true }
        return false
    }

    /// False when the text's fold cannot start with a note word: its first character that is not
    /// ASCII white space starts none.
    func mayBeNote(_ text: String) -> Bool {
        guard noteStarts != nil else { return true }
        for scalar in text.unicodeScalars {
            if scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) { continue }
            return classOf(scalar) & Self.noteStart != 0
        }
        return true
    }

    /// False when the text's fold cannot be a column letter.
    func mayBeLetter(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where classOf(scalar) & Self.letter != 0 { return true }
        return false
    }
}

extension Unicode.GeneralCategory {
    var isMark: Bool {
        switch self {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
