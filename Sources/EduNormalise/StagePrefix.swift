/// A stage written before a header's words: 小学在校生数, 初中班额情况, 高中班额, （初中）在校生数,
/// 小学部专任教师. In a sheet of nine-year, complete or twelve-year schools each part's columns are
/// told apart this way, one row holding every part.
struct StagePrefix: Sendable {
    /// The parts' stage words, longest first (小学部 before 小学).
    private let words: [(String, Stage)]

    init(catalogue: Catalogue) {
        words = Stage.parts.flatMap { stage in (catalogue.stageWords[stage] ?? []).map { ($0, stage) } }
            .sorted { $0.0.count > $1.0.count }
    }

    /// The stage and the path with it taken off the first header that starts with one; nil when
    /// none does, or nothing is left after it.
    /// A header that is a stage word alone (在校生数 / 小学 / 合计, or 小学 over its columns) names
    /// the part too, and is taken out.
    func split(_ path: [String]) -> (Stage, [String])? {
        for (index, raw) in path.enumerated() {
            let folded = HeaderText.fold(raw)
            guard let (stage, rest) = split(folded) else { continue }
            var stripped = path
            if rest.isEmpty || rest == "部" {
                guard path.count > 1 else { continue }
                stripped.remove(at: index)
            } else {
                stripped[index] = rest
            }
            return (stage, stripped)
        }
        return nil
    }

    /// "(初中)在校生数" or "初中在校生数" → (junior, "在校生数"), the text already folded.
    func split(_ folded: String) -> (Stage, String)? {
        for (word, stage) in words {
            if folded.hasPrefix("(" + word + ")") {
                return (stage, String(folded.dropFirst(word.count + 2)))
            }
            if folded.hasPrefix(word) {
                return (stage, String(folded.dropFirst(word.count)))
            }
        }
        return nil
    }
}
