@testable import EduNormalise
import EduCore
import Testing

/// Which columns beside a 合计 are its breakdown, and what a row's parts read as.
struct BreakdownColumnsTests {
    static let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)

    static func links(_ sheet: NormalisedSheet) -> [String: String] {
        var result: [String: String] = [:]
        for decision in sheet.decisions {
            guard let link = decision.breakdownOf else { continue }
            result[CellPosition.columnName(decision.column)] = "\(link.field)@\(CellPosition.columnName(link.totalColumn)) \(link.part)"
        }
        return result
    }

    /// A merged three-row header as Excel and WPS write it: 在校学生数 over 合计 and the grades, 班额情况
    /// over 合计 and classes by grade, 教职工数 over 合计 and its kinds (专任教师 a field of its own).
    /// 其中：女, 少数民族 and 比上年增减 are parts "of which" or other figures, never summed.
    @Test func theColumnsBesideAMergedTotalAreItsParts() throws {
        let sheet = Self.normaliser.normalise(TableLayoutTests.sheet("小学", [
            ["青石县2024年小学基本情况", "", "", "", "", "", "", "", "", "", "", "", "", ""],
            ["学校名称", "在校学生数", "", "", "", "", "班额情况", "", "", "教职工数", "", "", "", ""],
            ["", "合计", "一年级", "二年级", "其中：女", "少数民族", "合计", "一年级", "二年级", "合计", "专任教师", "行政人员", "工勤人员",
             "比上年增减"],
            ["甲小学", "120", "58", "60", "55", "3", "4", "2", "2", "12", "10", "1", "1", "2"],
        ], merged: ["A1:N1", "A2:A3", "B2:F2", "G2:I2", "J2:N2"]))
        #expect(Self.links(sheet) == [
            "C": "students@B 一年级", "D": "students@B 二年级",
            "H": "classes@G 一年级", "I": "classes@G 二年级",
            "K": "staff@J 专任教师", "L": "staff@J 行政人员", "M": "staff@J 工勤人员",
        ])
        let record = try #require(sheet.records.first)
        #expect(record.value("full_time_teachers") == 10)
        let parts = record.breakdowns.map { "\($0.field) \($0.part) \($0.value) \($0.cell.reference)→\($0.total.reference)" }
        #expect(parts == ["students 一年级 58.0 C4→B4", "students 二年级 60.0 D4→B4", "classes 一年级 2.0 H4→G4", "classes 二年级 2.0 I4→G4",
                          "staff 专任教师 10.0 K4→J4", "staff 行政人员 1.0 L4→J4", "staff 工勤人员 1.0 M4→J4"])
    }

    /// A lone part beside a 合计 says nothing of a sum (在校生数 / 合计 │ 女 │ 一年级: 女 is "of which");
    /// two 合计 under one header leave the group without a total to sum against.
    @Test func aLonePartOrTwoTotalsMakeNoBreakdown() {
        let lone = Self.normaliser.normalise(TableLayoutTests.sheet("小学", [
            ["学校名称", "在校生数", "", ""],
            ["", "合计", "女", "一年级"],
            ["甲小学", "300", "140", "50"],
        ], merged: ["A1:A2", "B1:D1"]))
        #expect(Self.links(lone).isEmpty)
        #expect(lone.records.first?.breakdowns.isEmpty == true)
        let twoTotals = Self.normaliser.normalise(TableLayoutTests.sheet("小学", [
            ["学校名称", "在校生数", "", "", ""],
            ["", "合计", "小计", "一年级", "二年级"],
            ["甲小学", "300", "300", "150", "150"],
        ], merged: ["A1:A2", "B1:E1"]))
        #expect(Self.links(twoTotals).isEmpty)
    }

    /// 专任教师 / 合计 │ 高于规定学历 │ 中级及以上职称 │ 县级以上骨干教师 │ 音体美: each counts some of the
    /// teachers (`part_of: full_time_teachers`), none a kind of them, so there is nothing to sum.
    @Test func fieldsThatArePartOfTheTotalAreNotItsBreakdown() {
        let sheet = Self.normaliser.normalise(TableLayoutTests.sheet("小学", [
            ["学校名称", "专任教师", "", "", "", "", "专任教师", ""],
            ["", "合计", "高于规定学历", "中级及以上职称", "县级以上骨干教师", "音体美专任教师", "专科及以上学历", "本科及以上学历"],
            ["甲小学", "30", "28", "12", "5", "4", "28", "20"],
        ], merged: ["A1:A2", "B1:F1"]))
        #expect(sheet.decisions.compactMap(\.field).contains("backbone_teachers"))
        #expect(Self.links(sheet).isEmpty)
        #expect(sheet.records.first?.breakdowns.isEmpty == true)
    }

    /// Under a header whose stage it names (小学在校生数 / 合计 │ 一年级 …), the parts are that stage's,
    /// in a row that holds several parts; 万元 over a group converts its parts as its 合计.
    @Test func partsFollowTheirTotalsStageAndUnit() throws {
        let sheet = Self.normaliser.normalise(TableLayoutTests.sheet("九年一贯制学校", [
            ["学校名称", "小学在校生数", "", "", "初中在校生数", "", "", "教学仪器设备值（万元）", "", ""],
            ["", "合计", "一年级", "二年级", "合计", "七年级", "八年级", "合计", "小学部", "初中部"],
            ["甲学校", "200", "100", "100", "190", "100", "100", "150", "100", "50"],
        ], merged: ["A1:A2", "B1:D1", "E1:G1", "H1:J1"]))
        let byStage = Dictionary(grouping: sheet.records, by: \.stage)
        let primary = try #require(byStage[.primary]?.first)
        let junior = try #require(byStage[.junior]?.first)
        #expect(primary.breakdowns.map(\.part) == ["一年级", "二年级"])
        #expect(junior.breakdowns.map(\.part) == ["七年级", "八年级"])
        #expect(junior.breakdowns.map(\.total.reference) == ["E3", "E3"])
        let whole = try #require(byStage[.wholeSchool]?.first)
        #expect(whole.breakdowns.map(\.value) == [1_000_000, 500_000])
        #expect(whole.value("equipment_value") == 1_500_000)
    }
}
