@testable import EduNormalise
import Foundation
import Testing

/// The catalogue is a file read at run time: edits take effect at once, and a broken file is
/// refused with the line it broke on.
struct CatalogueTests {
    static let text = try! String(contentsOfFile: CatalogueFixture.path, encoding: .utf8)

    @Test func theProjectCatalogueHasEveryIndicatorOfTheDomain() throws {
        let ids = Set(CatalogueFixture.catalogue.fields.map(\.id))
        for id in ["school_code", "school_name", "county_code", "county_name", "township", "school_type", "urban_rural",
                   "year", "students", "classes", "full_time_teachers", "teachers_above_required_degree",
                   "teachers_college_degree", "teachers_bachelor_degree",
                   "teachers_mid_senior_title", "backbone_teachers", "pe_arts_teachers", "teaching_aux_area", "sports_area",
                   "equipment_value", "computers", "books", "multimedia_classrooms"] {
            #expect(ids.contains(id), "\(id)")
        }
        #expect(CatalogueFixture.catalogue.field("equipment_value")?.unit == "元")
        // 专科及以上 is primary's and 本科及以上 junior's required degree: one figure to look for.
        #expect(CatalogueFixture.catalogue.alternatives(of: "teachers_college_degree")
                == ["teachers_above_required_degree", "teachers_college_degree", "teachers_bachelor_degree"])
        #expect(CatalogueFixture.catalogue.alternatives(of: "students") == ["students"])
        #expect(CatalogueFixture.catalogue.field("multimedia_classrooms")?.fallbackAliases.contains("多媒体教室") == true)
        #expect(CatalogueFixture.catalogue.field("backbone_teachers")?.outside == ["校级"])
        #expect(CatalogueFixture.catalogue.field("backbone_teachers")?.exclusions.contains("校级") == true)
        #expect(CatalogueFixture.catalogue.units(spelled: "万元").first?.factor == 10_000)
    }

    @Test func aNewAliasTakesEffectFromTheFile() throws {
        let header = "学校教学设备折合金额"
        let before = try CatalogueLoader.parse(Self.text, source: "catalogue.yml")
        #expect(HeaderMatcher(catalogue: before).decide(column: 1, path: [header]).field == nil)
        let edited = Self.text.replacingOccurrences(of: "aliases: [教学仪器设备值,", with: "aliases: [\(header), 教学仪器设备值,")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-catalogue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("catalogue.yml").path
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let after = try CatalogueLoader.load(path: path)
        let decision = HeaderMatcher(catalogue: after).decide(column: 1, path: [header + "（万元）"])
        #expect(decision.field == "equipment_value")
        #expect(decision.method == .alias)
        #expect(decision.unit?.factor == 10_000)
    }

    /// `empty_markers: zero | missing` is read into a type; a catalogue without it reads markers as 0.
    @Test func emptyMarkersIsZeroOrMissing() throws {
        #expect(Self.text.contains("\nempty_markers: zero\n"))
        #expect(try CatalogueLoader.parse(Self.text, source: "catalogue.yml").emptyMarkers == .zero)
        let missing = Self.text.replacingOccurrences(of: "\nempty_markers: zero\n", with: "\nempty_markers: missing\n")
        #expect(try CatalogueLoader.parse(missing, source: "catalogue.yml").emptyMarkers == .missing)
        let without = Self.text.replacingOccurrences(of: "\nempty_markers: zero\n", with: "\n")
        #expect(try CatalogueLoader.parse(without, source: "catalogue.yml").emptyMarkers == .zero)
    }

    static func lineOf(_ needle: String) -> Int {
        let lines = text.components(separatedBy: "\n")
        return lines.firstIndex { $0.contains(needle) }! + 1
    }

    @Test(arguments: [
        ("a tab breaks YAML", "  - id: classes\n", "  - id: classes\n\t", "not valid YAML"),
        ("an unknown kind", "    kind: measure\n    unit: m²\n    aliases: [教学及辅助用房面积,", "    kind: area\n    unit: m²\n    aliases: [教学及辅助用房面积,", "is not identity, count, measure or rate"),
        ("an unknown unit", "    unit: 台\n", "    unit: 公斤\n", "is not among the units"),
        ("an alias claimed twice", "aliases: [图书册数, 图书,", "aliases: [图书册数, 计算机台数, 图书,", "already an alias of"),
        ("an alternative to no field", "    alternative_to: teachers_above_required_degree\n  - id: teachers_bachelor_degree",
         "    alternative_to: teachers_above_degree\n  - id: teachers_bachelor_degree", "not another field of the catalogue"),
        ("a part of no field", "    part_of: students\n", "    part_of: pupils\n", "'students_female' is a part of 'pupils', which is not another field"),
        ("not_parts that are no list", "  not_parts: [女,", "  not_parts: 女\n  other: [女,", "not_parts"),
        ("an unknown empty_markers", "empty_markers: zero\n", "empty_markers: blank\n", "empty_markers is 'blank'; it must be zero"),
        ("a list for empty_markers", "empty_markers: zero\n", "empty_markers: [zero]\n", "it must be zero"),
    ])
    func aBrokenCatalogueIsRefusedWithItsLine(name: String, original: String, broken: String, problem: String) throws {
        #expect(Self.text.contains(original), "\(name): the catalogue changed; update the test")
        let line = Self.lineOf(original.components(separatedBy: "\n")[0])
        let text = Self.text.replacingOccurrences(of: original, with: broken)
        let error = try #require(throws: CatalogueError.self) { try CatalogueLoader.parse(text, source: "catalogue.yml") }
        #expect(error.description.contains(problem), "\(name): \(error)")
        #expect(error.description.hasPrefix("catalogue.yml line "), "\(name): \(error)")
        // The line named is the broken entry's own or the next one (YAML reports a tab where it trips).
        #expect(error.line.map { abs($0 - line) <= 3 } ?? false, "\(name): \(error) (the entry is at line \(line))")
    }
}
