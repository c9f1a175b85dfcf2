@testable import EduNormalise
import Foundation
import Testing

/// A header spelling confirmed on the page goes into the catalogue file as one changed (or added)
/// line, every other line kept; it is refused when it would break the file, is another field's,
/// or would still not map the column.
struct CatalogueAliasEditTests {
    static func projectText() throws -> String { try String(contentsOfFile: CatalogueFixture.path, encoding: .utf8) }

    /// The lines of `after` that differ from `before` (one changed line, or one added).
    static func differingLines(_ before: String, _ after: String) -> [String] {
        let old = before.components(separatedBy: "\n"), new = after.components(separatedBy: "\n")
        return new.enumerated().filter { $0.offset >= old.count || old[$0.offset] != $0.element }.map(\.element)
    }

    @Test func anAliasJoinsAOneLineFlowListAndTheColumnThenMaps() throws {
        let text = try Self.projectText()
        let path = ["校舍情况", "体育活动场地"]
        #expect(HeaderMatcher(catalogue: try CatalogueLoader.parse(text, source: "c.yml")).decide(column: 0, path: path).field == nil)
        let edit = try CatalogueAliasEdit.adding(alias: "体育活动场地", toField: "sports_area", in: text, source: "c.yml", checking: path)
        #expect(edit.before?.hasSuffix("]") == true && edit.after.hasSuffix(", 体育活动场地]"), "\(edit.after)")
        #expect(text.components(separatedBy: "\n")[edit.line - 1] == edit.before)
        let edited = try CatalogueLoader.parse(edit.text, source: "c.yml")
        #expect(edited.field("sports_area")?.aliases.contains("体育活动场地") == true)
        #expect(HeaderMatcher(catalogue: edited).decide(column: 0, path: path).field == "sports_area")
        // Only that line changed: comments, order and the other fields as written.
        #expect(edit.text.components(separatedBy: "\n").count == text.components(separatedBy: "\n").count)
        #expect(Self.differingLines(text, edit.text) == [edit.after])
    }

    @Test func aFlowListOverTwoLinesTakesTheAliasBeforeItsBracket() throws {
        let text = try Self.projectText()
        let edit = try CatalogueAliasEdit.adding(alias: "在册学生", toField: "students", in: text, source: "c.yml", checking: ["在册学生"])
        #expect(edit.before?.contains("在园生数]") == true && edit.after.hasSuffix("在园生数, 在册学生]"), "\(edit.after)")
        #expect(try CatalogueLoader.parse(edit.text, source: "c.yml").field("students")?.aliases.contains("在册学生") == true)
    }

    @Test func aBlockListOrNoListAtAllIsWrittenInItsOwnStyle() throws {
        let text = try Self.projectText()
        let block = text.replacingOccurrences(of: "    aliases: [乡镇, 所属乡镇, 乡镇(街道), 所属乡镇(街道), 乡(镇), 乡镇街道, 乡镇名称]",
                                              with: "    aliases:\n      - 乡镇\n      - 所属乡镇   # as most returns write it\n      - 乡镇名称")
        #expect(block != text)
        let added = try CatalogueAliasEdit.adding(alias: "镇别", toField: "township", in: block, source: "c.yml", checking: ["镇别"])
        #expect(added.before == nil && added.after == "      - 镇别")
        #expect(block.components(separatedBy: "\n")[added.line - 2] == "      - 乡镇名称")
        #expect(try CatalogueLoader.parse(added.text, source: "c.yml").field("township")?.aliases.contains("镇别") == true)

        let none = try #require(text.range(of: "    aliases: [办学地址, 学校地址, 地址, 详细地址, 校址, 通讯地址]\n"))
        let bare = text.replacingCharacters(in: none, with: "")
        let first = try CatalogueAliasEdit.adding(alias: "校址", toField: "address", in: bare, source: "c.yml", checking: ["校址"])
        #expect(first.before == nil && first.after == "    aliases: [校址]")
        #expect(try CatalogueLoader.parse(first.text, source: "c.yml").field("address")?.aliases == ["校址"])
    }

    @Test func aSpellingYAMLWouldMisreadIsQuoted() throws {
        #expect(CatalogueAliasEdit.quoted("体育场地") == "体育场地")
        #expect(CatalogueAliasEdit.quoted("场地:合计") == "\"场地:合计\"")
        #expect(CatalogueAliasEdit.quoted("-面积") == "\"-面积\"")
        #expect(CatalogueAliasEdit.quoted("a\"b") == "\"a\\\"b\"")
        let text = try Self.projectText()
        let edit = try CatalogueAliasEdit.adding(alias: "体育场地,运动场", toField: "sports_area", in: text, source: "c.yml",
                                                 checking: ["体育场地,运动场"])
        #expect(try CatalogueLoader.parse(edit.text, source: "c.yml").field("sports_area")?.aliases.contains("体育场地,运动场") == true)
    }

    @Test func refusalsSayWhyAndChangeNothing() throws {
        let text = try Self.projectText()
        #expect(throws: CatalogueAliasEdit.Refusal.claimedByAnother(alias: "学校名称", owner: "school_name")) {
            try CatalogueAliasEdit.adding(alias: "学校名称", toField: "students", in: text, source: "c.yml", checking: ["学校名称"])
        }
        #expect(throws: CatalogueAliasEdit.Refusal.alreadyAlias(alias: "在校生数", field: "students")) {
            try CatalogueAliasEdit.adding(alias: "在校生数", toField: "students", in: text, source: "c.yml", checking: ["在校生数"])
        }
        #expect(throws: CatalogueAliasEdit.Refusal.unknownField("pupils")) {
            try CatalogueAliasEdit.adding(alias: "学生", toField: "pupils", in: text, source: "c.yml", checking: ["学生"])
        }
        #expect(throws: CatalogueAliasEdit.Refusal.emptyAlias) {
            try CatalogueAliasEdit.adding(alias: " \n", toField: "students", in: text, source: "c.yml", checking: ["学生"])
        }
        // 上年 makes the column last year's: a shorter spelling would not map it, so it is not written.
        do {
            _ = try CatalogueAliasEdit.adding(alias: "在册学生", toField: "students", in: text, source: "c.yml", checking: ["上年在册学生"])
            Issue.record("an alias that leaves the column unmapped was accepted")
        } catch {
            guard case .stillUnmapped(let header, let field, _) = error else { Issue.record("\(error)"); return }
            #expect(header == "上年在册学生" && field == "students")
            #expect(error.description.contains("目录未改动"))
        }
    }
}
