import EduCore
import EduReports
import EduStandards
import EduWarehouse
import EduXLSX
import EduZip
import Foundation
import Testing

/// `eduetl report`'s exporters on the sample county, each format read back and checked against
/// the warehouse's views: the XLSX with the project's reader, the CSV parsed, the HTML searched,
/// the JSON decoded; and the export names, which never replace an earlier export.
@Suite("County report exports")
struct CountyReportTests {
    static let day = "20261126"

    static func export(_ formats: [ReportFormat], in folder: ScratchFolder, summary: CountySummary? = nil) throws -> [String] {
        let county = try SampleCounty.get()
        return try CountyReportExporter(folder: folder.url.path, formats: formats).export(county.report(summary))
    }

    static func rows(_ workbook: Workbook, _ sheet: String) throws -> [Row] {
        try workbook.readSheet(#require(workbook.sheet(named: sheet))).rows
    }

    static func text(_ row: Row, _ column: Int) -> String? {
        if case .string(let text)? = row[column: column] { return text }
        return nil
    }

    static func number(_ row: Row, _ column: Int) -> Double? {
        if case .number(let number)? = row[column: column] { return number }
        return nil
    }

    // MARK: XLSX

    @Test func xlsxSheetsTitleAndFrozenHeader() throws {
        let folder = try ScratchFolder()
        let paths = try Self.export([.xlsx], in: folder)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["青石县-360321-2024-county-summary-\(Self.day).xlsx"])
        let workbook = try Workbook(path: paths[0])
        #expect(workbook.sheets.map(\.name) == ["小学差异系数", "初中差异系数", "学校指标", "未达标学校", "班额与规模", "县级指标", "城乡对比", "说明"])
        for sheet in ["小学差异系数", "初中差异系数", "学校指标", "未达标学校", "班额与规模", "县级指标", "城乡对比"] {
            let rows = try Self.rows(workbook, sheet)
            let title = try #require(Self.text(rows[0], 1))
            #expect(title.hasPrefix("青石县（360321）2024年"), "\(sheet): \(title)")
            #expect(rows[1].number == 2)
        }
        let primary = try Self.rows(workbook, "小学差异系数")
        // 审核错误 (issue 14) last, so the earlier columns keep their places.
        #expect(primary[1].cells.map(\.value) == ["指标", "标准", "学校数", "学生数", "均值", "差异系数", "标准值", "是否达标", "说明", "指标代码",
                                                   "审核错误"].map { CellValue.string($0) })
        let archive = try ZipArchive(path: paths[0])
        func part(_ name: String) throws -> String {
            String(decoding: try archive.contents(of: #require(archive.entry(named: name))), as: UTF8.self)
        }
        #expect(try part("xl/worksheets/sheet1.xml").contains(#"<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>"#))
        #expect(try part("xl/worksheets/sheet3.xml").contains(#"<pane xSplit="3" ySplit="2" topLeftCell="D3" activePane="bottomRight" state="frozen"/>"#))
        // CVs show 4 decimals, per-student areas and money 2.
        let styles = try part("xl/styles.xml")
        #expect(styles.contains(#"formatCode="0.0000""#))
        #expect(styles.contains(#"numFmtId="2""#))
    }

    @Test func xlsxCVsEqualTheView() throws {
        let county = try SampleCounty.get()
        let folder = try ScratchFolder()
        let workbook = try Workbook(path: Self.export([.xlsx], in: folder)[0])
        for (sheet, stage) in [("小学差异系数", "primary"), ("初中差异系数", "junior")] {
            let view = try county.query("""
                SELECT standard, indicator, cv, mean, schools, students FROM county_balance
                WHERE year = 2024 AND county_code = '360321' AND stage = '\(stage)'
                """)
            let rows = try Self.rows(workbook, sheet).dropFirst(2).filter { Self.text($0, 10) != nil }
            #expect(rows.count == view.count)
            for expected in view {
                let standard = ReportLabels.standard(try #require(BalanceStandard(rawValue: expected[0] as! String)))
                let indicator = expected[1] as! String
                let row = try #require(rows.first { Self.text($0, 10) == indicator && Self.text($0, 2) == standard },
                                       "\(stage) \(indicator) \(standard)")
                #expect(Self.number(row, 6) == expected[2] as? Double)
                #expect(Self.number(row, 5) == expected[3] as? Double)
                #expect(Self.number(row, 3) == expected[4] as? Double)
                #expect(Self.number(row, 4) == expected[5] as? Double)
                #expect(Self.text(row, 1) == ReportLabels.label(indicator))
            }
        }
        // The figure the issue names: primary books per student, 0.1762 as published.
        let primary = try Self.rows(workbook, "小学差异系数")
        let books = try #require(primary.first { Self.text($0, 10) == "books_per_student" && Self.text($0, 2) == "基本均衡" })
        let cv = try #require(Self.number(books, 6))
        #expect((cv * 10_000).rounded() / 10_000 == 0.1762)
        // Under the 2012 standard a basic indicator's CV is reported, not judged; the composite is.
        #expect(Self.text(books, 8) == "不单独判定")
        let composite = try #require(primary.first { Self.text($0, 10) == "composite" })
        #expect(Self.text(composite, 8) == "是")
        #expect(Self.text(composite, 1) == "综合差异系数")
        #expect(Self.number(composite, 6).map { ($0 * 10_000).rounded() / 10_000 } == 0.1811)
    }

    @Test func xlsxListsTheExcludedSchoolsWithTheirReason() throws {
        let county = try SampleCounty.get()
        let folder = try ScratchFolder()
        let workbook = try Workbook(path: Self.export([.xlsx], in: folder)[0])
        let rows = try Self.rows(workbook, "学校指标")
        let header = rows[1].cells.compactMap { cell -> String? in
            if case .string(let text) = cell.value { return text }
            return nil
        }
        let reasonColumn = try #require(header.firstIndex(of: "不计入县域统计的原因")) + 1
        let stageColumn = try #require(header.firstIndex(of: "学段代码")) + 1
        let schools = rows.dropFirst(2).filter { Self.text($0, stageColumn) != nil }
        let view = try county.query("SELECT school_code, stage, excluded_reason FROM school_indicators WHERE year = 2024 AND county_code = '360321'")
        #expect(schools.count == view.count)
        var excluded: [String: String] = [:]
        for row in schools {
            if let reason = Self.text(row, reasonColumn) { excluded[Self.text(row, 2)! + "|" + Self.text(row, stageColumn)!] = reason }
        }
        var expected: [String: String] = [:]
        for row in view where row[2] != nil {
            expected["\(row[0]!)|\(row[1]!)"] = ReportLabels.exclusionReason(row[2] as! String)
        }
        #expect(excluded == expected)
        // The three teaching points under 50 pupils and the special school; not the 62-pupil point.
        #expect(excluded["3603210062|primary"] == "在校生不足50人的教学点")
        #expect(excluded["3603210104|primary"] == "在校生不足50人的教学点")
        #expect(excluded["3603210154|primary"] == "在校生不足50人的教学点")
        #expect(excluded["3603210032|primary"] == "特殊教育学校")
        #expect(excluded["3603210129|primary"] == nil)
    }

    @Test func xlsxNonComplyingSheetListsExactlyTheSchoolsThatDoNotComply() throws {
        let county = try SampleCounty.get()
        let folder = try ScratchFolder()
        let workbook = try Workbook(path: Self.export([.xlsx], in: folder)[0])
        let rows = try Self.rows(workbook, "未达标学校").dropFirst(2).filter { Self.text($0, 15) != nil }
        let listed = Set(rows.map { "\(Self.text($0, 2)!)|\(Self.text($0, 15)!)" })
        let view = try county.query("SELECT DISTINCT school_code, stage FROM school_compliance WHERE year = 2024 AND county_code = '360321' AND complies = 0")
        #expect(listed == Set(view.map { "\($0[0]!)|\($0[1]!)" }))
        // 17 counted parts and three excluded teaching points: 青石镇高坪教学点 writes its zeros as —, / and
        // 无, read as 0 (`empty_markers: zero`), so its compliance is known (4 of 7 met) where it was open.
        #expect(listed.count == 20)
        #expect(listed.contains("3603210062|primary"))
        // Each row is a minimum the school misses, with its value, the minimum and the gap.
        let missed = try county.query("""
            SELECT school_code, stage, indicator, value, minimum FROM school_compliance WHERE year = 2024 AND county_code = '360321' AND complies = 0 AND met = 0
            """)
        #expect(rows.count == missed.count)
        for expected in missed {
            let row = try #require(rows.first {
                Self.text($0, 2) == expected[0] as? String && Self.text($0, 15) == expected[1] as? String
                    && Self.text($0, 14) == expected[2] as? String
            })
            let value = try #require(expected[3] as? Double), minimum = try #require(expected[4] as? Double)
            #expect(Self.number(row, 7) == value)
            #expect(Self.number(row, 8) == minimum)
            #expect(Self.number(row, 9) == value - minimum)
            #expect(Self.number(row, 10) == value / minimum)
        }
        // Excluded schools are listed but marked.
        let point = try #require(rows.first { Self.text($0, 2) == "3603210104" })
        #expect(Self.text(point, 13) == "不计入县域统计：在校生不足50人的教学点")
        let first = try #require(rows.first { Self.text($0, 2) == "3603210016" })
        #expect(Self.text(first, 11)?.contains("少于6项") == true)
    }

    /// The highlight fill sits on exactly the values below a quality minimum (read with openpyxl).
    @Test(.enabled(if: Tools.openpyxl, "openpyxl is not installed"))
    func xlsxHighlightsExactlyTheShortfalls() throws {
        let county = try SampleCounty.get()
        let folder = try ScratchFolder()
        let path = try Self.export([.xlsx], in: folder)[0]
        let script = """
        import json, sys, openpyxl
        ws = openpyxl.load_workbook(sys.argv[1])["学校指标"]
        header = [c.value for c in ws[2]]
        out = []
        for row in ws.iter_rows(min_row=3):
            stage = row[header.index("学段代码")].value
            if stage is None: continue
            for cell, title in zip(row, header):
                if cell.fill is not None and cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == "FFFFC7CE":
                    out.append([row[1].value, stage, title])
        print(json.dumps(out, ensure_ascii=False))
        """
        let highlighted = try #require(Tools.pythonJSON(script, [path]) as? [[String]])
        let minimums = try county.query("SELECT indicator, stage, minimum FROM quality_minimums")
        var expected: [[String]] = []
        let report = county.report()
        for school in county.summary.schools {
            for id in report.schoolIndicatorIDs {
                guard let value = school.indicators[id] ?? nil,
                      let minimum = minimums.first(where: { $0[0] as? String == id && $0[1] as? String == school.stage.rawValue })?[2] as? Double,
                      value < minimum else { continue }
                expected.append([school.schoolCode, school.stage.rawValue, ReportLabels.label(id)])
            }
            if report.compliance(school: school.schoolCode, stage: school.stage)?.complies == false {
                expected.append([school.schoolCode, school.stage.rawValue, "优质均衡是否达标"])
            }
        }
        #expect(Set(highlighted) == Set(expected))
        #expect(!expected.isEmpty)
    }

    // MARK: CSV

    @Test func csvFilesStartWithTheBOMAndParse() throws {
        let county = try SampleCounty.get()
        let folder = try ScratchFolder()
        let paths = try Self.export([.csv], in: folder)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == [
            "青石县-360321-2024-county-balance-\(Self.day).csv", "青石县-360321-2024-school-indicators-\(Self.day).csv",
            "青石县-360321-2024-school-compliance-\(Self.day).csv", "青石县-360321-2024-school-scale-\(Self.day).csv",
            "青石县-360321-2024-county-targets-\(Self.day).csv", "青石县-360321-2024-urban-rural-\(Self.day).csv",
        ])
        var tables: [[[String]]] = []
        for path in paths {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(path)")
            let text = try #require(String(bytes: bytes.dropFirst(3), encoding: .utf8))
            let records = try CSVText.parse(text)
            #expect(records.count > 1)
            #expect(Set(records.map(\.count)).count == 1, "\(path): ragged records")
            tables.append(records)
        }
        let balance = tables[0]
        #expect(balance[0] == ["学段", "指标", "标准", "学校数", "学生数", "均值", "差异系数", "标准值", "是否达标", "说明", "指标代码", "学段代码",
                               "标准代码", "审核错误"])
        let view = try county.query("SELECT stage, standard, indicator, cv FROM county_balance WHERE year = 2024 AND county_code = '360321'")
        #expect(balance.count - 1 == view.count)
        for expected in view {
            let row = try #require(balance.first { $0[10] == expected[2] as? String && $0[11] == expected[0] as? String && $0[12] == expected[1] as? String })
            #expect(row[6] == String(format: "%.4f", expected[3] as! Double))
        }
        let books = try #require(balance.first { $0[10] == "books_per_student" && $0[11] == "primary" && $0[12] == "basic" })
        #expect(books[6] == "0.1762" && books[1] == "生均图书册数（册）" && books[0] == "小学" && books[8] == "不单独判定")

        let schools = tables[1]
        #expect(schools[0].prefix(5) == ["学段", "学校标识码", "学校名称", "学校类型", "学生数"])
        #expect(schools.count - 1 == county.summary.schools.count)
        #expect(schools.contains { $0[1] == "3603210016" && $0[2] == "青石县实验小学" })

        let compliance = tables[2]
        let listed = Set(compliance.dropFirst().map { "\($0[1])|\($0[14])" })
        let complying = try county.query("SELECT DISTINCT school_code, stage FROM school_compliance WHERE year = 2024 AND county_code = '360321' AND complies = 0")
        #expect(listed == Set(complying.map { "\($0[0]!)|\($0[1]!)" }))
        #expect(compliance.dropFirst().allSatisfy { $0[9].hasSuffix("%") })

        let targets = tables[4]
        let countySheet = SampleCounty.root.appendingPathComponent("SampleInputs/青石县2024年县级教育指标.xlsx").path
        #expect(targets.contains(["九年义务教育巩固率", "98.6%", "≥ 99.0%", "否", "县级报表（\(countySheet)，县级指标!B6）", "compulsory_consolidation_rate"]))
    }

    @Test func csvQuotesAndDefusesText() throws {
        let county = try SampleCounty.get()
        var summary = county.summary
        summary.schools[0].schoolName = "=HYPERLINK(\"x\"),甲\n乙"
        let folder = try ScratchFolder()
        let paths = try Self.export([.csv], in: folder, summary: summary)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: paths[1])).dropFirst(3), as: UTF8.self)
        #expect(text.contains("\"'=HYPERLINK(\"\"x\"\"),甲\n乙\""))
        let records = try CSVText.parse(text)
        #expect(records.contains { $0[2] == "'=HYPERLINK(\"x\"),甲\n乙" })
        #expect(text.hasSuffix("\r\n"))
    }

    // MARK: HTML

    @Test func htmlIsSelfContainedWithChartsAndTables() throws {
        let county = try SampleCounty.get()
        let folder = try ScratchFolder()
        let paths = try Self.export([.html], in: folder)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["青石县-360321-2024-county-summary-\(Self.day).html"])
        let page = try String(contentsOfFile: paths[0], encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<meta charset=\"utf-8\">"))
        for banned in ["http://", "https://", "<script", "<link", "@import", "url(", "<img", "<iframe", "src="] {
            #expect(!page.lowercased().contains(banned), "the page holds \(banned)")
        }
        #expect(page.contains("<svg"))
        // A CV chart per stage and a chart per quality indicator and stage.
        let charts = page.components(separatedBy: "<svg").count - 1
        #expect(charts == 2 + county.summary.qualityIndicators.count * 2)
        #expect(page.contains("<title>青石县（360321）2024年义务教育均衡发展县域汇总</title>"))
        for label in ["差异系数", "综合差异系数", "基本均衡", "优质均衡", "小学", "初中", "生均图书册数（册）", "最低标准 4.5", "标准值 0.65"] {
            #expect(page.contains(label), "\(label)")
        }
        // The CV of books per student for primary, as published.
        #expect(page.contains("<td class=\"num\">0.1762</td>"))
        // Every non-complying school, and the excluded teaching points with their reason.
        for row in county.summary.compliance where row.complies == false {
            #expect(page.contains(">\(row.schoolCode)<"))
        }
        #expect(page.contains("在校生不足50人的教学点"))
        #expect(page.contains("青石镇高坪教学点（不计入）"))
    }

    @Test func htmlEscapesEveryText() throws {
        let county = try SampleCounty.get()
        var summary = county.summary
        let hostile = "<script>alert('x')</script> & \"学校\""
        summary.countyName = hostile
        summary.schools[0].schoolName = hostile
        summary.compliance[0].schoolName = hostile
        summary.sourceFiles.append("<img src=x onerror=alert(1)>.xlsx")
        let page = HTMLCountyReport.page(county.report(summary))
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;学校&quot;"))
    }

    // MARK: JSON

    /// The JSON as a machine reads it; Decodable numbers must be JSON numbers (a string fails).
    /// (JSONDecoder, not JSONSerialization, which on Linux rounds the last digit of some doubles.)
    struct Document: Decodable {
        struct Balance: Decodable {
            var stage, standard, indicator: String
            var schools, students: Double
            var mean, cv: Double?
            var cv_limit: Double
            var cv_met: Bool?
        }

        struct School: Decodable {
            var school_code, stage: String
            var students: Double?
            var excluded_reason: String?
            var indicators: [String: Double?]
        }

        struct Compliance: Decodable {
            var school_code, stage: String
            var complies: Bool?
        }

        struct Target: Decodable {
            var indicator: String
            var value, target: Double
        }

        var year: Int
        var county_code: String
        var county_name: String?
        var balance: [Balance]
        var schools: [School]
        var compliance: [Compliance]
        var targets: [Target]
    }

    @Test func jsonNumbersEqualTheViews() throws {
        let county = try SampleCounty.get()
        let folder = try ScratchFolder()
        let paths = try Self.export([.json], in: folder)
        let document = try JSONDecoder().decode(Document.self, from: Data(contentsOf: URL(fileURLWithPath: paths[0])))
        #expect(document.county_code == "360321" && document.year == 2024 && document.county_name == "青石县")
        let view = try county.query("""
            SELECT stage, standard, indicator, schools, students, mean, cv, cv_limit, cv_met FROM county_balance
            WHERE year = 2024 AND county_code = '360321'
            """)
        #expect(document.balance.count == view.count)
        for expected in view {
            let entry = try #require(document.balance.first {
                $0.stage == expected[0] as? String && $0.standard == expected[1] as? String && $0.indicator == expected[2] as? String
            })
            #expect(entry.schools == expected[3] as? Double)
            #expect(entry.students == expected[4] as? Double)
            #expect(entry.mean == expected[5] as? Double)
            #expect(entry.cv == expected[6] as? Double)
            #expect(entry.cv_limit == expected[7] as? Double)
            #expect(entry.cv_met == (expected[8] as? Double).map { $0 == 1 })
        }
        let books = try #require(document.balance.first { $0.stage == "primary" && $0.standard == "basic" && $0.indicator == "books_per_student" })
        #expect(books.cv.map { ($0 * 10_000).rounded() / 10_000 } == 0.1762)

        let ids = DerivedIndicator.all.map(\.id)
        let indicators = try county.query("""
            SELECT school_code, stage, students, excluded_reason, \(ids.joined(separator: ", ")) FROM school_indicators WHERE year = 2024 AND county_code = '360321'
            """)
        #expect(document.schools.count == indicators.count)
        for expected in indicators {
            let entry = try #require(document.schools.first { $0.school_code == expected[0] as? String && $0.stage == expected[1] as? String })
            #expect(entry.students == expected[2] as? Double)
            #expect(entry.excluded_reason == expected[3] as? String)
            #expect(Set(entry.indicators.keys) == Set(ids))
            for (offset, id) in ids.enumerated() {
                #expect((entry.indicators[id] ?? nil) == expected[4 + offset] as? Double, "\(expected[0]!) \(id)")
            }
        }
        let failing = Set(document.compliance.filter { $0.complies == false }.map { "\($0.school_code)|\($0.stage)" })
        let complying = try county.query("SELECT DISTINCT school_code, stage FROM school_compliance WHERE year = 2024 AND county_code = '360321' AND complies = 0")
        #expect(failing == Set(complying.map { "\($0[0]!)|\($0[1]!)" }))
        let rates = try county.query("SELECT indicator, value, target FROM county_targets WHERE year = 2024 AND county_code = '360321'")
        #expect(document.targets.count == rates.count && !rates.isEmpty)
        for expected in rates {
            let entry = try #require(document.targets.first { $0.indicator == expected[0] as? String })
            #expect(entry.value == expected[1] as? Double && entry.target == expected[2] as? Double)
        }
    }

    // MARK: Names

    @Test func aSecondExportTheSameDayTakesNewNamesAndLeavesTheFirstAlone() throws {
        let folder = try ScratchFolder()
        let first = try Self.export(ReportFormat.allCases, in: folder)
        let before = try first.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let second = try Self.export(ReportFormat.allCases, in: folder)
        let third = try Self.export([.html], in: folder)
        #expect(first.count == 9 && second.count == 9)
        #expect(Set(first).isDisjoint(with: second))
        for (old, new) in zip(first, second) {
            let ext = (old as NSString).pathExtension
            #expect(new == String(old.dropLast(ext.count + 1)) + "-2." + ext)
        }
        #expect(third == [folder.path("青石县-360321-2024-county-summary-\(Self.day)-3.html")])
        for (path, bytes) in zip(first, before) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(path) changed")
        }
        // Nothing else is left in the folder: no temporary files.
        #expect(try folder.contents().count == 19)
        #expect(try folder.contents().allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func aFileInTheWayMovesTheWholeExportToTheNextNumber() throws {
        let folder = try ScratchFolder()
        let blocker = folder.path("青石县-360321-2024-school-indicators-\(Self.day).csv")
        try Data("someone else's file".utf8).write(to: URL(fileURLWithPath: blocker))
        let paths = try Self.export([.xlsx, .csv], in: folder)
        #expect(paths.allSatisfy { $0.contains("-\(Self.day)-2.") }, "\(paths)")
        #expect(try String(contentsOfFile: blocker, encoding: .utf8) == "someone else's file")
    }

    @Test func aFolderThatIsAFileIsRefused() throws {
        let folder = try ScratchFolder()
        let file = folder.path("reports")
        try Data().write(to: URL(fileURLWithPath: file))
        let county = try SampleCounty.get()
        #expect(throws: ReportError.self) {
            try CountyReportExporter(folder: file, formats: [.json]).export(county.report())
        }
    }

    // MARK: Labels and options

    @Test func labelsNameEveryIndicatorInChinese() {
        for id in DerivedIndicator.all.map(\.id) {
            let label = ReportLabels.label(id)
            #expect(label != id && label.unicodeScalars.contains { $0.value >= 0x4E00 }, "\(id)")
        }
        // Teachers per student is 师生比 (1 teacher : x students), never 生师比.
        #expect(ReportLabels.label("teachers_per_student").contains("师生比"))
        #expect(!ReportLabels.label("teachers_per_student").contains("生师比"))
        #expect(ReportLabels.label("teaching_aux_area_per_student") == "生均教学及辅助用房面积（㎡）")
        #expect(ReportLabels.label("computers_per_100_students") == "每百名学生拥有教学用计算机台数（台）")
        #expect(ReportLabels.standard(.basic) == "基本均衡" && ReportLabels.standard(.quality) == "优质均衡")
        #expect(ReportLabels.stage(.primary) == "小学" && ReportLabels.stage(.junior) == "初中")
        #expect(ReportLabels.exclusionReason("教学点 under 50 students") == "在校生不足50人的教学点")
        #expect(ReportLabels.exclusionReason("另有规定") == "另有规定")
    }

    @Test func formatListsParse() {
        #expect(ReportFormat.list("xlsx,csv,html,json") == [.xlsx, .csv, .html, .json])
        #expect(ReportFormat.list(" HTML , json,html") == [.html, .json])
        #expect(ReportFormat.list("pdf") == nil)
        #expect(ReportFormat.list("") == nil)
    }

    // MARK: The command

    static var binary: URL? {
        let bundle = Bundle.main.bundleURL
        for folder in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("eduetl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let fallback = SampleCounty.root.appendingPathComponent(".build/debug/eduetl")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    @Test(.enabled(if: binary != nil, "the eduetl binary is not built"))
    func theCommandWritesEveryFormatAndRefusesAYearWithoutData() throws {
        let county = try SampleCounty.get()
        let binary = try #require(Self.binary)
        let folder = try ScratchFolder()
        let out = folder.path("报告")
        let run = try ExternalRun.run([binary.path, "report", "--year", "2024", "--county", "360321", "--db", county.databasePath, "--out", out], timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("eduetl report: 青石县 360321, 2024: 小学 综合差异系数 0.1811 (limit 0.65)"))
        let listed = run.stdout.split(separator: "\n").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        // Nine summaries and the checks' counts: report reads the checks again (none found in 青石县).
        #expect(listed.count == 10)
        #expect(listed.contains { $0.hasSuffix(".csv") && $0.contains("-checks-summary-") })
        #expect(listed.allSatisfy { FileManager.default.fileExists(atPath: $0) && $0.hasPrefix(out + "/青石县-360321-2024-") })

        // 2023 has the district's hidden sheet of last year; 2022 has nothing.
        let missing = try ExternalRun.run([binary.path, "report", "--year", "2022", "--db", county.databasePath, "--out", out])
        #expect(missing.status == 1)
        #expect(missing.stderr == "eduetl: the warehouse has no school values for 2022; `eduetl ingest` first.\n")
        let otherCounty = try ExternalRun.run([binary.path, "report", "--year", "2024", "--county", "360322", "--db", county.databasePath])
        #expect(otherCounty.status == 1)
        #expect(otherCounty.stderr.contains("no school values for county 360322 in 2024"))
        let badFormat = try ExternalRun.run([binary.path, "report", "--year", "2024", "--format", "pdf"])
        #expect(badFormat.status == 2)
    }
}

/// RFC 4180 records: quoted fields with doubled quotes and line breaks, CRLF or LF line ends.
enum CSVText {
    struct Unterminated: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if characters.first == "\"" {
                        field.unicodeScalars.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\r":
                continue
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw Unterminated() }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
