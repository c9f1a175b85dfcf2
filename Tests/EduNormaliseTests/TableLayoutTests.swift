import EduCore
@testable import EduNormalise
import Testing

/// Table layouts built cell by cell: CSV parents over empty cells, rejects that name their cell,
/// rows whose stage cannot be told, two columns claiming one field.
struct TableLayoutTests {
    static let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)

    /// A sheet from rows of texts, as a CSV reader would hand them over (empty strings left out).
    static func sheet(_ name: String, _ rows: [[String]], merged: [String] = []) -> SheetTable {
        let table = rows.enumerated().map { index, texts in
            Row(number: index + 1, cells: texts.enumerated().compactMap { column, text in
                text.isEmpty ? nil : Cell(column: column + 1, value: .string(text))
            })
        }
        return SheetTable(sheet: SheetDescription(index: 0, name: name), rows: table, mergedRanges: merged.compactMap(CellRange.init(reference:)))
    }

    @Test func csvParentLabelsHeadTheEmptyCellsAfterThem() {
        let result = Self.normaliser.normalise(Self.sheet("青石县2024年小学", [
            ["青石县2024年小学基本情况"],
            ["", "", "", "", "", "单位：人、万元"],
            ["学校名称", "在校生数", "教师数", "", "", "教学装备"],
            ["", "", "专任教师", "其中:女", "音体美专任教师", "教学仪器设备值"],
            ["甲小学", "456", "30", "20", "3", "12.5"],
            ["合  计", "456", "30", "20", "3", "12.5"],
        ]))
        #expect(result.layout == .table(headerRows: 3...4, dataStart: 5))
        let byColumn = Dictionary(uniqueKeysWithValues: result.decisions.map { ($0.column, $0) })
        #expect(byColumn[3]?.path == ["教师数", "专任教师"])
        #expect(byColumn[3]?.field == "full_time_teachers")
        #expect(byColumn[4]?.path == ["教师数", "其中:女"])
        #expect(byColumn[4]?.field == nil)
        #expect(byColumn[5]?.field == "pe_arts_teachers")
        #expect(byColumn[6]?.unit == UnitChoice(written: "万元", canonical: "元", factor: 10_000, source: .unitRow))
        #expect(result.records.count == 1)
        #expect(result.records[0].value("equipment_value") == 125_000)
        #expect(result.records[0].stage == .primary)
        #expect(result.skipped.contains { $0.row == 6 && $0.kind == .totals })
        #expect(result.titleYear == 2024)
    }

    /// A label with a date cell under the table (统计时点 | 2024-09-30) is a stamp on the return, not a
    /// school named 2024-09-30; a label with a figure is still read, and rows after the stamp are too.
    @Test func aDatedLabelIsAStampNotASchool() {
        var table = Self.sheet("小学", [
            ["学校标识码", "学校名称", "在校学生数"],
            ["2133001001", "甲小学", "456"],
            ["统计时点", "", ""],
            ["2133001002", "乙小学", "120"],
        ])
        table.rows[2].cells.append(Cell(column: 2, value: .date(SpreadsheetDate(serial: 45_565))))
        let result = Self.normaliser.normalise(table)
        #expect(result.records.map(\.schoolName) == ["甲小学", "乙小学"])
        #expect(result.skipped.contains { $0.row == 3 && $0.kind == .note })
        #expect(result.rejects.isEmpty)
    }

    @Test func badCellsAreRejectedByNameAndTheRestLoads() throws {
        let result = Self.normaliser.normalise(Self.sheet("小学", [
            ["学校名称", "在校学生数", "图书（册）"],
            ["甲小学", "约300", "#DIV/0!"],
            ["乙小学", "120", "3,000"],
        ]))
        #expect(result.records.count == 2)
        #expect(result.records[1].value("books") == 3000)
        let cells = result.rejects.map(\.cell)
        #expect(cells == ["B2", "C2"])
        #expect(result.rejects[0].reason == "在校学生数: cannot read '约300' as a number")
        #expect(result.rejects[1].reason.contains("Excel error #DIV/0!"))
    }

    /// 乙学校 says nothing of its stage; 丁学校 is a nine-year school in one row, so its figures are the
    /// whole school's (issue 10: a row is rejected only when nothing tells).
    @Test func aRowWhoseStageNobodySaysIsRejected() {
        let result = Self.normaliser.normalise(Self.sheet("学校", [
            ["学校名称", "办学类型", "在校学生数"],
            ["甲小学", "小学", "300"],
            ["乙学校", "", "500"],
            ["丙中学", "初中", "800"],
            ["丁学校", "九年一贯制学校", "900"],
        ]))
        #expect(result.records.map(\.stage) == [.primary, .junior, .wholeSchool])
        #expect(result.records.last?.value("students") == 900)
        #expect(result.rejects.count == 1)
        #expect(result.rejects.first?.cell == "row 3")
        #expect(result.rejects.first?.reason.contains("小学 or 初中") == true)
    }

    @Test func twoColumnsClaimingOneFieldAsSurelyAreBothLeftUnmapped() throws {
        let result = Self.normaliser.normalise(Self.sheet("小学", [
            ["学校名称", "在校学生数", "学生数", "图书", "图书(册)总数"],
            ["甲小学", "300", "310", "5000", "5000"],
        ]))
        let byColumn = Dictionary(uniqueKeysWithValues: result.decisions.map { ($0.column, $0) })
        // Each column has its decision: a missing one must not pass for an unmapped one.
        let students = try #require(byColumn[2]), count = try #require(byColumn[3]), total = try #require(byColumn[5])
        #expect(students.field == nil && count.field == nil)
        #expect(students.note?.contains("also names students") == true)
        #expect(byColumn[4]?.field == "books")  // an alias beats a containment
        #expect(total.field == nil)
        let school = try #require(result.records.first, "甲小学 was not read")
        #expect(school.value("students") == nil)
        #expect(school.value("books") == 5000)
    }

    @Test func aNotesSheetHasNothingToRead() {
        let result = Self.normaliser.normalise(Self.sheet("填报说明", [["填报说明"], ["1. 本表由各校填报。"], ["2. 金额单位为元。"]]))
        guard case .none = result.layout else { Issue.record("\(result.layout)"); return }
        #expect(result.records.isEmpty)
    }
}
