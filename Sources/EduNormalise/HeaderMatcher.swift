/// Maps a column's header path to a canonical field: an exact alias first, then rules (the header
/// contains one field's alias; the header with its parent is an alias), then a fuzzy score on
/// character pairs. Below the threshold, or where two fields tie, the column stays unmapped with
/// the reason: never a guess. An "of which" (其中) column is matched on its own words only, so it
/// is never taken for its parent.
public struct HeaderMatcher: Sendable {
    public let catalogue: Catalogue
    let spellings: [String]

    /// A fuzzy match must reach this, and beat the next field by `fuzzyMargin`.
    static let fuzzyThreshold = 0.8
    static let fuzzyMargin = 0.15

    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
        spellings = catalogue.spellingsLongestFirst
    }

    public func headerText(_ raw: String) -> HeaderText {
        HeaderText(raw, unitSpellings: spellings)
    }

    /// The decision for one column. `path` runs from the top header row down; `declaredUnits`
    /// are the unit spellings a unit row above the table lists.
    public func decide(column: Int, path: [String], declaredUnits: [String] = []) -> ColumnDecision {
        let texts = path.map(headerText)
        guard let leaf = texts.last, !leaf.core.isEmpty else {
            return ColumnDecision(column: column, path: path, matchedText: "", field: nil, method: .unmapped,
                                  confidence: 0, note: "no header")
        }
        // Parents above a 其中 level make this column a part of them, whatever its own words.
        let ofWhich = texts.contains { $0.isOfWhich || $0.core.isEmpty && $0.raw.contains("其中") }
            || texts.dropLast().contains { $0.core == "其中" }
        let parents = texts.dropLast().reversed().filter { !$0.core.isEmpty && $0.core != "其中" && !$0.isOfWhich }

        var outcome = match(leaf.core)
        var matchedText = leaf.core
        if case .none = outcome, !ofWhich {
            // Parent path: the nearest parent first (校舍 / 教学及辅助用房 / 面积).
            var combined = leaf.core
            for parent in parents {
                combined = parent.core + combined
                if case .found(let field, _, _) = match(combined, exactOnly: true) {
                    outcome = .found(field, .parentPath, 0.95)
                    matchedText = combined
                    break
                }
            }
        }
        switch outcome {
        case .found(let field, let method, let confidence):
            let unitSpelling = leaf.unitSpelling ?? parents.compactMap(\.unitSpelling).first
            let (unit, unitNote) = resolveUnit(for: field, written: unitSpelling, declared: declaredUnits)
            guard let unit else {
                return ColumnDecision(column: column, path: path, matchedText: matchedText, field: nil, method: .unmapped,
                                      confidence: 0, note: unitNote)
            }
            let note = [ofWhich ? "an 其中 (of which) column, mapped on its own words" : nil, unitNote]
                .compactMap { $0 }.joined(separator: "; ")
            return ColumnDecision(column: column, path: path, matchedText: matchedText, field: field.id, method: method,
                                  confidence: confidence, unit: unit, note: note.isEmpty ? nil : note)
        case .ambiguous(let ids):
            return ColumnDecision(column: column, path: path, matchedText: matchedText, field: nil, method: .unmapped,
                                  confidence: 0, note: "ambiguous: could be \(ids.joined(separator: " or "))")
        case .excluded(let id, let word):
            return ColumnDecision(column: column, path: path, matchedText: matchedText, field: nil, method: .unmapped,
                                  confidence: 0, note: "names \(id) but '\(word)' makes it another figure")
        case .none:
            let note = ofWhich ? "an 其中 (of which) part of its parent, matching no field on its own" : "matches no field"
            return ColumnDecision(column: column, path: path, matchedText: matchedText, field: nil, method: .unmapped,
                                  confidence: 0, note: note)
        }
    }

    enum Outcome {
        case found(FieldDefinition, ColumnDecision.Method, Double)
        case ambiguous([String])
        case excluded(String, String)
        case none
    }

    func match(_ text: String, exactOnly: Bool = false) -> Outcome {
        guard !text.isEmpty else { return .none }
        let exact = catalogue.fields.filter { $0.foldedAliases.contains(text) }
        if exact.count == 1 { return .found(exact[0], .alias, 1) }
        if exact.count > 1 { return .ambiguous(exact.map(\.id)) }
        if exactOnly { return .none }
        return containing(text) ?? fuzzy(text)
    }

    /// The field whose longest alias the text contains, unless an exclusion word is there too.
    func containing(_ text: String) -> Outcome? {
        var best: [(field: FieldDefinition, length: Int)] = []
        var excluded: (String, String)?
        for field in catalogue.fields {
            guard let alias = field.foldedAliases.filter({ $0.count >= 2 && text.contains($0) }).max(by: { $0.count < $1.count }) else {
                continue
            }
            if let word = exclusionWord(in: text, for: field, ignoring: alias) {
                excluded = excluded ?? (field.id, word)
                continue
            }
            if best.isEmpty || alias.count > best[0].length {
                best = [(field, alias.count)]
            } else if alias.count == best[0].length {
                best.append((field, alias.count))
            }
        }
        if best.count == 1 {
            let confidence = 0.6 + 0.35 * Double(best[0].length) / Double(text.count)
            return .found(best[0].field, .contains, (confidence * 100).rounded() / 100)
        }
        if best.count > 1 { return .ambiguous(best.map(\.field.id)) }
        if let excluded { return .excluded(excluded.0, excluded.1) }
        return nil
    }

    /// An exclusion word the text holds outside the alias it matched (学生数 in 女学生数: 女).
    func exclusionWord(in text: String, for field: FieldDefinition, ignoring alias: String) -> String? {
        let outside = text.replacingOccurrences(of: alias, with: "|")
        let words = field.exclusions + (field.kind == .identity ? [] : catalogue.globalExclusions)
        return words.first { outside.contains($0) }
    }

    /// Dice similarity of character pairs against every alias; the best field must be clear.
    func fuzzy(_ text: String) -> Outcome {
        let pairs = Self.bigrams(text)
        guard pairs.count >= 2 else { return .none }
        var scores: [(field: FieldDefinition, score: Double)] = []
        for field in catalogue.fields {
            let score = field.foldedAliases.map { Self.dice(pairs, Self.bigrams($0)) }.max() ?? 0
            scores.append((field, score))
        }
        scores.sort { $0.score > $1.score }
        guard let first = scores.first, first.score >= Self.fuzzyThreshold else { return .none }
        if scores.count > 1, first.score - scores[1].score < Self.fuzzyMargin { return .ambiguous([first.field.id, scores[1].field.id]) }
        if let word = exclusionWord(in: text, for: first.field, ignoring: "\u{0}") { return .excluded(first.field.id, word) }
        return .found(first.field, .fuzzy, (first.score * 100).rounded() / 100)
    }

    static func bigrams(_ text: String) -> [String: Int] {
        let characters = Array(text)
        var pairs: [String: Int] = [:]
        guard characters.count >= 2 else { return pairs }
        for index in 0..<(characters.count - 1) { pairs[String(characters[index...index + 1]), default: 0] += 1 }
        return pairs
    }

    static func dice(_ a: [String: Int], _ b: [String: Int]) -> Double {
        let total = a.values.reduce(0, +) + b.values.reduce(0, +)
        guard total > 0 else { return 0 }
        let shared = a.reduce(0) { $0 + min($1.value, b[$1.key] ?? 0) }
        return 2 * Double(shared) / Double(total)
    }

    /// The unit a column is written in: the header's own, else the unit row's spelling for the
    /// field's unit, else the canonical unit. A header unit of another dimension than the
    /// field's leaves a measure unmapped (教学仪器设备值（平方米） is a mistake to show, not to load).
    func resolveUnit(for field: FieldDefinition, written: String?, declared: [String]) -> (UnitChoice?, String?) {
        guard let canonical = field.unit else { return (UnitChoice(written: "", canonical: "", factor: 1, source: .assumed), nil) }
        if let written {
            if let unit = catalogue.units(spelled: written).first(where: { $0.unit == canonical }) {
                return (UnitChoice(written: unit.spelling, canonical: canonical, factor: unit.factor, source: .header), nil)
            }
            if field.kind == .measure {
                return (nil, "the header's unit \(written) is not a unit of \(canonical)")
            }
            return (UnitChoice(written: written, canonical: canonical, factor: 1, source: .header),
                    "the header's unit \(written) read as \(canonical)")
        }
        for spelling in declared {
            if let unit = catalogue.units(spelled: spelling).first(where: { $0.unit == canonical }) {
                return (UnitChoice(written: unit.spelling, canonical: canonical, factor: unit.factor, source: .unitRow), nil)
            }
        }
        return (UnitChoice(written: canonical, canonical: canonical, factor: 1, source: .assumed), nil)
    }
}
