import EduAudit
import EduCore
import EduIngest
import EduNormalise
import EduReports
import EduStandards
import EduWarehouse
import EduXLSX
import Foundation
import Testing

/// `eduetl audit`'s exports from a small return with the usual mistakes (the rows of
/// AuditFindingsTests, with a 乡镇 column), the shipped checks synced.
struct AuditExportTests {
    /// 甲 and 乙 in 白鹭镇, 丙 in 东湖街道, 丁 in none. Columns: A 学校标识码 … C 乡镇 … G 班级数, J 高于规定学历,
    /// K 骨干, L 教学及辅助用房面积, M 图书, N 仪器设备值.
    static let lines = [
        "学校标识码,学校名称,乡镇,办学类型,统计年度,在校学生数,班级数,教职工数,专任教师数,高于规定学历教师数,县级以上骨干教师数,"
            + "教学及辅助用房面积,图书册数,教学仪器设备值",
        "3603219701,甲小学,白鹭镇,小学,2024,500,10,35,30,45,35,-500,10000,1000000",
        "3603219702,乙小学,白鹭镇,小学,2024,800,10,50,40,30,5,4000,16000,10000000000",
        "3603219703,丙小学,东湖街道,小学,2024,600,10,45,38,30,4,3000,360000,1500000",
        "3603219704,丁小学,,小学,2024,100,25,12,10,8,1,600,,300000",
    ]

    /// 丁 leaves its 图书册数 cell (M5) empty, in a return that has the column: one missing_required warning.
    /// The fields the whole return lacks (sports_area, computers …) are no school's mistake and give none.

    static func warehouse(_ folder: ScratchFolder) throws -> Warehouse {
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: folder.path("示例县2024.csv")))
        let warehouse = try Warehouse(path: folder.path("warehouse.sqlite"))
        let root = SampleCounty.root
        let catalogue = try CatalogueLoader.load(path: root.appendingPathComponent("Pipelines/catalogue.yml").path)
        let standards = try StandardsLoader.load(path: root.appendingPathComponent("Pipelines/standards.yml").path)
        let options = Ingest.Options(inputs: [IngestInput(path: folder.path("示例县2024.csv"))], county: "360321")
        let summary = try Ingest(options: options, catalogue: catalogue, standards: standards, warehouse: warehouse).run()
        try #require(summary.counts.filesRejected == 0 && summary.counts.filesLoaded == 1)
        try warehouse.syncAuditRules(AuditRulesLoader.load(path: root.appendingPathComponent("Pipelines/checks.yml").path))
        return warehouse
    }

    static func report(_ folder: ScratchFolder) throws -> AuditReport {
        try AuditReport(warehouse: warehouse(folder), year: 2024, county: "360321", generated: SampleCounty.exportDay)
    }

    @Test func findingsAreTypedAndGroupedByTownship() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        #expect(report.townships.map(\.label) == ["东湖街道", "白鹭镇", "未分乡镇"])
        #expect(report.townships.map { Set($0.findings.map(\.schoolName)) } == [["丙小学"], ["甲小学", "乙小学"], ["丁小学"]])
        let shown = report.findings.filter { $0.rule != .missingRequired }.map {
            "\($0.schoolName ?? "") \($0.rule.rawValue) \($0.severity.rawValue) \($0.indicator) \($0.cell ?? "") \($0.expected)"
        }
        #expect(shown == [
            "丙小学 class_size warning students_per_class G4 <= 56",
            "丙小学 per_student_range warning books M4 ≤500",
            "甲小学 negative_value error teaching_aux_area L2 >= 0",
            "甲小学 subset_exceeds_total error backbone_teachers K2 <= full_time_teachers",
            "甲小学 subset_exceeds_total error teachers_above_required_degree J2 <= full_time_teachers",
            "乙小学 class_size error students_per_class G3 <= 66",
            "乙小学 per_student_range warning equipment_value N3 50–100000",
            "丁小学 class_size warning students_per_class G5 >= 5",
        ], "\(shown.joined(separator: "\n"))")
        let counts = report.counts.map { "\($0.rule.rawValue) \($0.severity.rawValue) \($0.findings)" }
        #expect(counts == ["negative_value error 1", "subset_exceeds_total error 2", "class_size error 1", "class_size warning 2",
                           "per_student_range warning 2", "missing_required warning 1"])
        #expect(report.errors == 4 && report.warnings == 5 && report.hasErrors)
        let negative = try #require(report.findings.first { $0.rule == .negativeValue })
        #expect(negative.value == -500 && negative.stage == .primary && negative.township == "白鹭镇" && negative.sourceFile.hasSuffix("示例县2024.csv"))
        let missing = try #require(report.findings.first { $0.rule == .missingRequired })
        // The empty cell: 图书's column M in 丁's row 5.
        #expect(missing.value == nil && missing.cell == "M5" && missing.expected == "a figure" && missing.indicator == "books")
        #expect(missing.schoolName == "丁小学")
    }

    @Test func exportsAreNamedLikeTheCountyReportsAndNeverReplaced() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        let out = folder.path("out")
        let first = try AuditReportExporter(folder: out).export(report)
        let second = try AuditReportExporter(folder: out, formats: [.csv]).export(report)
        let stem = "\(report.countyLabel)-360321-2024-audit-\(report.generatedDay.replacingOccurrences(of: "-", with: ""))"
        #expect(first.map { URL(fileURLWithPath: $0).lastPathComponent } == ["\(stem).xlsx", "\(stem).csv", "\(stem).json"])
        #expect(second.map { URL(fileURLWithPath: $0).lastPathComponent } == ["\(stem)-2.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func theWorkbookHasTheSummaryThenASheetPerTownship() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        let path = try #require(try AuditReportExporter(folder: folder.path("out"), formats: [.xlsx]).export(report).first)
        let workbook = try Workbook(path: path)
        #expect(workbook.sheets.map(\.name) == ["汇总", "东湖街道", "白鹭镇", "未分乡镇"])

        let summary = try ReadTable.sheet(path, "汇总")
        #expect(summary.columns == ["问题类型", "严重程度", "问题数"])
        let summaryRows = summary.rows.map { row in
            "\(ReadTable.text(row["问题类型"]) ?? "") \(ReadTable.text(row["严重程度"]) ?? "") \(ReadTable.number(row["问题数"]) ?? -1)"
        }
        #expect(summaryRows == ["数值为负 错误 1.0", "分项大于总数 错误 2.0", "班额异常 错误 1.0", "班额异常 提示 2.0", "生均值超出合理范围 提示 2.0",
                                "缺少必填数据 提示 1.0", "合计 错误 4.0", "合计 提示 5.0"])

        let town = try ReadTable.sheet(path, "白鹭镇")
        #expect(town.columns == ["学校标识码", "学校名称", "学段", "问题类型", "严重程度", "问题", "指标", "填报值", "应为", "来源文件", "工作表", "单元格"])
        #expect(town.rows.count == 5)
        let negative = try #require(town.rows.first { ReadTable.text($0["单元格"]) == "L2" })
        #expect(ReadTable.text(negative["学校标识码"]) == "3603219701" && ReadTable.text(negative["学校名称"]) == "甲小学")
        #expect(ReadTable.text(negative["学段"]) == "小学" && ReadTable.text(negative["问题类型"]) == "数值为负")
        #expect(ReadTable.text(negative["严重程度"]) == "错误" && ReadTable.text(negative["问题"]) == "教学及辅助用房面积为-500，不能为负数")
        #expect(ReadTable.text(negative["指标"]) == "教学及辅助用房面积" && ReadTable.number(negative["填报值"]) == -500)
        #expect(ReadTable.text(negative["应为"]) == ">= 0" && ReadTable.text(negative["工作表"]) != nil)
        #expect(ReadTable.text(negative["来源文件"])?.hasSuffix("示例县2024.csv") == true)
        let classSize = try #require(town.rows.first { ReadTable.text($0["单元格"]) == "G3" })
        #expect(ReadTable.text(classSize["指标"]) == "平均班额" && ReadTable.number(classSize["填报值"]) == 80)
        let none = try ReadTable.sheet(path, "未分乡镇")
        #expect(Set(none.rows.map { ReadTable.text($0["学校名称"]) }) == ["丁小学"])
        let missing = none.rows.filter { ReadTable.text($0["问题类型"]) == "缺少必填数据" }
        #expect(missing.count == 1 && missing.allSatisfy { ReadTable.text($0["单元格"]) == "M5" })
    }

    @Test func theCSVHasEveryFindingWithItsTownshipAndCanonicalIDs() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        let path = try #require(try AuditReportExporter(folder: folder.path("out"), formats: [.csv]).export(report).first)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let table = try ReadTable.csv(path)
        #expect(table.columns == ["乡镇", "学校标识码", "学校名称", "学段", "问题类型", "严重程度", "问题", "指标", "填报值", "应为", "来源文件", "工作表",
                                  "单元格", "rule", "severity", "stage", "indicator"])
        #expect(table.rows.count == 9)
        let line = table.rows.first { ReadTable.text($0["单元格"]) == "N3" }.map { row in
            ["乡镇", "学校名称", "问题类型", "严重程度", "填报值", "应为", "rule", "severity", "stage", "indicator"]
                .map { ReadTable.text(row[$0]) ?? "" }.joined(separator: "|")
        }
        #expect(line == "白鹭镇|乙小学|生均值超出合理范围|提示|12500000|50–100000|per_student_range|warning|primary|equipment_value")
        #expect(table.rows.filter { ReadTable.text($0["乡镇"]) == "未分乡镇" }.count == 2)
    }

    @Test func theJSONHasCanonicalIDsAndTheCounts() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        let path = try #require(try AuditReportExporter(folder: folder.path("out"), formats: [.json]).export(report).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(object["format"] as? String == "eduetl-audit" && object["year"] as? Int == 2024 && object["county_code"] as? String == "360321")
        #expect(object["errors"] as? Int == 4 && object["warnings"] as? Int == 5)
        let counts = try #require(object["counts"] as? [[String: Any]])
        #expect(counts.first?["rule"] as? String == "negative_value" && counts.first?["severity"] as? String == "error")
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 9)
        let negative = try #require(findings.first { $0["rule"] as? String == "negative_value" })
        #expect(negative["township"] as? String == "白鹭镇" && negative["school_code"] as? String == "3603219701")
        #expect(negative["stage"] as? String == "primary" && negative["indicator"] as? String == "teaching_aux_area")
        #expect(negative["value"] as? Double == -500 && negative["expected"] as? String == ">= 0" && negative["cell"] as? String == "L2")
        let loose = try #require(findings.last)
        #expect(loose["township"] is NSNull && loose["value"] is NSNull && loose["cell"] as? String == "M5")
    }

    @Test(.enabled(if: Tools.calamine, "python-calamine is not installed"))
    func calamineReadsTheWorkbook() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        let path = try #require(try AuditReportExporter(folder: folder.path("out"), formats: [.xlsx]).export(report).first)
        let script = """
            import json, sys
            from python_calamine import CalamineWorkbook
            workbook = CalamineWorkbook.from_path(sys.argv[1])
            print(json.dumps({"sheets": workbook.sheet_names,
                              "rows": {n: workbook.get_sheet_by_name(n).to_python() for n in workbook.sheet_names}}, ensure_ascii=False))
            """
        let object = try #require(try Tools.pythonJSON(script, [path]) as? [String: Any])
        #expect(object["sheets"] as? [String] == ["汇总", "东湖街道", "白鹭镇", "未分乡镇"])
        let rows = try #require(object["rows"] as? [String: [[Any]]])
        let town = try #require(rows["东湖街道"])
        #expect(town[1].compactMap { $0 as? String } == AuditLabels.columns)
        // 填报值 of a per-pupil range is the figure per pupil: 360000 books over 600 pupils.
        let books = try #require(town.first { $0.count == 12 && ($0[11] as? String) == "M4" })
        #expect(books[1] as? String == "丙小学" && books[4] as? String == "提示" && (books[7] as? Double) == 600)
    }

    @Test(.enabled(if: Tools.soffice, "soffice is not installed"), .timeLimit(.minutes(3)))
    func libreOfficeOpensTheWorkbook() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder)
        let path = try #require(try AuditReportExporter(folder: folder.path("exports"), formats: [.xlsx]).export(report).first)
        let copy = folder.path("audit.xlsx")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        _ = try XLSXCrossCheckTests.soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                                             copy], in: folder)
        let town = try String(contentsOfFile: folder.path("out/audit-白鹭镇.csv"), encoding: .utf8)
        #expect(town.contains("3603219701,甲小学,小学,数值为负,错误,教学及辅助用房面积为-500，不能为负数,教学及辅助用房面积,-500,>= 0"))
        let summary = try String(contentsOfFile: folder.path("out/audit-汇总.csv"), encoding: .utf8)
        #expect(summary.contains("合计,错误,4"))
    }
}
