/// Maps a column's header path to a canonical field: an exact alias first, then rules (the header
/// contains one field's alias; the header with its parent is an alias; a 合计 column under a
/// parent is the parent), then a fuzzy match (an alias spread through the header with a few
/// characters added). Below the threshold, or where two fields tie, the column stays unmapped
/// with the reason: never a guess. Exclusion words veto a match in the header or its parents
/// (生均指标 / 图书 is a ratio). An "of which" (其中) column is never taken for its parent's field.
/// A bracket saying what the figure includes or leaves out (含市级、省级, 不含附设幼儿班) is judged
/// apart: taking in a part of the field, or leaving out what it never counts, is still the field.
public struct HeaderMatcher: Sendable {
    public let catalogue: Catalogue
    let spellings: [String]
    let stagePrefix: StagePrefix

    /// A fuzzy match's alias must make up this share of the header's characters.
    static let fuzzyCoverage = 0.6

    /// The confidence of a match through a fallback alias (多媒体教室): below any other way of
    /// naming a field, so that a column naming it by a main alias keeps it.
    static let fallbackConfidence = 0.5

    /// A header text longer than this (UTF-8 bytes, some 170 Chinese characters) is no header:
    /// the longest the returns write is under 40 characters, and matching a cell of megabytes
    /// against every alias took seconds per byte-heavy cell (a 3 MB header row took 13 s).
    public static let maxHeaderBytes = 512

    /// Decisions already made, shared by every copy of this matcher (the workers of an ingest).
    let decisions = MemoCache<DecisionKey, ColumnDecision>()

    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
        spellings = catalogue.spellingsLongestFirst
        stagePrefix = StagePrefix(catalogue: catalogue)
    }

    public func headerText(_ raw: String) -> HeaderText {
        HeaderText(raw, unitSpellings: spellings)
    }

    /// The decision for one column. `path` runs from the top header row down; `declaredUnits`
    /// are the unit spellings a unit row above the table lists.
    public func decide(column: Int, path: [String], declaredUnits: [String] = []) -> ColumnDecision {
        if let long = path.first(where: { $0.utf8.count > Self.maxHeaderBytes }) {
            // Checked before the cache: hashing a key of megabytes for every column is waste too.
            return unmapped(column, path, "", "a text of \(long.utf8.count) bytes is too long to be a header (at most \(Self.maxHeaderBytes))")
        }
        var decision = decisions.value(for: DecisionKey(path: path, declaredUnits: declaredUnits)) {
            decideWithStage(path: path, declaredUnits: declaredUnits)
        }
        decision.column = column
        return decision
    }

    struct DecisionKey: Hashable {
        var path: [String]
        var declaredUnits: [String]
    }

    /// A header whose words start with a stage (小学在校生数, （高中）在校生数, 初中班额情况) gives that
    /// part's figure in a row holding several parts: the stage is taken off and the rest decided.
    /// A header that is an alias as written (初中毕业升学率) keeps its meaning.
    private func decideWithStage(path: [String], declaredUnits: [String]) -> ColumnDecision {
        let plain = decideUncached(path: path, declaredUnits: declaredUnits)
        if plain.method == .alias, stagePrefix.split(plain.matchedText) != nil { return plain }
        guard let (stage, stripped) = stagePrefix.split(path) else { return plain }
        var staged = decideUncached(path: stripped, declaredUnits: declaredUnits)
        guard let id = staged.field, let field = catalogue.field(id), field.kind == .count || field.kind == .measure else {
            // Unmapped either way: the part's words say more (a breakdown of students).
            if plain.field == nil, staged.field == nil { staged.path = path; return staged }
            return plain
        }
        staged.path = path
        staged.stage = stage
        staged.note = (["the \(stage.chineseName) part's figure, as the header's \(stage.chineseName) says"] + [staged.note].compactMap { $0 })
            .joined(separator: "; ")
        return staged
    }

    private func decideUncached(path: [String], declaredUnits: [String]) -> ColumnDecision {
        let column = 0
        let texts = path.map(headerText)
        guard let leaf = texts.last, !leaf.core.isEmpty else {
            return unmapped(column, path, "", "no header")
        }
        // 合计 or 计 under a header carries that header's figure (固定资产总值 / 其中：教学仪器设备资产值 / 计
        // is the equipment): decided as the header above it where that names a field.
        if texts.count > 1, catalogue.totalsWords.contains(leaf.core) || leaf.core == "计" {
            var above = decideUncached(path: Array(path.dropLast()), declaredUnits: declaredUnits)
            if above.field != nil {
                above.path = path
                return above
            }
        }
        let ofWhich = leaf.isOfWhich || texts.dropLast().contains { $0.core == "其中" || $0.isOfWhich }
        let parents = Array(texts.dropLast().reversed().filter { !$0.core.isEmpty && $0.core != "其中" })
        let context = MatchContext(parents: parents.map(\.core))

        var outcome = match(leaf.core, context: context)
        var matchedText = leaf.core
        if case .none = outcome {
            (outcome, matchedText) = matchWithParents(leaf: leaf.core, parents: parents, ofWhich: ofWhich, context: context)
        }
        switch outcome {
        case .found(let field, let method, var confidence, let alias):
            let fallback = field.fallbackAliases.contains(alias)
            var precise: String?
            if ofWhich, let parent = parents.first, let (parentField, parentFallback) = parentField(of: parent.core, context: context),
               parentField == field.id {
                // 多媒体教室 / 其中：网络多媒体教室: the part names the field more surely than its parent.
                guard parentFallback, !fallback else {
                    return unmapped(column, path, matchedText, "an 其中 (of which) part of \(field.id), not the whole")
                }
                precise = "the 其中 part names \(field.id) more surely than \(parent.core) above it"
            }
            // A parent's brackets speak for this column where the parent's words named the field.
            let clauses = leaf.clauses + (method == .parentPath ? parents.flatMap(\.clauses) : [])
            let (veto, clauseNote) = judge(clauses, for: field)
            if let veto { return unmapped(column, path, matchedText, veto) }
            let unitSpelling = leaf.unitSpelling ?? parents.compactMap(\.unitSpelling).first
            let (unit, unitNote) = resolveUnit(for: field, written: unitSpelling, declared: declaredUnits)
            guard let unit else { return unmapped(column, path, matchedText, unitNote ?? "unit mismatch") }
            if fallback { confidence = min(confidence, Self.fallbackConfidence) }
            let fallbackNote = fallback ? "'\(alias)' names \(field.id) less surely: a column naming it otherwise is taken instead" : nil
            let note = [ofWhich && precise == nil ? "an 其中 (of which) column, mapped on its own words" : nil, precise, fallbackNote, clauseNote, unitNote]
                .compactMap { $0 }.joined(separator: "; ")
            var decision = ColumnDecision(column: column, path: path, matchedText: matchedText, field: field.id, method: method,
                                          confidence: confidence, unit: unit, note: note.isEmpty ? nil : note)
            decision.isFallback = fallback
            return decision
        case .ambiguous(let ids):
            return unmapped(column, path, matchedText, "ambiguous: could be \(ids.joined(separator: " or "))")
        case .excluded(let id, let word):
            return unmapped(column, path, matchedText, "names \(id), but '\(word)' makes it another figure")
        case .none:
            if let nearest = parents.first, let (parent, _) = groupField(of: nearest.core, context: context) {
                return unmapped(column, path, matchedText, "a breakdown of \(parent.id) (\(nearest.core)): its 合计 column carries the field")
            }
            return unmapped(column, path, matchedText, ofWhich ? "an 其中 (of which) part of its parent, naming no field itself" : "matches no field")
        }
    }

    func unmapped(_ column: Int, _ path: [String], _ text: String, _ note: String) -> ColumnDecision {
        ColumnDecision(column: column, path: path, matchedText: text, field: nil, method: .unmapped, confidence: 0, note: note)
    }

    /// The parent headers, for exclusion words that veto a match from above.
    struct MatchContext {
        var parents: [String]
    }

    enum Outcome {
        /// The field, how, how surely, and the folded alias that named it.
        case found(FieldDefinition, ColumnDecision.Method, Double, String)
        case ambiguous([String])
        case excluded(String, String)
        case none
    }

    /// A leaf that says too little on its own, read with its parents: 校舍 / 面积, 在校生数 / 合计,
    /// and for an of-which column its own words with the parent's noun (专任教师 / 其中:音体美).
    func matchWithParents(leaf: String, parents: [HeaderText], ofWhich: Bool, context: MatchContext) -> (Outcome, String) {
        guard let nearest = parents.first else { return (.none, leaf) }
        if catalogue.totalsWords.contains(leaf) || leaf == "计" {
            let parentContext = MatchContext(parents: parents.dropFirst().map(\.core))
            if let (field, alias) = groupField(of: nearest.core, context: parentContext) {
                return (.found(field, .parentPath, 0.95, alias), nearest.core)
            }
            return (.none, leaf)
        }
        var candidates: [String] = []
        var combined = leaf
        for parent in parents {
            combined = parent.core + combined
            candidates.append(combined)
        }
        if ofWhich { candidates.append(leaf + nearest.core) }
        for candidate in candidates {
            if case .found(let field, _, _, let alias) = match(candidate, context: context, exactOnly: true) {
                return (.found(field, .parentPath, 0.9, alias), candidate)
            }
        }
        return (.none, leaf)
    }

    /// The field a group header names over its 合计 column: an alias as written (在校生数), or a
    /// group alias (班额情况: the 合计 of the class sizes by grade is the number of classes).
    func groupField(of text: String, context: MatchContext) -> (FieldDefinition, String)? {
        if case .found(let field, _, _, let alias) = match(text, context: context, exactOnly: true) { return (field, alias) }
        let grouped = catalogue.fields.filter { $0.groupAliases.contains(text) }
        return grouped.count == 1 ? grouped.first.map { ($0, text) } : nil
    }

    /// The field a parent header names on its own, if any, and whether through a fallback alias.
    func parentField(of text: String, context: MatchContext) -> (String, Bool)? {
        if case .found(let field, _, _, let alias) = match(text, context: MatchContext(parents: []), exactOnly: false) {
            return (field.id, field.fallbackAliases.contains(alias))
        }
        return nil
    }

    func match(_ text: String, context: MatchContext, exactOnly: Bool = false) -> Outcome {
        guard !text.isEmpty else { return .none }
        let exact = catalogue.fields.filter { $0.foldedAliases.contains(text) }
        if exact.count > 1 { return .ambiguous(exact.map(\.id)) }
        if let field = exact.first {
            if let word = parentExclusion(context, for: field, alias: text) { return .excluded(field.id, word) }
            return .found(field, .alias, 1, text)
        }
        if exactOnly { return .none }
        return containing(text, context: context) ?? subsequence(text, context: context)
    }

    /// The field whose longest alias the text contains, unless an exclusion word is there too.
    func containing(_ text: String, context: MatchContext) -> Outcome? {
        var best: [(field: FieldDefinition, length: Int, alias: String)] = []
        var excluded: (String, String)?
        for field in catalogue.fields {
            let aliases = field.foldedAliases.filter { $0.count >= 2 && text.hasBytes($0) }
            guard let alias = aliases.max(by: { $0.count < $1.count }) else { continue }
            if let word = exclusionWord(in: text.replacingBytes(alias, with: "|"), for: field)
                ?? parentExclusion(context, for: field, alias: alias) {
                excluded = excluded ?? (field.id, word)
                continue
            }
            if best.isEmpty || alias.count > best[0].length {
                best = [(field, alias.count, alias)]
            } else if alias.count == best[0].length {
                best.append((field, alias.count, alias))
            }
        }
        if best.count == 1 {
            let confidence = 0.6 + 0.35 * Double(best[0].length) / Double(text.count)
            return .found(best[0].field, .contains, (confidence * 100).rounded() / 100, best[0].alias)
        }
        if best.count > 1 { return .ambiguous(best.map(\.field.id)) }
        if let excluded { return .excluded(excluded.0, excluded.1) }
        return nil
    }

    /// Fuzzy: an alias whose characters all appear in the header in order, with a few added
    /// (教学及辅助用房总面积). Meaning in Chinese turns on single characters (一级 / 中级,
    /// 县级 / 市级), so characters the alias has and the header lacks are never forgiven.
    func subsequence(_ text: String, context: MatchContext) -> Outcome {
        var best: [(field: FieldDefinition, coverage: Double, alias: String)] = []
        let characters = Array(text)
        for field in catalogue.fields {
            let aliases = field.foldedAliases.filter { $0.count >= 3 && Self.isSubsequence(Array($0), of: characters) }
            guard let alias = aliases.max(by: { $0.count < $1.count }) else { continue }
            let coverage = Double(alias.count) / Double(characters.count)
            guard coverage >= Self.fuzzyCoverage else { continue }
            if exclusionWord(in: text, for: field) != nil || parentExclusion(context, for: field, alias: alias) != nil { continue }
            if best.isEmpty || coverage > best[0].coverage {
                best = [(field, coverage, alias)]
            } else if coverage == best[0].coverage {
                best.append((field, coverage, alias))
            }
        }
        if best.count > 1 { return .ambiguous(best.map(\.field.id)) }
        guard let first = best.first else { return .none }
        return .found(first.field, .fuzzy, ((0.5 + 0.4 * first.coverage) * 100).rounded() / 100, first.alias)
    }

    static func isSubsequence(_ needle: [Character], of haystack: [Character]) -> Bool {
        var index = 0
        for character in haystack where index < needle.count && character == needle[index] { index += 1 }
        return index == needle.count
    }

    /// An exclusion word in the header's own text (the matched alias already taken out).
    func exclusionWord(in text: String, for field: FieldDefinition) -> String? {
        let words = field.exclusions + (field.kind == .identity || field.kind == .rate ? [] : catalogue.globalExclusions)
        return words.first { text.hasBytes($0) }
    }

    /// A header's brackets against the field it names: a veto, or a note of what they say.
    /// Including a part of the field (县级及以上骨干教师(含市级、省级)) or leaving out what it never
    /// counts (在校学生数(不含附设幼儿班)) is the field; including what it never counts
    /// (专任教师(含代课教师)) or leaving out a part of it (县级以上骨干教师(不含省级)) is another figure.
    func judge(_ clauses: [HeaderText.Clause], for field: FieldDefinition) -> (veto: String?, note: String?) {
        var notes: [String] = []
        for clause in clauses {
            switch clause.kind {
            case .including:
                if let word = field.outside.first(where: { clause.words.hasBytes($0) }) {
                    return ("names \(field.id), but \(clause.text) takes in \(word), which \(field.id) never counts: another figure", nil)
                }
                notes.append("\(clause.text) says what \(field.id) takes in")
            case .excluding:
                if let word = field.exclusions.first(where: { !field.outside.contains($0) && clause.words.hasBytes($0) }) {
                    return ("names \(field.id), but \(clause.text) leaves out \(word), a part of \(field.id): another figure", nil)
                }
                notes.append("\(clause.text) says what \(field.id) leaves out")
            }
        }
        return (nil, notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    /// An exclusion word in a parent header: the global ones for counts and measures, and the
    /// field's weak exclusions when the match came through a weak alias.
    func parentExclusion(_ context: MatchContext, for field: FieldDefinition, alias: String) -> String? {
        var words = field.kind == .identity || field.kind == .rate ? [] : catalogue.globalExclusions
        if field.weakAliases.contains(alias) { words += field.weakExclusions }
        for parent in context.parents {
            if let word = words.first(where: { parent.hasBytes($0) }) { return word }
        }
        return nil
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
            // 在校生数（个）, 教职工数（个）: returns write 个 for any count.
            if field.kind == .count, written == "个" {
                return (UnitChoice(written: written, canonical: canonical, factor: 1, source: .header), nil)
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
