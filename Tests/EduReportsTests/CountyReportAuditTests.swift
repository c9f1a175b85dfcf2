import EduAudit
import EduIngest
import EduNormalise
import EduReports
import EduStandards
import EduWarehouse
import Foundation
import Testing

/// The county summary's 审核 section (issue 14), on the return of AuditExportTests whose findings
/// were worked out by hand there and in AuditFindingsTests: 甲小学's −500 m² (L2), 35 backbone
/// teachers (K2) and 45 degree holders (J2) of 30 teachers, and 乙小学's 80 pupils a class (G3) are
/// the 4 errors; 乙's equipment, 丙's class size and books, 丁's class size and missing books are the
/// 5 warnings. 甲's area and degree feed the basic CVs of area and degree, and so the basic composite
/// (2); its area, backbone teachers and degree feed the quality CVs of the same (1 each). 乙's class
/// size feeds no CV. Each format is read back and checked.
@Suite("County report: the checks (审核)")
struct CountyReportAuditTests {
    /// The CVs over figures with errors, as `standard indicator count`.
    static let markedCVs: Set<String> = [
        "basic composite 2", "basic teachers_above_required_degree_per_student 1", "basic teaching_aux_area_per_student 1",
        "quality backbone_teachers_per_100_students 1", "quality teachers_above_required_degree_per_100_students 1",
        "quality teaching_aux_area_per_student 1",
    ]
    static let errorCells = ["甲小学 negative_value teaching_aux_area L2", "甲小学 subset_exceeds_total backbone_teachers K2",
                             "甲小学 subset_exceeds_total teachers_above_required_degree J2", "乙小学 class_size students_per_class G3"]
    static let summaryLine = "审核发现9条：错误4条，提示5条。"
    static let negativeMessage = "教学及辅助用房面积为-500，不能为负数"
    /// A warning's message, which the summary counts but does not list.
    static let warningMessage = "平均班额60人，超过56人（大班额）"

    /// Two schools with nothing for the checks to find.
    static let cleanLines = [
        AuditExportTests.lines[0],
        "3603219701,甲小学,白鹭镇,小学,2024,500,12,40,30,20,5,3000,10000,1000000",
        "3603219702,乙小学,白鹭镇,小学,2024,800,16,50,40,30,5,4000,16000,2000000",
    ]

    /// The return ingested with the project's catalogue and standards; the shipped checks synced
    /// when `checks`, as `eduetl ingest` does, or not, as in a warehouse made before them.
    static func report(_ folder: ScratchFolder, lines: [String] = AuditExportTests.lines, checks: Bool = true) throws -> CountyReport {
        let input = folder.path("示例县2024.csv")
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: input))
        let warehouse = try Warehouse(path: folder.path("warehouse.sqlite"))
        let root = SampleCounty.root
        let catalogue = try CatalogueLoader.load(path: root.appendingPathComponent("Pipelines/catalogue.yml").path)
        let standards = try StandardsLoader.load(path: root.appendingPathComponent("Pipelines/standards.yml").path)
        let rules = checks ? try AuditRulesLoader.load(path: root.appendingPathComponent("Pipelines/checks.yml").path) : nil
        let options = Ingest.Options(inputs: [IngestInput(path: input)], county: "360321")
        let result = try Ingest(options: options, catalogue: catalogue, standards: standards, auditRules: rules, warehouse: warehouse).run()
        try #require(result.counts.filesRejected == 0 && result.counts.filesLoaded == 1)
        #expect(try warehouse.hasAuditRules() == checks)
        let summary = try CountySummary(warehouse: warehouse, year: 2024, county: "360321")
        return CountyReport(summary: summary, rule: CountyReport.ComplianceRule(minMet: standards.minMet, unmetFloor: standards.unmetFloor),
                            generated: SampleCounty.exportDay)
    }

    static func export(_ report: CountyReport, _ format: ReportFormat, in folder: ScratchFolder) throws -> [String] {
        try CountyReportExporter(folder: folder.path("out"), formats: [format]).export(report)
    }

    static func json(_ report: CountyReport) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(JSONCountyReport.text(report).utf8)) as? [String: Any])
    }

    // MARK: What the summary holds

    @Test func theSummaryCountsTheFindingsListsTheErrorsAndMarksTheCVs() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        #expect(report.auditChecked)
        let audit = try #require(report.audit)
        #expect(audit.findings.count == 9 && audit.errors == 4 && audit.warnings == 5)
        #expect(report.auditSummary == Self.summaryLine)
        #expect(report.auditCountsNote == "按问题类型：数值为负（错误）1条，分项大于总数（错误）2条，班额异常（错误）1条，班额异常（提示）2条，"
            + "生均值超出合理范围（提示）2条，缺少必填数据（提示）1条。")
        #expect(report.auditErrorFindings.map { "\($0.schoolName ?? "") \($0.rule.rawValue) \($0.indicator) \($0.cell ?? "")" } == Self.errorCells)

        let balance = report.summary.balance
        let marked = Set(balance.filter { $0.auditErrors > 0 }.map { "\($0.standard.rawValue) \($0.indicator) \($0.auditErrors)" })
        #expect(marked == Self.markedCVs)
        #expect(balance.count > marked.count && balance.allSatisfy { $0.stage == .primary })
        #expect(report.auditedCVs().count == 6)
        let composite = try #require(report.composite(stage: .primary))
        #expect(report.auditMark(composite) == "⚠ 含2条审核错误")
        let books = try #require(balance.first { $0.indicator == "books_per_student" && $0.standard == .basic })
        #expect(books.auditErrors == 0 && report.auditMark(books) == nil)
        #expect(report.headline.hasSuffix("; 审核 4 errors, 5 warnings (6 CVs computed over figures with errors)"), "\(report.headline)")
        #expect(report.auditNotes.contains("全部问题清单（按乡镇分表，含提示）请运行 eduetl audit --year 2024 --county 360321 导出。"))
    }

    // MARK: Each format

    @Test func theWorkbookHasAnAuditSheetAndMarksTheCVs() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        let path = try #require(try Self.export(report, .xlsx, in: folder).first)

        let sheet = try ReadTable.sheet(path, "审核")
        #expect(sheet.columns == ["乡镇", "学校标识码", "学校名称", "学段", "问题类型", "问题", "指标", "填报值", "应为", "来源文件", "工作表", "单元格",
                                  "问题类型代码", "学段代码", "指标代码"])
        #expect(sheet.rows.map { "\(ReadTable.text($0["学校名称"]) ?? "") \(ReadTable.text($0["问题类型代码"]) ?? "") "
            + "\(ReadTable.text($0["指标代码"]) ?? "") \(ReadTable.text($0["单元格"]) ?? "")" } == Self.errorCells)
        let negative = try #require(sheet.rows(where: "单元格", is: "L2").first)
        #expect(ReadTable.text(negative["乡镇"]) == "白鹭镇" && ReadTable.text(negative["学校标识码"]) == "3603219701")
        #expect(ReadTable.text(negative["学段"]) == "小学" && ReadTable.text(negative["问题类型"]) == "数值为负")
        #expect(ReadTable.text(negative["问题"]) == Self.negativeMessage && ReadTable.text(negative["指标"]) == "教学及辅助用房面积")
        #expect(ReadTable.number(negative["填报值"]) == -500 && ReadTable.text(negative["应为"]) == ">= 0")
        #expect(ReadTable.text(negative["来源文件"])?.hasSuffix("示例县2024.csv") == true && ReadTable.text(negative["工作表"]) != nil)
        #expect(ReadTable.number(sheet.rows(where: "单元格", is: "G3").first?["填报值"]) == 80)
        #expect(sheet.notes.first == Self.summaryLine)
        #expect(sheet.notes.contains { $0.contains("eduetl audit --year 2024 --county 360321") })
        #expect(sheet.notes.contains { $0.hasPrefix("有6项差异系数所依据的数据含审核错误") })

        let cvs = try ReadTable.sheet(path, "小学差异系数")
        #expect(cvs.columns.last == "审核错误")
        let counts = Set(cvs.rows.compactMap { row -> String? in
            guard let errors = ReadTable.number(row["审核错误"]), errors > 0 else { return nil }
            let standard = ReadTable.text(row["标准"]) == "基本均衡" ? "basic" : "quality"
            return "\(standard) \(ReadTable.text(row["指标代码"]) ?? "") \(Int(errors))"
        })
        #expect(counts == Self.markedCVs)
        let composite = try #require(cvs.rows(where: "指标代码", is: "composite").first)
        #expect(ReadTable.text(composite["说明"])?.hasPrefix("⚠ 含2条审核错误；综合差异系数无法计算") == true, "\(composite)")
        let books = try #require(cvs.rows.first { ReadTable.text($0["指标代码"]) == "books_per_student" && ReadTable.text($0["标准"]) == "基本均衡" })
        #expect(ReadTable.number(books["审核错误"]) == 0 && ReadTable.text(books["说明"])?.contains("⚠") != true)
        #expect(cvs.notes.contains { $0.hasPrefix("有6项差异系数所依据的数据含审核错误") })

        let notes = try ReadTable.sheet(path, "说明")
        #expect(notes.rows.contains { ReadTable.text($0["项目"]) == "审核" && ReadTable.text($0["内容"]) == Self.summaryLine })
    }

    /// The orange fill sits on exactly the marked CVs' 差异系数 (with a value, and not red) and
    /// 审核错误 cells (read with openpyxl).
    @Test(.enabled(if: Tools.openpyxl, "openpyxl is not installed"))
    func theWorkbookColoursExactlyTheMarkedCVs() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        let path = try #require(try Self.export(report, .xlsx, in: folder).first)
        let script = """
            import json, sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["小学差异系数"]
            header = [c.value for c in ws[2]]
            out = []
            for row in ws.iter_rows(min_row=3):
                code = row[header.index("指标代码")].value
                if code is None: continue
                for cell, title in zip(row, header):
                    if cell.fill is not None and cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == "FFF8CBAD":
                        out.append(" ".join([row[1].value, code, title]))
            print(json.dumps(out, ensure_ascii=False))
            """
        let coloured = Set(try #require(Tools.pythonJSON(script, [path]) as? [String]))
        var expected: Set<String> = []
        for row in report.summary.balance where row.auditErrors > 0 {
            let standard = ReportLabels.standard(row.standard)
            expected.formUnion(["\(standard) \(row.indicator) 审核错误", "\(standard) \(row.indicator) 说明"])
            if row.cv != nil, !(row.judged && row.cvMet == false) { expected.insert("\(standard) \(row.indicator) 差异系数") }
        }
        #expect(coloured == expected)
        #expect(expected.contains("基本均衡 teaching_aux_area_per_student 差异系数"))
    }

    @Test func theCSVFilesHaveTheCountsTheErrorsAndACountPerCV() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        let paths = try Self.export(report, .csv, in: folder)
        let names = paths.map { ($0 as NSString).lastPathComponent }
        #expect(names.contains { $0.hasSuffix("-360321-2024-checks-summary-20261126.csv") }, "\(names)")
        #expect(names.contains { $0.hasSuffix("-360321-2024-checks-errors-20261126.csv") }, "\(names)")
        #expect(!names.contains { $0.contains("-audit-") }, "the audit export's name is eduetl audit's: \(names)")

        let balance = try ReadTable.csv(try #require(paths.first { $0.contains("-county-balance-") }))
        #expect(balance.columns == ["学段", "指标", "标准", "学校数", "学生数", "均值", "差异系数", "标准值", "是否达标", "说明", "指标代码", "学段代码",
                                    "标准代码", "审核错误"])
        let counts = Set(balance.rows.compactMap { row -> String? in
            guard let text = ReadTable.text(row["审核错误"]), text != "0" else { return nil }
            return "\(ReadTable.text(row["标准代码"]) ?? "") \(ReadTable.text(row["指标代码"]) ?? "") \(text)"
        })
        #expect(counts == Self.markedCVs)
        #expect(balance.rows.allSatisfy { ReadTable.text($0["审核错误"]) != nil })
        let composite = try #require(balance.rows(where: "指标代码", is: "composite").first)
        #expect(ReadTable.text(composite["说明"])?.hasPrefix("⚠ 含2条审核错误") == true)

        let summary = try ReadTable.csv(try #require(paths.first { $0.contains("-checks-summary-") }))
        #expect(summary.columns == ["问题类型", "严重程度", "问题数", "问题类型代码", "严重程度代码"])
        #expect(summary.rows.map { row in summary.columns.map { ReadTable.text(row[$0]) ?? "" }.joined(separator: ",") } == [
            "数值为负,错误,1,negative_value,error", "分项大于总数,错误,2,subset_exceeds_total,error", "班额异常,错误,1,class_size,error",
            "班额异常,提示,2,class_size,warning", "生均值超出合理范围,提示,2,per_student_range,warning", "缺少必填数据,提示,1,missing_required,warning",
            "合计,错误,4,,error", "合计,提示,5,,warning",
        ])

        let errors = try ReadTable.csv(try #require(paths.first { $0.contains("-checks-errors-") }))
        #expect(errors.rows.count == 4)
        let negative = try #require(errors.rows(where: "单元格", is: "L2").first)
        #expect(["学校名称", "学段", "问题", "填报值", "应为", "问题类型代码", "学段代码", "指标代码"].map { ReadTable.text(negative[$0]) ?? "" }
            == ["甲小学", "小学", Self.negativeMessage, "-500", ">= 0", "negative_value", "primary", "teaching_aux_area"])
        #expect(!errors.rows.contains { ReadTable.text($0["问题"]) == Self.warningMessage })
    }

    @Test func thePageHasAnAuditSectionAndMarksTheCVs() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        let page = try String(contentsOfFile: try #require(try Self.export(report, .html, in: folder).first), encoding: .utf8)
        let section = try CountyReportJudgementTests.section(page, "audit")
        #expect(section.contains("<h2>审核</h2>") && section.contains(Self.summaryLine))
        #expect(section.contains("<td>数值为负</td><td>错误</td><td class=\"num\">1</td>"))
        #expect(section.contains("<td>缺少必填数据</td><td>提示</td><td class=\"num\">1</td>"))
        #expect(section.contains("<td>合计</td><td>提示</td><td class=\"num\">5</td>"))
        #expect(section.contains("<td class=\"long\">\(Self.negativeMessage)</td>") && section.contains("<td>L2</td>"))
        #expect(section.contains("<td class=\"num short\">-500</td>"))
        #expect(section.contains("eduetl audit --year 2024 --county 360321"))
        // Warnings are counted, not listed.
        #expect(!section.contains(Self.warningMessage) && !section.contains("丙小学"))
        // Each error a row of its table (the counts table has 6 rules and 2 totals).
        #expect(section.components(separatedBy: "<tr").count - 1 == 1 + 8 + 1 + 4)

        let cvs = try CountyReportJudgementTests.section(page, "cv")
        #expect(cvs.components(separatedBy: "<small class=\"auditmark\">⚠ 含").count - 1 == 6)
        #expect(cvs.contains("<small class=\"auditmark\">⚠ 含2条审核错误</small>"))
        #expect(cvs.contains("<td class=\"num audit\">"))
        #expect(page.contains("<p class=\"banner\">\(Self.summaryLine)有6项差异系数所依据的数据含审核错误"))
    }

    @Test func theJSONHasTheAuditAndACountPerCV() throws {
        let folder = try ScratchFolder()
        let object = try Self.json(try Self.report(folder))
        let audit = try #require(object["audit"] as? [String: Any])
        #expect(audit["checked"] as? Bool == true)
        #expect(audit["findings"] as? Int == 9 && audit["errors"] as? Int == 4 && audit["warnings"] as? Int == 5)
        let counts = try #require(audit["counts"] as? [[String: Any]])
        #expect(counts.map { "\($0["rule"] as? String ?? "") \($0["severity"] as? String ?? "") \($0["findings"] as? Int ?? -1)" }
            == ["negative_value error 1", "subset_exceeds_total error 2", "class_size error 1", "class_size warning 2",
                "per_student_range warning 2", "missing_required warning 1"])
        let findings = try #require(audit["error_findings"] as? [[String: Any]])
        #expect(findings.map { "\($0["school_name"] as? String ?? "") \($0["rule"] as? String ?? "") \($0["indicator"] as? String ?? "") "
            + "\($0["cell"] as? String ?? "")" } == Self.errorCells)
        let negative = try #require(findings.first)
        #expect(negative["value"] as? Double == -500 && negative["expected"] as? String == ">= 0" && negative["message"] as? String == Self.negativeMessage)
        #expect((negative["source_file"] as? String)?.hasSuffix("示例县2024.csv") == true && negative["severity"] as? String == "error")
        let marked = try #require(audit["cvs_with_errors"] as? [[String: Any]])
        #expect(Set(marked.map { "\($0["standard"] as? String ?? "") \($0["indicator"] as? String ?? "") \($0["audit_errors"] as? Int ?? -1)" })
            == Self.markedCVs)

        let balance = try #require(object["balance"] as? [[String: Any]])
        let perCV = Set(balance.compactMap { row -> String? in
            guard let errors = row["audit_errors"] as? Int, errors > 0 else { return nil }
            return "\(row["standard"] as? String ?? "") \(row["indicator"] as? String ?? "") \(errors)"
        })
        #expect(perCV == Self.markedCVs)
        #expect(balance.allSatisfy { $0["audit_errors"] is Int })
        // The keys the JSON had before are all still there.
        #expect(balance.allSatisfy { Set(["stage", "standard", "indicator", "schools", "students", "mean", "cv", "cv_limit", "cv_met", "judged"])
            .isSubset(of: $0.keys) })
    }

    // MARK: Checks not run, and checks run that found nothing

    @Test func aWarehouseWithoutChecksSaysTheyWereNotRun() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder, checks: false)
        #expect(!report.auditChecked && report.audit == nil)
        #expect(report.auditSummary.hasPrefix("未运行审核"))
        #expect(report.headline.hasSuffix("; 审核 not run (the warehouse has no checks synced)"))
        // The error figures are there, but no check looked at them: nothing is marked.
        #expect(report.auditedCVs().isEmpty && report.summary.balance.allSatisfy { report.auditMark($0) == nil })

        let xlsx = try #require(try Self.export(report, .xlsx, in: folder).first)
        let notes = try ReadTable.sheet(xlsx, "说明")
        let row = try #require(notes.rows.first { ReadTable.text($0["项目"]) == "审核" })
        #expect(ReadTable.text(row["内容"])?.hasPrefix("未运行审核") == true)
        #expect((try? ReadTable.sheet(xlsx, "审核")) == nil, "no 审核 sheet without checks")
        let cvs = try ReadTable.sheet(xlsx, "小学差异系数")
        #expect(cvs.columns.last == "审核错误" && !cvs.rows.isEmpty)
        #expect(cvs.rows.allSatisfy { ReadTable.text($0["审核错误"]) == nil && ReadTable.number($0["审核错误"]) == nil })
        #expect(cvs.notes.contains { $0.hasPrefix("未运行审核") })

        let csv = try Self.export(report, .csv, in: folder)
        #expect(!csv.contains { $0.contains("-checks-") }, "\(csv)")
        let balance = try ReadTable.csv(try #require(csv.first { $0.contains("-county-balance-") }))
        #expect(balance.columns.last == "审核错误" && balance.rows.allSatisfy { ReadTable.text($0["审核错误"]) == nil })

        let page = try String(contentsOfFile: try #require(try Self.export(report, .html, in: folder).first), encoding: .utf8)
        let section = try CountyReportJudgementTests.section(page, "audit")
        #expect(section.contains("未运行审核") && !section.contains("审核发现") && !section.contains("<table"))
        #expect(!page.contains("auditmark\">⚠"))

        let audit = try #require(try Self.json(report)["audit"] as? [String: Any])
        #expect(audit["checked"] as? Bool == false && audit["errors"] is NSNull && audit["warnings"] is NSNull && audit["findings"] is NSNull)
        #expect((audit["notes"] as? [String])?.first?.hasPrefix("未运行审核") == true)
        let balanceJSON = try #require(try Self.json(report)["balance"] as? [[String: Any]])
        #expect(!balanceJSON.isEmpty && balanceJSON.allSatisfy { $0["audit_errors"] is NSNull })
    }

    /// Checks that ran and found nothing say 0, which is not the same as not run.
    @Test func checksThatFoundNothingSayZero() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder, lines: Self.cleanLines)
        #expect(report.auditChecked && report.auditSummary == "审核发现0条：错误0条，提示0条。")
        #expect(report.auditErrorFindings.isEmpty && report.auditedCVs().isEmpty)
        #expect(report.headline.hasSuffix("; 审核 0 errors, 0 warnings"))
        let xlsx = try #require(try Self.export(report, .xlsx, in: folder).first)
        #expect((try? ReadTable.sheet(xlsx, "审核")) == nil, "no 审核 sheet without errors to list")
        #expect(try ReadTable.sheet(xlsx, "小学差异系数").rows.allSatisfy { ReadTable.number($0["审核错误"]) == 0 })
        let csv = try Self.export(report, .csv, in: folder)
        #expect(!csv.contains { $0.contains("-checks-errors-") })
        let summary = try ReadTable.csv(try #require(csv.first { $0.contains("-checks-summary-") }))
        #expect(summary.rows.map { ReadTable.text($0["问题数"]) } == ["0", "0"])
        let page = try String(contentsOfFile: try #require(try Self.export(report, .html, in: folder).first), encoding: .utf8)
        #expect(try CountyReportJudgementTests.section(page, "audit").contains("没有审核错误。"))
        let audit = try #require(try Self.json(report)["audit"] as? [String: Any])
        #expect(audit["checked"] as? Bool == true && audit["errors"] as? Int == 0 && audit["findings"] as? Int == 0)
    }
}
