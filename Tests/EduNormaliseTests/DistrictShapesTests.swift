import EduCore
@testable import EduNormalise
import Testing

/// Each shape of issue 10, as a district bureau's return has it, read through the normaliser.
struct DistrictShapesTests {
    static let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)

    static let primaryRows: [[String]] = [
        ["合计", "", "", "", "#26", "#14", "#12", "#40", "#1012", "#480", "#500", "#512", "#70", "#58", "#9000", "#20000", "#30000", "#900", "#250.5"],
        ["", "东湖街道", " ", " ", " ", " "],
        ["2136039201", "东湖区东湖小学", "831县级教育部门", "东湖区湖滨路9号", "#12", "#6", "#6", "#20", "#512", "#240", "#250", "#262",
         "#35", "#28", "#4810", "#5620", "#14200", "#688.5", "#127.305518"],
        ["", "白鹭镇", " ", " "],
        ["2136039202", "东湖区白鹭小学", "999民办", " ", "#14", "#8", " ", "#20", "#500", "#240", "#250", "#250",
         "#35", "#30", "#4190", "#14380", "#15800", "#211.5", "#123.2"],
    ]

    func decision(_ sheet: NormalisedSheet, _ column: String) throws -> ColumnDecision {
        let number = try #require(CellPosition(reference: column + "1")).column
        return try #require(sheet.decisions.first { $0.column == number })
    }

    // 1. The header block is as deep as its cells merged down; its 合计 row is header text.
    @Test func theHeaderIsAsDeepAsItsMergedCells() throws {
        let sheet = Self.normaliser.normalise(DistrictSheet.primary(rows: Self.primaryRows))
        #expect(sheet.layout == .table(headerRows: 3...5, dataStart: 6))
        #expect(sheet.skipped.contains(SkippedRow(row: 6, kind: .totals, text: sheet.skipped.first { $0.row == 6 }?.text ?? "")))
        #expect(sheet.rejects.isEmpty)
        #expect(sheet.records.map(\.schoolCode) == ["2136039201", "2136039202"])
        #expect(sheet.titleYear == 2024)
    }

    // 2. Breakdown columns: the 合计 carries the field, its siblings are breakdowns.
    @Test func theTotalColumnCarriesTheFieldAndItsSiblingsAreBreakdowns() throws {
        let sheet = Self.normaliser.normalise(DistrictSheet.primary(rows: Self.primaryRows))
        #expect(try decision(sheet, "E").field == "classes")
        #expect(try decision(sheet, "F").field == nil)
        #expect(try decision(sheet, "F").note?.contains("a breakdown of classes") == true)
        #expect(try decision(sheet, "I").field == "students")
        #expect(try decision(sheet, "J").field == "students_female")
        #expect(try decision(sheet, "K").note?.contains("a breakdown of students") == true)
        #expect(try decision(sheet, "M").field == "staff")
        #expect(try decision(sheet, "N").field == "full_time_teachers")
        #expect(try decision(sheet, "Q").field == "books")
        for column in ["H", "O", "P", "R"] { #expect(try decision(sheet, column).field == nil, "\(column)") }
        let school = try #require(sheet.records.first)
        #expect(school.value("classes") == 12 && school.value("students") == 512 && school.value("students_female") == 240)
        #expect(school.value("staff") == 35 && school.value("full_time_teachers") == 28 && school.value("books") == 14200)
    }

    // 3. An 其中 column that names another field is that field, in its parent's unit.
    @Test func anOfWhichColumnNamingAFieldIsThatFieldInItsParentsUnit() throws {
        let sheet = Self.normaliser.normalise(DistrictSheet.primary(rows: Self.primaryRows))
        let equipment = try decision(sheet, "S")
        #expect(equipment.field == "equipment_value")
        #expect(equipment.unit?.factor == 10_000)
        let value = try #require(sheet.records.first?.value("equipment_value"))
        #expect(abs(value - 1_273_055.18) < 0.005)
    }

    // 4. Identity headers: 机构代码, 单位 beside it, 性质, 办学地址; counts written with （个）.
    @Test func districtIdentityHeadersAreRead() throws {
        let sheet = Self.normaliser.normalise(DistrictSheet.primary(rows: Self.primaryRows))
        #expect(try decision(sheet, "A").field == "school_code")
        #expect(try decision(sheet, "B").field == "school_name")
        #expect(try decision(sheet, "C").field == "ownership")
        #expect(try decision(sheet, "D").field == "address")
        #expect(try decision(sheet, "I").note == nil, "个 is a count's unit: nothing to say")
        let first = try #require(sheet.records.first)
        #expect(first.identity["ownership"]?.text == "831县级教育部门")
        #expect(first.identity["address"]?.text == "东湖区湖滨路9号")
        #expect(sheet.records[1].identity["ownership"]?.text == "999民办")
        #expect(sheet.records[1].identity["address"] == nil, "a cell of spaces is blank")
    }

    // 8. Township rows set the township below them; whitespace cells are blank; a subtotal is skipped.
    @Test func townshipRowsGroupTheSchoolsBelow() throws {
        var rows = Self.primaryRows
        rows.insert(["", "西山街道小计", "", "", "#1"], at: 4)
        rows.insert(["", "西山街道", " ", " ", "#3", "#1", "#2"], at: 5)
        let sheet = Self.normaliser.normalise(DistrictSheet.primary(rows: rows))
        #expect(sheet.rejects.isEmpty)
        // 白鹭镇 (row 9) is followed by 西山街道's 小计 and its group row with figures: the school below is 西山街道's.
        #expect(sheet.records.map { $0.identity["township"]?.text } == ["东湖街道", "西山街道"])
        let kinds = Dictionary(sheet.skipped.map { ($0.row, $0.kind) }, uniquingKeysWith: { first, _ in first })
        #expect(kinds[7] == .township && kinds[9] == .township && kinds[10] == .totals && kinds[11] == .townshipSubtotal)
        #expect(sheet.records[1].values.allSatisfy { $0.cell.column != 7 }, "G12 holds a space: no value")
    }
}

/// Variants of the same shapes a bureau may send.
extension DistrictShapesTests {
    // 8. Township rows written other ways: merged across from column A, with a township code, an ordinal and a count.
    @Test func townshipRowsInOtherSpellings() throws {
        var rows = Self.primaryRows
        rows[1] = ["一、东湖街道（1所）"]
        rows[3] = ["360392101", "白鹭镇人民政府办事处"]
        let table = DistrictSheet.table("小学", DistrictSheet.primaryHeader + rows, merged: DistrictSheet.primaryMerges + ["A7:S7"])
        let sheet = Self.normaliser.normalise(table)
        #expect(sheet.rejects.isEmpty)
        #expect(sheet.records.map { $0.identity["township"]?.text } == ["一、东湖街道（1所）", "白鹭镇人民政府办事处"])
        #expect(sheet.skipped.filter { $0.kind == .township }.map(\.row) == [7, 9])
    }

    // 3. 合计/计 under an 其中 column carries that column's field, in the grandparent's unit.
    @Test func aTotalUnderAnOfWhichColumnIsThatColumnsField() throws {
        let decision = CatalogueFixture.matcher.decide(column: 1, path: ["固定资产总值（万元）", "其中：教学仪器设备资产值", "计"])
        #expect(decision.field == "equipment_value")
        #expect(decision.unit?.factor == 10_000)
        let female = CatalogueFixture.matcher.decide(column: 1, path: ["在校生数（个）", "其中：女", "计"])
        #expect(female.field == "students_female")
        let teachers = CatalogueFixture.matcher.decide(column: 1, path: ["专任教师", "其中：女", "计"])
        #expect(teachers.field == nil)
    }

    // 6. A stage written as a header of its own (在校生数 / 小学 / 合计, or 初中 over its columns).
    @Test func aStageWrittenAsItsOwnHeaderNamesThePart() throws {
        let primary = CatalogueFixture.matcher.decide(column: 1, path: ["在校生数（个）", "小学", "合计"])
        #expect(primary.field == "students" && primary.stage == .primary)
        let senior = CatalogueFixture.matcher.decide(column: 1, path: ["高中部", "班级数"])
        #expect(senior.field == "classes" && senior.stage == .senior)
        let plain = CatalogueFixture.matcher.decide(column: 1, path: ["初中毕业升学率"])
        #expect(plain.field == "junior_progression_rate" && plain.stage == nil)
    }

    // 5. A sheet named Sheet1 whose title names the type.
    @Test func aTitleNamingTheTypeGivesTheStage() throws {
        var header = DistrictSheet.primaryHeader
        header[0] = ["2024年东湖区高级中学基本情况"]
        let sheet = Self.normaliser.normalise(DistrictSheet.table("Sheet1", header + [Self.primaryRows[2]], merged: DistrictSheet.primaryMerges))
        #expect(sheet.records.map(\.stage) == [.senior])
        #expect(sheet.records.first?.identity["school_type"]?.text == "高级中学")
        let mixed = CatalogueFixture.catalogue
        #expect(SchoolKinds(catalogue: mixed).type(inTitle: "青石镇2024年度中小学基本情况统计") == nil)
        #expect(SchoolKinds(catalogue: mixed).type(inTitle: "2024年九年一贯制学校数据情况")?.type == "九年一贯制学校")
    }

    // 5. A summary by township (rows are places, no code or name column) is skipped, not rejected row by row.
    @Test func aSummaryByTownshipIsSkipped() throws {
        let table = DistrictSheet.table("乡镇汇总", [
            ["东湖区2024年各乡镇（街道）学校情况汇总"],
            ["乡镇（街道）", "学校数（所）", "在校生数（个）"],
            ["东湖街道", "#12", "#8000"], ["西山街道", "#8", "#5000"], ["白鹭镇", "#6", "#2400"], ["合计", "#26", "#15400"],
        ], merged: [])
        let sheet = Self.normaliser.normalise(table)
        guard case .none(let reason) = sheet.layout else {
            Issue.record("layout \(sheet.layout)")
            return
        }
        #expect(reason.contains("summary"))
        #expect(sheet.rejects.isEmpty)
    }
}
