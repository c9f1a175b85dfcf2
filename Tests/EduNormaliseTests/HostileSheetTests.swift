import EduCore
@testable import EduNormalise
import Testing

/// Sheets a careless or hostile producer writes: a county row whose figure is merged down, a header
/// cell of megabytes. Each used to trap or take seconds per cell; each now has an answer.
struct HostileSheetTests {
    static let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)

    /// A county-level return (行政区划代码, 县名称, no school) whose figure is merged down over two rows
    /// used to trap on a force-unwrapped school name in `TableReader`. The figure is the county's own.
    @Test(arguments: [false, true])
    func aCountyFigureMergedDownIsTheCountys(streamed: Bool) throws {
        let table = TableLayoutTests.sheet("青石县2024年县级指标", [
            ["行政区划代码", "县名称", "在校学生数", "专任教师数"],
            ["360321", "青石县", "12000", "800"],
            ["360321", "青石县", "", "810"],
        ], merged: ["C2:C3"])
        let result: NormalisedSheet
        if streamed {
            var source = StreamingTests.LateMergesSource(sheet: table.sheet, rows: table.rows, merges: table.mergedRanges)
            result = try Self.normaliser.normalise(&source)
        } else {
            result = Self.normaliser.normalise(table)
        }
        #expect(result.records.allSatisfy { $0.stage == .county })
        #expect(result.records.map { $0.value("students") } == [12_000, nil])
        #expect(result.records.map { $0.value("full_time_teachers") } == [800, 810])
    }

    /// A 3 MB header cell is no header: unmapped, saying why (matching it took 13 s).
    @Test func aHeaderOfMegabytesIsUnmappedWithTheReason() {
        let huge = String(repeating: "在校学生数", count: 200_000)
        let decision = CatalogueFixture.matcher.decide(column: 2, path: [huge])
        #expect(decision.field == nil)
        #expect(decision.method == .unmapped)
        #expect(decision.note?.contains("too long to be a header") == true)
        let parent = CatalogueFixture.matcher.decide(column: 2, path: [huge, "在校学生数"])
        #expect(parent.field == nil)
        #expect(parent.note?.contains("too long to be a header") == true)
    }

    @Test func aLongButPlausibleHeaderIsStillMatched() {
        let decision = CatalogueFixture.matcher.decide(column: 2, path: [String(repeating: " ", count: 100) + "在校学生数"])
        #expect(decision.field == "students")
    }

    @Test func aSheetWithAHeaderOfMegabytesKeepsItsOtherColumns() {
        let result = Self.normaliser.normalise(TableLayoutTests.sheet("小学", [
            ["学校名称", String(repeating: "在校学生数", count: 200_000), "专任教师数"],
            ["甲小学", "456", "30"],
        ]))
        let fields = result.decisions.map(\.field)
        #expect(fields == ["school_name", nil, "full_time_teachers"])
        #expect(result.records.first?.value("full_time_teachers") == 30)
    }

    /// Labels again below values make a form, one school's return, read whole; over 50,000 rows
    /// that took 550 MB. A sheet longer than `headRows` is read as a table, alike in both paths.
    @Test func labelsRepeatedDownALongSheetAreATableNotAForm() throws {
        let header = ["学校名称", "在校学生数", "专任教师数"]
        var rows = [header, ["甲小学", "456", "30"], header, ["乙小学", "123", "9"]]
        rows += Array(repeating: header, count: Normaliser.headRows)
        let table = TableLayoutTests.sheet("小学", rows)
        let whole = Self.normaliser.normalise(table)
        var source = StreamingTests.LateMergesSource(sheet: table.sheet, rows: table.rows, merges: [])
        StreamingTests.expectSame(try Self.normaliser.normalise(&source), whole)
        #expect(whole.layout == .table(headerRows: 1...1, dataStart: 2))
        // The header repeated down the sheet (as on every printed page) is skipped as header, not read as a school.
        #expect(whole.records.compactMap(\.schoolName) == ["甲小学", "乙小学"])
        #expect(whole.skipped.filter { $0.kind == .header }.count == Normaliser.headRows + 2)
        #expect(whole.rejects.isEmpty)
        let short = Self.normaliser.normalise(TableLayoutTests.sheet("小学", Array(rows.prefix(8))))
        #expect(short.layout == .form)
    }

    /// Exactly `headRows` rows with data and blank rows after them: the blank rows do not make the
    /// sheet "longer", so reading it streamed decides as reading it whole does.
    @Test func blankRowsAfterTheHeadDoNotChangeTheLayout() throws {
        let header = ["学校名称", "在校学生数", "专任教师数"]
        var rows = [header, ["甲小学", "456", "30"], header, ["乙小学", "123", "9"]]
        rows += Array(repeating: header, count: Normaliser.headRows - rows.count)
        rows += [[""], [""], [""]]
        let table = TableLayoutTests.sheet("小学", rows)
        let whole = Self.normaliser.normalise(table)
        var source = StreamingTests.LateMergesSource(sheet: table.sheet, rows: table.rows, merges: [])
        StreamingTests.expectSame(try Self.normaliser.normalise(&source), whole)
        #expect(whole.layout == .form)
    }
}

/// A one-school form whose 学段 or school type names a stage beyond 小学 and 初中 keeps its figures
/// in that stage; before, a 高级中学's or 幼儿园's form lost them and kept an empty record.
struct FormStagesTests {
    @Test(arguments: [("高级中学", Stage.senior), ("幼儿园", Stage.preschool), ("小学", Stage.primary)])
    func aFormOfAnyStageKeepsItsFigures(type: String, stage: Stage) throws {
        let rows = [["学校基本情况表", ""], ["学校名称", "青石县第一\(type)"], ["学校类型", type], ["", ""], ["在校学生数", "456"],
                    ["", ""], ["专任教师数", "30"], ["", ""], ["图书册数", "9000"]]
        let result = HostileSheetTests.normaliser.normalise(TableLayoutTests.sheet("基本情况", rows))
        #expect(result.layout == .form)
        let record = try #require(result.records.first)
        #expect(result.records.count == 1)
        #expect(record.stage == stage)
        #expect(record.value("students") == 456)
        #expect(record.value("full_time_teachers") == 30)
    }
}
