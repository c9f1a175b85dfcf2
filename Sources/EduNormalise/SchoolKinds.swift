/// School types and stage words as the catalogue lists them: 九年一贯制学校 teaches both stages,
/// 小学部 is the primary part, 教学点 is a primary school.
struct SchoolKinds {
    let catalogue: Catalogue

    /// The stage a word names: 小学, 小学部 → primary; 初中部 → junior; 高中部 → senior; 全校合计 → whole school.
    func stage(named folded: String) -> Stage? {
        for stage in Stage.schoolStages where catalogue.stageWords[stage]?.contains(folded) == true {
            return stage
        }
        return nil
    }

    /// The school type a word names (exactly, or as the end of a longer name: 城关镇中心小学 is not a
    /// type, but 九年一贯制学校 is).
    func type(named folded: String) -> SchoolTypeDefinition? {
        catalogue.schoolTypes.first { $0.foldedWords.contains(folded) }
    }

    /// The school type a sheet is named after: 小学, 初级中学, 九年一贯制学校, 职中, 小学(2023).
    /// Years, brackets and digits around the type are passed over; nil when the name is no type.
    func type(inSheetName name: String) -> SchoolTypeDefinition? {
        var core = ""
        var depth = 0
        var afterDigit = false
        for character in HeaderText.fold(name) {
            defer { afterDigit = character.isASCII && character.isNumber }
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
            // 2023年 goes; the 年 of 九年一贯制 stays.
            else if depth == 0, !(character.isASCII && (character.isNumber || character.isPunctuation)), !(afterDigit && character == "年") {
                core.append(character)
            }
        }
        guard !core.isEmpty else { return nil }
        if let exact = type(named: core) { return exact }
        // 小学数据, 初级中学基本情况: the longest type word the name starts with.
        return catalogue.schoolTypes.flatMap { type in type.foldedWords.map { (type, $0) } }
            .filter { core.hasPrefix($0.1) && $0.1.count >= 2 }
            .max { $0.1.count < $1.1.count }?.0
    }

    /// The school type a title names (2024年九年一贯制学校数据情况, 东湖区高级中学基本情况): the type words
    /// it holds, a word inside a longer one passed over (小学 in 中心小学; 中小学 names none), all of one type.
    func type(inTitle title: String) -> SchoolTypeDefinition? {
        let folded = HeaderText.fold(title).replacingOccurrences(of: "中小学", with: "|")
        let found = catalogue.schoolTypes.flatMap { type in type.foldedWords.filter { $0.count >= 2 && folded.contains($0) }.map { (type, $0) } }
        let outer = found.filter { candidate in !found.contains { $0.1 != candidate.1 && $0.1.contains(candidate.1) } }
        guard let first = outer.first, outer.allSatisfy({ $0.0 == first.0 }) else { return nil }
        return first.0
    }

    /// The stage a school's name ends in (…中学 → junior, …小学部 → primary), for a school whose type says none.
    func stage(endingName name: String) -> Stage? {
        let folded = HeaderText.fold(name)
        var found: (stage: Stage, length: Int)?
        for stage in Stage.parts {
            for word in catalogue.stageWords[stage] ?? [] where folded.hasSuffix(word) && word.count > (found?.length ?? 0) {
                found = (stage, word.count)
            }
        }
        return found?.stage
    }

    /// What a 学段 / 办学类型 cell says: a type, and the stage when it names only one.
    func interpret(_ text: String, fold: (String) -> String = HeaderText.fold) -> (type: String?, stage: Stage?) {
        let folded = fold(text)
        if let stage = stage(named: folded) {
            // 全校 (合计) in a school's 学段 cell: the row is the whole school's, of no type of its own.
            return (stage == .wholeSchool ? nil : type(named: folded)?.type, stage)
        }
        if let type = type(named: folded) {
            return (type.type, type.stages.count == 1 ? type.stages[0] : nil)
        }
        return (nil, nil)
    }

    /// The stage a sheet name or title names alone: "小学", "…2024年初中教育事业统计表".
    func stage(inTitle text: String) -> Stage? {
        // 中小学 (…2024年中小学基本情况统计表) names both stages, not 小学.
        let folded = HeaderText.fold(text).replacingOccurrences(of: "中小学", with: "小学初中")
        let primary = folded.contains("小学"), junior = folded.contains("初中")
        if primary && !junior { return .primary }
        if junior && !primary { return .junior }
        return nil
    }
}
