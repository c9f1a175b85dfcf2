import EduCore
@testable import EduNormalise
import Testing

/// Issue 10's sheets of one school type each: several parts in one row through stage-prefixed
/// column groups, whole-school columns, senior and preschool stages, summary sheets, the stage
/// from the sheet's or the school's name.
struct DistrictPartsTests {
    static let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)

    /// Title, a three-row header of identity columns merged down and the given groups, the totals row.
    static func sheet(_ name: String, groups: [(header: String, subs: [String])], rows: [[String]], title: String? = nil) -> SheetTable {
        var row3 = ["机构代码", "单位", "性质", "办学地址"], row4 = ["", "", "", ""], row5 = ["", "", "", ""]
        var merges = ["A3:A5", "B3:B5", "C3:C5", "D3:D5"]
        for (header, subs) in groups {
            let first = row3.count + 1
            if subs.isEmpty {
                row3.append(header); row4.append(""); row5.append("")
                merges.append("\(CellPosition.columnName(first))3:\(CellPosition.columnName(first))5")
                continue
            }
            for (index, sub) in subs.enumerated() {
                row3.append(index == 0 ? header : "")
                let column = CellPosition.columnName(first + index)
                if sub == "计" {
                    row4.append(""); row5.append("计")
                } else {
                    row4.append(sub); row5.append("")
                    merges.append("\(column)4:\(column)5")
                }
            }
            if subs.count > 1 { merges.append("\(CellPosition.columnName(first))3:\(CellPosition.columnName(first + subs.count - 1))3") }
        }
        merges.append("A1:\(CellPosition.columnName(row3.count))2")
        let totals = ["合计"] + Array(repeating: "", count: 3) + Array(repeating: "#1", count: row3.count - 4)
        return DistrictSheet.table(name, [[title ?? "  2024年\(name)数据情况"], [], row3, row4, row5, totals] + rows, merged: merges)
    }

    static let wholeSchoolGroups: [(header: String, subs: [String])] = [
        ("教职工数（个）", ["合计", "专任教师"]), ("图书（册）", []), ("固定资产总值（万元）", ["合计", "其中：教学仪器设备资产值"]),
    ]

    func parts(_ sheet: NormalisedSheet, _ code: String) -> [Stage: SchoolRecord] {
        Dictionary(sheet.records.filter { $0.schoolCode == code }.map { ($0.stage, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // 6. A nine-year school's parts in one row; the unprefixed columns are the whole school's.
    @Test func aNineYearSchoolsPartsComeFromPrefixedGroups() throws {
        let table = Self.sheet("九年一贯制学校", groups: [
            ("小学班额情况（个）", ["计"]), ("初中班额情况（个）", ["计"]),
            ("小学在校生数（个）", ["合计", "其中：女", "一年级"]), ("初中在校生数（个）", ["合计", "其中：女", "七年级"]),
        ] + Self.wholeSchoolGroups, rows: [
            ["", "东湖街道", " "],
            ["2136039301", "东湖区实验学校", "831县级教育部门", "湖滨路1号", "#18", "#9", "#800", "#390", "#140", "#420", "#200", "#150",
             "#96", "#80", "#40000", "#900", "#300.5"],
        ])
        let sheet = Self.normaliser.normalise(table)
        #expect(sheet.rejects.isEmpty)
        let found = parts(sheet, "2136039301")
        #expect(Set(found.keys) == [.primary, .junior, .wholeSchool])
        #expect(found[.primary]?.value("classes") == 18 && found[.primary]?.value("students") == 800 && found[.primary]?.value("students_female") == 390)
        #expect(found[.junior]?.value("classes") == 9 && found[.junior]?.value("students") == 420 && found[.junior]?.value("students_female") == 200)
        let whole = try #require(found[.wholeSchool])
        #expect(whole.value("staff") == 96 && whole.value("full_time_teachers") == 80 && whole.value("books") == 40000)
        #expect(whole.value("equipment_value") == 3_005_000)
        #expect(whole.value("students") == nil)
        #expect(found[.primary]?.identity["school_type"]?.text == "九年一贯制学校")
        #expect(found[.primary]?.identity["township"]?.text == "东湖街道")
    }

    // 6–7. A complete secondary school: junior and senior parts, the senior included in the sharing.
    @Test func aCompleteSchoolHasJuniorAndSeniorParts() throws {
        let table = Self.sheet("完全中学", groups: [
            ("初中班额情况（个）", ["计"]), ("高中班额（个）", ["计"]),
            ("（初中）在校生数（个）", ["合计", "其中：女"]), ("（高中）在校生数（个）", ["合计", "其中：女"]),
        ] + Self.wholeSchoolGroups, rows: [
            ["2136039401", "东湖区第一中学", "教育部门", " ", "#24", "#18", "#1200", "#600", "#900", "#480", "#230", "#200", "#90000", "#2500", "#800"],
        ])
        let sheet = Self.normaliser.normalise(table)
        #expect(sheet.rejects.isEmpty)
        let found = parts(sheet, "2136039401")
        #expect(Set(found.keys) == [.junior, .senior, .wholeSchool])
        #expect(found[.junior]?.value("students") == 1200 && found[.junior]?.value("classes") == 24)
        #expect(found[.senior]?.value("students") == 900 && found[.senior]?.value("classes") == 18 && found[.senior]?.value("students_female") == 480)
        #expect(found[.wholeSchool]?.value("books") == 90000 && found[.wholeSchool]?.value("equipment_value") == 8_000_000)
        #expect(found[.junior]?.identity["school_type"]?.text == "完全中学")
    }

    // 7. A part written with 0 students is not loaded, and that is noted.
    @Test func aPartWithNoStudentsIsNotLoaded() throws {
        let table = Self.sheet("十二年一贯制学校", groups: [
            ("小学在校生数（个）", ["合计"]), ("初中在校生数（个）", ["合计"]), ("高中在校生数（个）", ["合计"]), ("高中班额（个）", ["计"]),
        ] + Self.wholeSchoolGroups, rows: [
            ["2136039501", "东湖区外国语学校", "999民办", "", "#600", "#300", "#0", "#0", "#70", "#60", "#30000", "#100", "#20"],
        ])
        let sheet = Self.normaliser.normalise(table)
        let found = parts(sheet, "2136039501")
        #expect(Set(found.keys) == [.primary, .junior, .wholeSchool])
        #expect(sheet.skipped.contains { $0.kind == .emptyPart && $0.text.contains("高中") && $0.row == 7 })
    }

    // 5, 7. Sheets named after a single-stage type give the stage: senior, preschool, junior.
    @Test(arguments: [("高级中学", Stage.senior, "在校生数（个）"), ("职中", .senior, "在校生数（个）"), ("幼儿园", .preschool, "在园幼儿数（个）"),
                      ("幼儿园", .preschool, "在园（班）人数"), ("初级中学", .junior, "在校生数（个）"), ("小学(2023)", .primary, "在校生数（个）")])
    func aSheetNamedAfterATypeGivesTheStage(name: String, stage: Stage, pupils: String) throws {
        let table = Self.sheet(name, groups: [("班额情况（个）", ["合计", "一年级"]), (pupils, ["合计", "其中：女"])] + Self.wholeSchoolGroups, rows: [
            ["2136039601", "东湖区某校", "教育部门", "", "#10", "#4", "#400", "#190", "#40", "#30", "#9000", "#50", "#10"],
        ])
        let sheet = Self.normaliser.normalise(table)
        #expect(sheet.rejects.isEmpty)
        let record = try #require(sheet.records.first)
        #expect(sheet.records.count == 1)
        #expect(record.stage == stage)
        #expect(record.value("students") == 400 && record.value("classes") == 10 && record.value("students_female") == 190)
        #expect(record.value("staff") == 40 && record.value("books") == 9000 && record.value("equipment_value") == 100_000)
    }

    // A special-education sheet: no stage can be told, so the row is the whole school's.
    @Test func aSpecialEducationSchoolIsReadAsTheWholeSchool() throws {
        let table = Self.sheet("特殊教育", groups: [("班额情况（个）", ["合计"]), ("在校生数（个）", ["合计", "其中：女"])] + Self.wholeSchoolGroups, rows: [
            ["2136039701", "东湖区特殊教育学校", "教育部门", "", "#8", "#96", "#30", "#40", "#32", "#6000", "#80", "#40"],
        ])
        let sheet = Self.normaliser.normalise(table)
        #expect(sheet.rejects.isEmpty)
        #expect(sheet.records.map(\.stage) == [.wholeSchool])
        #expect(sheet.records.first?.value("students") == 96)
        #expect(sheet.records.first?.identity["school_type"]?.text == "特殊教育学校")
    }

    // 5. A summary sheet (rows are 学段, not schools) is skipped with that reason, no reject per row.
    @Test func aSummarySheetIsSkippedWithItsReason() throws {
        let table = DistrictSheet.table("一览表", [
            ["东湖区2024年教育事业统计一览表"], [],
            ["学段", "学校数（所）", "班额情况（个）", "在校生数（个）", ""],
            ["", "", "合计", "合计", "其中：女"],
            ["幼儿园", "#12", "#60", "#1800", "#850"], ["小学", "#20", "#300", "#12000", "#5800"], ["初级中学", "#6", "#120", "#5600", "#2600"],
            ["九年一贯制学校", "#3", "#80", "#3300", "#1500"], ["合计", "#41", "#560", "#22700", "#10750"],
        ], merged: ["A1:E2", "A3:A4", "B3:B4", "D3:E3"])
        let sheet = Self.normaliser.normalise(table)
        guard case .none(let reason) = sheet.layout else {
            Issue.record("layout \(sheet.layout)")
            return
        }
        #expect(reason.contains("summary"))
        #expect(sheet.records.isEmpty && sheet.rejects.isEmpty)
    }

    // 9. No 学段 column and a sheet that names no type: the stage from the school's name.
    @Test func theStageComesFromTheSchoolsNameWhenNothingElseSays() throws {
        let table = DistrictSheet.table("Sheet1", [
            ["学校代码", "学校名称", "在校学生数"],
            ["2136039801", "东湖区东湖中心小学", "#300"], ["2136039802", "东湖区第二初级中学", "#500"], ["2136039803", "东湖区第三中学", "#450"],
            ["2136039804", "东湖区湖光教学点", "#20"], ["2136039805", "东湖区育才学校", "#90"],
        ], merged: [])
        let sheet = Self.normaliser.normalise(table)
        #expect(sheet.records.map(\.stage) == [.primary, .junior, .junior, .primary])
        #expect(sheet.rejects.map(\.cell) == ["row 6"])
    }
}

extension DistrictPartsTests {
    /// A district sheet longer than the rows a layout is found in, streamed (merges known at the
    /// end, as XLSX states them): the same records, skipped rows and rejects as read whole.
    @Test func aLongNineYearSheetStreamsAsItReadsWhole() throws {
        var rows: [[String]] = []
        for township in 0..<30 {
            rows.append(["", "第\(township)街道", " ", " "])
            for school in 0..<10 {
                let code = String(format: "2136%03d%03d", township, school)
                let senior = school == 3 ? "#0" : "#\(100 + school)"
                rows.append([code, "第\(township)街道第\(school)学校", "教育部门", " ", "#\(300 + school)", "#\(200 + township)", senior,
                             "#\(50 + school)", "#\(10_000 + school)", "#\(12.5 + Double(school))"])
            }
        }
        let table = Self.sheet("十二年一贯制学校", groups: [
            ("小学在校生数（个）", ["合计"]), ("初中在校生数（个）", ["合计"]), ("高中在校生数（个）", ["合计"]),
        ] + Self.wholeSchoolGroups.filter { $0.header != "教职工数（个）" } + [("教职工数（个）", ["合计"])], rows: rows)
        #expect(table.rows.count > Normaliser.headRows + 100)
        let whole = Self.normaliser.normalise(table)
        var source = StreamingTests.LateMergesSource(sheet: table.sheet, rows: table.rows, merges: table.mergedRanges)
        var handed: [SchoolRecord] = []
        let streamed = try Self.normaliser.normalise(&source) { handed.append($0) }
        #expect(Set(handed) == Set(whole.records))
        #expect(streamed.skipped == whole.skipped && streamed.rejects == whole.rejects)
        #expect(whole.rejects.isEmpty)
        #expect(whole.records.filter { $0.stage == .senior }.count == 270)
        #expect(whole.records.filter { $0.stage == .wholeSchool }.count == 300)
        #expect(whole.skipped.filter { $0.kind == .emptyPart }.count == 30)
        let last = try #require(whole.records.last { $0.stage == .primary })
        #expect(last.identity["township"]?.text == "第29街道")
    }
}
