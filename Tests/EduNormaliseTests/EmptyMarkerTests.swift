import EduCore
@testable import EduNormalise
import Testing

/// Issue 13, point 1: empty markers (—, /, 无) mean none. Under the catalogue's `empty_markers:
/// zero` (the default) a marker in a count, area or money cell loads 0 and stays on the record as
/// written; a rate keeps no figure, a blank cell is no marker, and `empty_markers: missing` is the
/// behaviour before the issue (no figure, the marker kept).
struct EmptyMarkerTests {
    static let zero = CatalogueFixture.catalogue
    static let missing: Catalogue = {
        var catalogue = CatalogueFixture.catalogue
        catalogue.emptyMarkers = .missing
        return catalogue
    }()

    /// One primary school a row: a marker in a count (无), an area (—), money in 万元 (/), a blank
    /// cell (no cell at all), and × (不需填报, not applicable) in books.
    static let table = TableLayoutTests.sheet("青石县2024年小学", [
        ["学校标识码", "学校名称", "在校学生数", "县级以上骨干教师数", "教学及辅助用房面积（㎡）", "教学仪器设备值（万元）", "图书（册）", "专任教师数"],
        ["3603219901", "甲小学", "260", "无", "—", "/", "×", ""],
        ["3603219902", "乙小学", "420", "12", "1,850.5", "35.2", "9,400", "24"],
    ])

    static func school(_ sheet: NormalisedSheet, _ code: String) throws -> SchoolRecord {
        try #require(sheet.records.first { $0.schoolCode == code })
    }

    @Test func theProjectCatalogueSaysZero() {
        #expect(CatalogueFixture.catalogue.emptyMarkers == .zero)
        let backbone = CatalogueFixture.catalogue.field("backbone_teachers")
        #expect(backbone.map(CatalogueFixture.catalogue.readsMarkerAsZero) == true)
        for id in ["students", "teaching_aux_area", "sports_area", "equipment_value", "computers", "books", "multimedia_classrooms"] {
            let field = CatalogueFixture.catalogue.field(id)
            #expect(field.map(CatalogueFixture.catalogue.readsMarkerAsZero) == true, "\(id)")
        }
        // Rates (shares) and identity fields never.
        for id in ["junior_dropout_rate", "preschool_gross_enrolment_rate", "school_code", "school_name", "year"] {
            let field = CatalogueFixture.catalogue.field(id)
            #expect(field.map(CatalogueFixture.catalogue.readsMarkerAsZero) == false, "\(id)")
        }
        #expect(backbone.map(Self.missing.readsMarkerAsZero) == false)
    }

    @Test func aMarkerInACountAreaOrMoneyCellLoadsZeroAndIsKept() throws {
        let sheet = Normaliser(catalogue: Self.zero).normalise(Self.table)
        #expect(sheet.rejects.isEmpty)
        let school = try Self.school(sheet, "3603219901")
        #expect(school.value("students") == 260)
        #expect(school.value("backbone_teachers") == 0)
        #expect(school.value("teaching_aux_area") == 0)
        #expect(school.value("equipment_value") == 0)  // "/" under 万元: 0 whatever the factor
        // The loaded zero keeps the cell as written (provenance) ...
        let backbone = try #require(school.values.first { $0.field == "backbone_teachers" })
        #expect(backbone.cell.reference == "D2")
        #expect(backbone.written == .string("无"))
        // ... and the cell is recorded as having held a marker.
        let marked = school.markedEmpty.sorted { $0.cell.column < $1.cell.column }
        #expect(marked.map(\.cell.reference) == ["D2", "E2", "F2", "G2"])
        #expect(marked.map(\.written) == ["无", "—", "/", "×"])
        #expect(marked.map(\.readAsZero) == [true, true, true, false])
        // × (not applicable) and a blank cell give no figure; the blank is no marker either.
        #expect(school.value("books") == nil)
        #expect(school.value("full_time_teachers") == nil)
        #expect(!school.markedEmpty.contains { $0.field == "full_time_teachers" })
        #expect(sheet.markersReadAsZero == 3)
        #expect(sheet.markersLeftMissing == 1)
        // The other school is read as before.
        let other = try Self.school(sheet, "3603219902")
        #expect(other.value("backbone_teachers") == 12)
        #expect(other.value("equipment_value") == 352_000)
        #expect(other.markedEmpty.isEmpty)
    }

    @Test func withMissingAMarkerLoadsNoFigureAsBefore() throws {
        let sheet = Normaliser(catalogue: Self.missing).normalise(Self.table)
        #expect(sheet.rejects.isEmpty)
        let school = try Self.school(sheet, "3603219901")
        #expect(school.value("students") == 260)
        #expect(school.values.map(\.field) == ["students"])
        #expect(school.markedEmpty.map(\.field).sorted() == ["backbone_teachers", "books", "equipment_value", "teaching_aux_area"])
        #expect(school.markedEmpty.allSatisfy { !$0.readAsZero })
        #expect(sheet.markersReadAsZero == 0)
        #expect(sheet.markersLeftMissing == 4)
    }

    /// A county's rates are shares: 无 in 初中年辍学率 stays missing, whatever the setting.
    @Test func aRateStaysMissing() throws {
        let table = TableLayoutTests.sheet("青石县2024年县级指标", [
            ["行政区划代码", "县名称", "学前三年毛入园率（%）", "初中年辍学率（%）"],
            ["360321", "青石县", "92.3", "无"],
        ])
        let sheet = Normaliser(catalogue: Self.zero).normalise(table)
        let county = try #require(sheet.records.first)
        #expect(county.stage == .county)
        #expect(county.value("preschool_gross_enrolment_rate").map { abs($0 - 0.923) < 1e-12 } == true)
        #expect(county.value("junior_dropout_rate") == nil)
        #expect(county.markedEmpty.map(\.field) == ["junior_dropout_rate"])
        #expect(county.markedEmpty.map(\.readAsZero) == [false])
        #expect(sheet.markersReadAsZero == 0)
    }

    /// Every spelling of none reads as 0; those of not applicable, and blanks, never.
    @Test(arguments: [
        ("—", true), ("-", true), ("--", true), ("——", true), ("–", true), ("/", true), ("／", true), ("\\", true),
        ("无", true), (" 无 ", true), ("空", true), ("暂无", true), ("－", true),
        ("×", false), ("x", false), ("n/a", false), ("NA", false), ("", false), ("   ", false), ("\u{3000}", false),
    ])
    func spellings(text: String, none: Bool) {
        #expect(ValueParser.number(.string(text)) == .missing, "\(text)")
        #expect(FieldReadings.holdsNoneMarker(.string(text)) == none, "\(text)")
        var readings = FieldReadings()
        var rejects: [Reject] = []
        let unit = UnitChoice(written: "人", canonical: "人", factor: 1, source: .assumed)
        readings.read(.string(text), field: "backbone_teachers", name: "县级以上骨干教师数", unit: unit, markerIsZero: true,
                      at: CellPosition(row: 2, column: 4), rejects: &rejects)
        #expect(rejects.isEmpty)
        #expect(readings.values.map(\.value) == (none ? [0] : []), "\(text)")
        #expect(readings.markedEmpty.count == (SheetGrid.isBlank(.string(text)) ? 0 : 1), "\(text)")
    }

    /// A form with 小学部 │ 初中部 │ 全校合计: 无 beside the other part's figure is that part's none;
    /// — in both parts beside a total is the shared figure's, read for the whole school as before.
    static let form: SheetTable = {
        let rows: [[CellValue?]] = [
            [.string("青石县龙潭镇示例学校2024年教育事业统计年报")],
            [.string("学校名称"), .string("青石县龙潭镇示例学校"), nil, .string("学校标识码"), .string("3603219950")],
            [.string("办学类型"), .string("九年一贯制学校"), nil, .string("统计年度"), .string("2024学年")],
            [.string("项目"), .string("单位"), .string("小学部"), .string("初中部"), .string("全校合计")],
            [.string("在校学生数"), .string("人"), .number(842), .number(1151), .number(1993)],
            [.string("县级以上骨干教师数"), .string("人"), .string("无"), .number(15), .number(15)],
            [.string("教学及辅助用房面积"), .string("平方米"), .string("—"), .string("—"), .number(12944.5)],
            [.string("网络多媒体教室数"), .string("间"), .string("全校共用"), nil, .string("/")],
        ]
        let table = rows.enumerated().map { index, values in
            Row(number: index + 1, cells: values.enumerated().compactMap { column, value in value.map { Cell(column: column + 1, value: $0) } })
        }
        return SheetTable(sheet: SheetDescription(index: 0, name: "学校基本情况"), rows: table, mergedRanges: [])
    }()

    @Test func aFormPartsMarkerBesideTheOtherPartsFigureIsItsNone() throws {
        let sheet = Normaliser(catalogue: Self.zero).normalise(Self.form)
        #expect(sheet.layout == .form)
        let primary = try #require(sheet.records.first { $0.stage == .primary })
        let junior = try #require(sheet.records.first { $0.stage == .junior })
        let whole = try #require(sheet.records.first { $0.stage == .wholeSchool })
        #expect(primary.value("students") == 842)
        #expect(primary.value("backbone_teachers") == 0)
        #expect(primary.markedEmpty.map(\.cell.reference) == ["C6"])
        #expect(junior.value("backbone_teachers") == 15)
        // Both parts — beside a total: the total is the whole school's; the parts' dashes are not read.
        #expect(whole.value("teaching_aux_area") == 12944.5)
        #expect(primary.value("teaching_aux_area") == nil)
        // 全校共用 beside a / total: the whole school has none.
        #expect(whole.value("multimedia_classrooms") == 0)
        #expect(whole.markedEmpty.map(\.written) == ["/"])

        let before = Normaliser(catalogue: Self.missing).normalise(Self.form)
        let primaryBefore = try #require(before.records.first { $0.stage == .primary })
        #expect(primaryBefore.value("backbone_teachers") == nil)
        #expect(primaryBefore.markedEmpty.map(\.readAsZero) == [false])
        #expect(before.records.first { $0.stage == .wholeSchool }?.value("multimedia_classrooms") == nil)
    }
}
