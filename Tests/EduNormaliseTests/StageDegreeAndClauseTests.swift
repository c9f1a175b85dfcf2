import EduCore
@testable import EduNormalise
import Testing

/// Issue 13: degree counts by the degree they name (专科及以上 / 本科及以上), so a table with both
/// keeps both; 多媒体教室 taken only where no 网络多媒体教室 column is; brackets that say what a
/// figure includes or leaves out; class-size bands that are not the class count.
struct StageDegreeAndClauseTests {
    static let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)

    static func byColumn(_ sheet: NormalisedSheet) -> [Int: ColumnDecision] {
        Dictionary(uniqueKeysWithValues: sheet.decisions.map { ($0.column, $0) })
    }

    /// Before, both columns named teachers_above_required_degree as surely and both were left
    /// unmapped: the figure was lost. Each now has its own field and its own figure.
    @Test func aTableWithBothDegreeColumnsKeepsBoth() throws {
        let result = Self.normaliser.normalise(TableLayoutTests.sheet("小学", [
            ["学校名称", "在校生数", "专任教师", "", ""],
            ["", "", "合计", "其中：专科及以上学历", "其中：本科及以上学历"],
            ["甲小学", "812", "61", "58", "40"],
        ]))
        let columns = Self.byColumn(result)
        #expect(columns[4]?.field == "teachers_college_degree")
        #expect(columns[5]?.field == "teachers_bachelor_degree")
        #expect(columns[3]?.field == "full_time_teachers")
        let record = try #require(result.records.first)
        #expect(record.value("teachers_college_degree") == 58)
        #expect(record.value("teachers_bachelor_degree") == 40)
        #expect(record.value("teachers_above_required_degree") == nil)
        #expect(result.unmappedFields(of: CatalogueFixture.catalogue).contains("teachers_above_required_degree") == false)
    }

    /// A junior table whose only degree column is 专科及以上 gives the 专科 count, not junior's
    /// required degree (本科及以上): nothing is taken for teachers_above_required_degree.
    @Test func aJuniorTableWithOnlyTheCollegeColumnIsNotTakenForTheRequiredDegree() throws {
        let result = Self.normaliser.normalise(TableLayoutTests.sheet("初中", [
            ["学校名称", "在校生数", "专任教师数", "专科及以上学历教师数"],
            ["青石县第二中学", "640", "52", "52"],
        ]))
        let record = try #require(result.records.first)
        #expect(record.stage == .junior)
        #expect(record.value("teachers_college_degree") == 52)
        #expect(record.value("teachers_above_required_degree") == nil)
        #expect(record.value("teachers_bachelor_degree") == nil)
    }

    /// Wording that means "above the required degree" whatever the stage stays that field.
    @Test(arguments: ["高于规定学历教师数", "规定学历以上教师数", "合格学历以上教师数", "教师数 / 高于规定\n学历(专科及以上)"])
    func aboveTheRequiredDegreeStaysItsOwnField(header: String) {
        let decision = CatalogueFixture.matcher.decide(column: 1, path: header.components(separatedBy: " / "))
        #expect(decision.field == "teachers_above_required_degree", "\(header): \(decision.note ?? "")")
    }

    /// 多媒体教室 names the rooms less surely than 网络多媒体教室: alone it is taken, beside a
    /// 网络多媒体教室 column it gives way, whatever the order.
    @Test func multimediaRoomsGiveWayToNetworkedRoomsInATable() throws {
        let alone = Self.normaliser.normalise(TableLayoutTests.sheet("小学", [
            ["学校名称", "在校生数", "多媒体教室（间）"],
            ["甲小学", "300", "12"],
        ]))
        #expect(Self.byColumn(alone)[3]?.field == "multimedia_classrooms")
        #expect(Self.byColumn(alone)[3]?.isFallback == true)
        #expect(try #require(alone.records.first).value("multimedia_classrooms") == 12)

        let both = Self.normaliser.normalise(TableLayoutTests.sheet("小学", [
            ["学校名称", "在校生数", "多媒体教室数", "网络多媒体教室数"],
            ["甲小学", "300", "12", "9"],
        ]))
        let columns = Self.byColumn(both)
        #expect(columns[3]?.field == nil)
        #expect(columns[3]?.note?.contains("also names multimedia_classrooms more surely") == true)
        #expect(columns[4]?.field == "multimedia_classrooms")
        #expect(try #require(both.records.first).value("multimedia_classrooms") == 9)
    }

    /// 多媒体教室 over 合计 and 其中：网络多媒体教室: the 其中 part is the indicator, and the
    /// 合计 column gives way to it (an 其中 part is otherwise never its parent's field).
    @Test func theNetworkedPartOfMultimediaRoomsIsTheIndicator() throws {
        let result = Self.normaliser.normalise(TableLayoutTests.sheet("小学", [
            ["学校名称", "在校生数", "多媒体教室（间）", ""],
            ["", "", "合计", "其中：网络多媒体教室"],
            ["甲小学", "300", "12", "9"],
        ]))
        let columns = Self.byColumn(result)
        #expect(columns[4]?.field == "multimedia_classrooms")
        #expect(columns[3]?.field == nil)
        #expect(try #require(result.records.first).value("multimedia_classrooms") == 9)
        // Still: an 其中 part named by the parent's own alias is a part, not the whole.
        let computers = CatalogueFixture.matcher.decide(column: 1, path: ["计算机台数", "其中：教学用计算机"])
        #expect(computers.field == nil)
    }

    /// In a form too: the label 多媒体教室 gives way to 网络多媒体教室 wherever it stands.
    @Test(arguments: [false, true])
    func multimediaRoomsGiveWayToNetworkedRoomsInAForm(networkedFirst: Bool) throws {
        var items = [["多媒体教室（间）", "12"], ["网络多媒体教室（间）", "9"]]
        if networkedFirst { items.reverse() }
        let rows = [["学校基本情况表", ""], ["学校名称", "甲小学"], ["学段", "小学"], ["", ""], ["在校学生数", "300"], ["", ""]]
            + [items[0], ["", ""], items[1]]
        let result = Self.normaliser.normalise(TableLayoutTests.sheet("基本情况", rows))
        #expect(result.layout == .form)
        let record = try #require(result.records.first)
        #expect(record.values.filter { $0.field == "multimedia_classrooms" }.map(\.value) == [9])
        let fallback = try #require(result.decisions.first { $0.path == ["多媒体教室（间）"] })
        #expect(fallback.field == nil)
        #expect(fallback.note?.contains("more surely") == true)

        let alone = Self.normaliser.normalise(TableLayoutTests.sheet("基本情况", Array(rows.prefix(6)) + [["多媒体教室（间）", "12"]]))
        #expect(try #require(alone.records.first).value("multimedia_classrooms") == 12)
    }

    /// 县级及以上骨干教师(含市级、省级) is the backbone count (its figure loads); the same table's
    /// 县级以上骨干教师(不含省级) would not be, and 56人以上班级数 is no class count (it is the large classes).
    @Test func brackets() throws {
        let result = Self.normaliser.normalise(TableLayoutTests.sheet("小学", [
            ["学校名称", "在校生数", "班级数", "56人以上班级数", "县级及以上骨干教师（含市级、省级）"],
            ["甲小学", "300", "8", "2", "5"],
        ]))
        let columns = Self.byColumn(result)
        #expect(columns[3]?.field == "classes")
        #expect(columns[4]?.field == "large_classes")
        #expect(columns[5]?.field == "backbone_teachers")
        #expect(columns[5]?.note?.contains("(含市级、省级)") == true)
        let record = try #require(result.records.first)
        #expect(record.value("classes") == 8)
        #expect(record.value("backbone_teachers") == 5)

        let excluding = CatalogueFixture.matcher.decide(column: 1, path: ["县级以上骨干教师（不含省级）"])
        #expect(excluding.field == nil)
        #expect(excluding.note?.contains("leaves out 省级") == true)
        let adding = CatalogueFixture.matcher.decide(column: 1, path: ["专任教师（含代课教师）"])
        #expect(adding.field == nil)
        #expect(adding.note?.contains("takes in 代课") == true)
    }
}
