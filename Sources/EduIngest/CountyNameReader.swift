import EduNormalise
import EduWarehouse

/// The county's name as the returns write it, for a county the catalogue does not name: from a
/// county-name cell, a title (江西省萍乡市莲花县2024年… → 莲花县) or the schools' names (东湖区白鹭镇
/// 中心小学 → 东湖区). Each name is counted per county code and source; the warehouse takes the
/// surest one (a cell before a title before school names, then the most often written).
enum CountyNameReader {
    /// The names a file's settled records give, by county code and source.
    static func evidence(in sheets: [SheetToLoad]) -> [CountyNameEvidence] {
        var counts: [EvidenceKey: Int] = [:]
        for sheet in sheets {
            let codes = Set(sheet.records.map(\.countyCode))
            // A title speaks for the sheet's county only where the sheet holds one.
            if codes.count == 1, let code = codes.first,
               let name = sheet.sheet.titles.lazy.compactMap(Self.countyName(in:)).first {
                counts[EvidenceKey(code: code, name: name, source: .title), default: 0] += sheet.records.count
            }
            for record in sheet.records {
                if let cell = record.record.identityText("county_name"), let name = countyName(in: cell) {
                    counts[EvidenceKey(code: record.countyCode, name: name, source: .countyField), default: 0] += 1
                } else if let school = record.record.schoolName, let name = countyName(in: school) {
                    counts[EvidenceKey(code: record.countyCode, name: name, source: .schoolName), default: 0] += 1
                }
            }
        }
        return counts.map { CountyNameEvidence(countyCode: $0.key.code, name: $0.key.name, source: $0.key.source, records: $0.value) }
            .sorted { ($0.countyCode, $0.source.rawValue, $0.name) < ($1.countyCode, $1.source.rawValue, $1.name) }
    }

    private struct EvidenceKey: Hashable {
        var code: String
        var name: String
        var source: CountyNameSource
    }

    /// Words ending in 区 or 县 that name no county: the urban-rural classes, school districts, parts.
    static let notCounties: Set<String> = ["城区", "镇区", "乡区", "学区", "校区", "片区", "社区", "园区", "景区", "小区", "厂区", "矿区",
                                           "山区", "牧区", "林区", "库区", "老区", "本区", "全区", "全县", "本县", "该县", "各县", "各区"]
    /// Endings of a part of a place, never a county (第二学区, 东校区, 滨江社区); 城区 is not among them (东城区).
    static let partEndings = ["学区", "校区", "片区", "社区", "园区", "景区", "小区", "厂区", "库区"]
    /// A county-level word after which a longer word goes on (县级, 县域, 区域, 县直): no name ends there.
    static let goesOn: Set<Character> = ["级", "域", "直", "属", "委", "内", "外"]
    /// Where a name starts: after the province or prefecture that precedes it (江西省萍乡市莲花县).
    static let prefectureEnds: Set<Character> = ["省", "市", "州", "盟"]

    /// The first county-level name in a text: a run of Chinese characters ending in 县, 区 or 旗, after
    /// any province or prefecture before it, at least two characters, and not a word such as 城区 or
    /// 县级. 青石县城关镇2024年… → 青石县; 2024年县级教育指标 → nil.
    static func countyName(in text: String) -> String? {
        let characters = Array(text)
        var start = 0
        for (index, character) in characters.enumerated() {
            guard Self.isHan(character), character != "年" else {
                start = index + 1
                continue
            }
            if prefectureEnds.contains(character) {
                start = index + 1
                continue
            }
            guard character == "县" || character == "区" || character == "旗" else { continue }
            let next = characters.indices.contains(index + 1) ? characters[index + 1] : nil
            let name = String(characters[start...index])
            // 广西壮族自治区, 喀什地区: a province or prefecture; the county comes after it.
            if name.hasSuffix("自治区") || name.hasSuffix("地区") {
                start = index + 1
                continue
            }
            if name.count >= 2, !notCounties.contains(name), !partEndings.contains(where: name.hasSuffix),
               next.map({ !goesOn.contains($0) }) ?? true {
                return name
            }
            start = index + 1
        }
        return nil
    }

    static func isHan(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }
}
