import EduNormalise
import EduReports
import EduWarehouse
import Foundation
import Testing

/// The ranking of every county (`eduetl report --all-counties`): its files beside the county
/// summaries, the chart, and each format read back by other programs (python-calamine and
/// LibreOffice skipped when missing). The order and figures are county_overview's, checked in
/// EduWarehouseTests against the views; here, that every format shows them.
@Suite struct ProvinceRankingTests {
    /// 2024 by hand: 青石县 0.1811 / 0.1242, 柳溪县 0.5681 / 0.0687, 东湖区 no composite (no teaching space …).
    static let order = ["primary": ["360321", "360399", "360392"], "junior": ["360399", "360321", "360392"]]

    @Test func theFilesAreNamedLikeTheCountySummariesAndNeverReplaced() throws {
        let folder = try ScratchFolder()
        let first = try SampleProvince.get().export(into: folder.path("out"))
        #expect(first.paths.map { ($0 as NSString).lastPathComponent } == ["xlsx", "csv", "html", "json"].map {
            "全部县区-2024-county-ranking-20261126.\($0)"
        })
        #expect(first.ranking.title == "全部县区2024年义务教育均衡发展县域排名")
        let again = try SampleProvince.get().export(into: folder.path("out"), formats: [.json])
        #expect(again.paths.map { ($0 as NSString).lastPathComponent } == ["全部县区-2024-county-ranking-20261126-2.json"])
    }

    @Test func thePageHoldsTheChartWithABarPerCountyAndStageAndLinksTheSummaries() throws {
        let folder = try ScratchFolder()
        let export = try SampleProvince.get().export(into: folder.path("out"), formats: [.html])
        let page = try String(contentsOfFile: try #require(export.paths.first), encoding: .utf8)
        #expect(!page.contains("<script") && !page.contains("http://") && !page.contains("https://") && !page.contains("src="))
        let charts = page.components(separatedBy: "<svg ").dropFirst()
        #expect(charts.count == 2)
        for (chart, stage) in zip(charts, ["primary", "junior"]) {
            let order = try #require(Self.order[stage])
            // One bar per county with a composite CV, in rank order; 东湖区 a row saying 无法计算.
            let bars = chart.components(separatedBy: "<g class=\"county-bar\" data-county=\"").dropFirst().map { String($0.prefix(6)) }
            #expect(bars == Array(order.prefix(2)), "\(stage): \(bars)")
            #expect(chart.contains(">无法计算</text>") && chart.contains("stroke-dasharray=\"6 3\""), "\(stage): the limit line")
        }
        #expect(charts.first?.contains("标准值 0.65") == true && charts.last?.contains("标准值 0.55") == true)
        // Why 东湖区 has no composite, under each stage's table.
        #expect(page.components(separatedBy: "<li>东湖区：无法计算综合差异系数：生均教学及辅助用房面积（㎡）：没有学校填报教学及辅助用房面积；").count == 3)
        // Each county's page, linked, is there beside the ranking.
        for county in export.counties {
            let html = try #require(county.paths.first { $0.hasSuffix(".html") })
            let name = (html as NSString).lastPathComponent
            let href = try #require(name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed))
            #expect(page.contains("<a href=\"\(href)\">"), "\(name) not linked")
            #expect(FileManager.default.fileExists(atPath: folder.path("out/" + name)))
        }
    }

    @Test func theCSVAndJSONGiveEveryCountyPerStageInRankOrder() throws {
        let folder = try ScratchFolder()
        let export = try SampleProvince.get().export(into: folder.path("out"), formats: [.csv, .json])
        let csv = try Data(contentsOf: URL(fileURLWithPath: try #require(export.paths.first)))
        #expect(Array(csv.prefix(3)) == CSVCountyReport.byteOrderMark)
        let lines = String(decoding: csv.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first?.hasPrefix("学段,排名,县（区）,行政区划代码,学校数,学生数,综合差异系数,标准值,是否达标,") == true)
        #expect(lines.dropFirst().map { $0.components(separatedBy: ",").prefix(9).joined(separator: ",") } == [
            "小学,1,青石县,360321,25,17191,0.1811,0.65,是", "小学,2,柳溪县,360399,6,3180,0.5681,0.65,是", "小学,,东湖区,360392,21,16565,,0.65,无法计算",
            "初中,1,柳溪县,360399,2,1840,0.0687,0.55,是", "初中,2,青石县,360321,9,9541,0.1242,0.55,是", "初中,,东湖区,360392,13,11230,,0.55,无法计算",
        ])
        #expect(lines.last?.contains("无法计算综合差异系数：") == true && lines.last?.contains("没有学校填报体育运动场馆面积") == true)

        let data = try Data(contentsOf: URL(fileURLWithPath: try #require(export.paths.last)))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format"] as? String == "eduetl-county-ranking" && object["year"] as? Int == 2024)
        let stages = try #require(object["stages"] as? [[String: Any]])
        let overview = try Warehouse(path: SampleProvince.get().databasePath).countyOverview(year: 2024)
        for stage in stages {
            let name = try #require(stage["stage"] as? String)
            let counties = try #require(stage["counties"] as? [[String: Any]])
            #expect(counties.compactMap { $0["county_code"] as? String } == Self.order[name])
            for county in counties {
                let row = try #require(overview.first { $0.stage.rawValue == name && $0.countyCode == county["county_code"] as? String })
                // (Foundation's JSON reader may round the last digit: the number is compared to 1e-12.)
                let cv = (county["basic_cv"] as? NSNumber)?.doubleValue
                #expect((cv == nil) == (row.basicCV == nil) && abs((cv ?? 0) - (row.basicCV ?? 0)) < 1e-12, "\(name) \(row.countyCode)")
                #expect(county["basic_rank"] as? Int == row.basicRank)
                #expect(county["schools_complying"] as? Int == row.schoolsComplying && county["targets_met"] as? Int == row.targetsMet)
            }
        }
        let reports = try #require(object["county_reports"] as? [[String: Any]])
        #expect(reports.compactMap { $0["county_code"] as? String } == ["360321", "360392", "360399"])
        #expect(reports.allSatisfy { ($0["files"] as? [String])?.isEmpty == false })
    }

    static let calamineScript = """
        import json, sys
        from python_calamine import CalamineWorkbook
        workbook = CalamineWorkbook.from_path(sys.argv[1])
        print(json.dumps({"sheets": workbook.sheet_names,
                          "rows": {n: workbook.get_sheet_by_name(n).to_python() for n in workbook.sheet_names}}, ensure_ascii=False))
        """

    @Test(.enabled(if: Tools.calamine, "python-calamine is not installed"))
    func calamineReadsTheWorkbook() throws {
        let folder = try ScratchFolder()
        let path = try #require(try SampleProvince.get().export(into: folder.path("out"), formats: [.xlsx]).paths.first)
        let object = try #require(try Tools.pythonJSON(Self.calamineScript, [path]) as? [String: Any])
        #expect(object["sheets"] as? [String] == ["小学排名", "初中排名", "说明"])
        let rows = try #require(object["rows"] as? [String: [[Any]]])
        let primary = try #require(rows["小学排名"])
        #expect(primary[0].first as? String == "全部县区2024年义务教育均衡发展县域排名：小学")
        #expect(primary[1].prefix(3).compactMap { $0 as? String } == ["排名", "县（区）", "行政区划代码"])
        #expect(primary[2].prefix(3).map { "\($0)" } == ["1.0", "青石县", "360321"])
        #expect(abs(((primary[2][5] as? Double) ?? 0) - 0.18105) < 0.00001)
        #expect(primary[4].prefix(3).map { "\($0)" } == ["", "东湖区", "360392"] && primary[4][7] as? String == "无法计算")
        let junior = try #require(rows["初中排名"])
        #expect(junior[2][1] as? String == "柳溪县" && junior[3][1] as? String == "青石县")
        let notes = try #require(rows["说明"])
        #expect(notes.contains { $0.count == 3 && ($0[2] as? String)?.hasPrefix("柳溪县-360399-2024-county-summary-20261126") == true })
    }

    @Test(.enabled(if: Tools.soffice, "soffice is not installed"), .timeLimit(.minutes(3)))
    func libreOfficeOpensTheWorkbook() throws {
        let folder = try ScratchFolder()
        let path = try #require(try SampleProvince.get().export(into: folder.path("exports"), formats: [.xlsx]).paths.first)
        let copy = folder.path("ranking.xlsx")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        _ = try XLSXCrossCheckTests.soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                                             copy], in: folder)
        let primary = try String(contentsOfFile: folder.path("out/ranking-小学排名.csv"), encoding: .utf8)
        #expect(primary.contains("1,青石县,360321,25,\"17,191\",0.1811,0.65,是,7/7"), "\(primary)")
        #expect(primary.contains(",东湖区,360392,21,\"16,565\",,0.65,无法计算"), "\(primary)")
        let junior = try String(contentsOfFile: folder.path("out/ranking-初中排名.csv"), encoding: .utf8)
        #expect(junior.contains("1,柳溪县,360399,2,\"1,840\",0.0687,0.55,是"), "\(junior)")
    }
}
