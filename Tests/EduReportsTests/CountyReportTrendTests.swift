import EduCore
import EduReports
import EduXLSX
import Foundation
import Testing

/// 历年比较 (issue 15): the district 东湖区 holds 2024 and, on its hidden 小学(2023) sheet, 2023's
/// primary figures (teachers, books, equipment). Its CVs of both years, the changes and the school
/// parts that moved most are computed here from TRUTH.json (`district.last_year` for 2023) and
/// checked in the four formats; the county 青石县 holds one year, and its section says so.
@Suite("County report: years compared")
struct CountyReportTrendTests {
    typealias Export = CountyReportJudgementTests

    /// The three basic indicators 2023's sheet gives.
    static let indicators: [(id: String, field: String)] = [
        ("equipment_value_per_student", "equipment_value"), ("books_per_student", "books"), ("teachers_per_student", "full_time_teachers"),
    ]

    struct LastYearFile: Decodable {
        struct District: Decodable {
            struct LastYear: Decodable {
                var year: Int
                var schools: [Truth.School]
            }

            var last_year: LastYear
        }

        var district: District
    }

    /// The district's counted primary parts of 2023, from TRUTH.json.
    static func lastYear() throws -> [Truth.Part] {
        let url = SampleCounty.root.appendingPathComponent("SampleInputs/TRUTH.json")
        let file = try JSONDecoder().decode(LastYearFile.self, from: Data(contentsOf: url))
        #expect(file.district.last_year.year == 2023)
        return Truth.counted(file.district.last_year.schools.flatMap(Truth.parts), "primary")
    }

    /// Each primary indicator's CV in 2023 and 2024.
    static func expectedCVs() throws -> [String: (before: Double, now: Double)] {
        let before = try lastYear()
        let now = Truth.counted(try Truth.get().district, "primary")
        var cvs: [String: (Double, Double)] = [:]
        for indicator in indicators {
            let old = try #require(Truth.weighted(before) { $0.perStudent(indicator.field) })
            let new = try #require(Truth.weighted(now) { $0.perStudent(indicator.field) })
            cvs[indicator.id] = (old.cv, new.cv)
        }
        return cvs
    }

    /// Every counted primary part of both years and indicator, largest relative change first.
    static func expectedMovers() throws -> [(code: String, indicator: String, before: Double, now: Double)] {
        let before = try lastYear()
        let now = Truth.counted(try Truth.get().district, "primary")
        var changes: [(code: String, indicator: String, before: Double, now: Double)] = []
        for part in now {
            guard let old = before.first(where: { $0.code == part.code }) else { continue }
            for indicator in indicators {
                guard let a = old.perStudent(indicator.field), let b = part.perStudent(indicator.field), a != 0 else { continue }
                changes.append((part.code, indicator.id, a, b))
            }
        }
        return changes.sorted { abs($0.now / $0.before - 1) > abs($1.now / $1.before - 1) }
    }

    @Test func theTableHoldsEachYearsCVAndTheChange() throws {
        let county = try SampleCounty.get()
        let cvs = try Self.expectedCVs()
        let folder = try ScratchFolder()
        let sheet = try ReadTable.sheet(try Export.export(.xlsx, county.district, in: folder)[0], "历年比较")
        let csv = try ReadTable.csv(try #require(try Export.export(.csv, county.district, in: folder).first { $0.contains("balance-trend") }))
        #expect(sheet.columns.starts(with: ["学段", "标准", "指标", "2023年均值", "2023年差异系数", "2024年均值", "2024年差异系数", "比较年度"]))
        for (id, cv) in cvs {
            let row = try #require(sheet.rows.first {
                ReadTable.text($0["指标代码"]) == id && ReadTable.text($0["学段代码"]) == "primary" && ReadTable.text($0["标准代码"]) == "basic"
            })
            #expect(abs(try #require(ReadTable.number(row["2023年差异系数"])) - cv.before) < 1e-9, "\(id)")
            #expect(abs(try #require(ReadTable.number(row["2024年差异系数"])) - cv.now) < 1e-9, "\(id)")
            #expect(abs(try #require(ReadTable.number(row["差异系数变化"])) - (cv.now - cv.before)) < 1e-9, "\(id)")
            #expect(ReadTable.text(row["比较年度"]) == "2023→2024")
            let line = try #require(csv.rows.first {
                ReadTable.text($0["指标代码"]) == id && ReadTable.text($0["学段代码"]) == "primary" && ReadTable.text($0["标准代码"]) == "basic"
            })
            #expect(ReadTable.text(line["2023年差异系数"]) == String(format: "%.4f", cv.before))
            #expect(ReadTable.text(line["差异系数变化"]) == String(format: "%.4f", cv.now - cv.before))
        }
        // The junior parts have no 2023 figures: their 2023 columns are empty, with no change.
        let junior = sheet.rows.filter { ReadTable.text($0["学段代码"]) == "junior" }
        #expect(!junior.isEmpty && junior.allSatisfy { $0["2023年差异系数"] == nil && $0["差异系数变化"] == nil })
        #expect(sheet.notes.first?.hasPrefix("仓库中有2023年、2024年的数据") == true)
    }

    @Test func theMoversAreTheLargestRelativeChanges() throws {
        let county = try SampleCounty.get()
        let want = Array(try Self.expectedMovers().prefix(10))
        #expect(want.count == 10)
        let folder = try ScratchFolder()
        let sheet = try ReadTable.sheet(try Export.export(.xlsx, county.district, in: folder)[0], "变化最大的学校")
        let csv = try ReadTable.csv(try #require(try Export.export(.csv, county.district, in: folder).first { $0.contains("school-movers") }))
        let key = { (row: [String: CellValue]) in "\(ReadTable.text(row["学校标识码"]) ?? "") \(ReadTable.text(row["指标代码"]) ?? "")" }
        #expect(sheet.rows.map(key) == want.map { "\($0.code) \($0.indicator)" })
        #expect(csv.rows.map(key) == want.map { "\($0.code) \($0.indicator)" })
        for (row, expected) in zip(sheet.rows, want) {
            #expect(abs(try #require(ReadTable.number(row["2023年"])) - expected.before) < 1e-6 * expected.before)
            #expect(abs(try #require(ReadTable.number(row["2024年"])) - expected.now) < 1e-6 * expected.now)
            #expect(abs(try #require(ReadTable.number(row["变化幅度"])) - (expected.now / expected.before - 1)) < 1e-9)
        }
        let document = try #require(try Export.json(county.district)["years_compared"] as? [String: Any])
        let movers = try #require(document["movers"] as? [[String: Any]])
        #expect(movers.map { "\($0["school_code"] as? String ?? "") \($0["indicator"] as? String ?? "")" } == want.map { "\($0.code) \($0.indicator)" })
        #expect(Set(movers.first?.keys.map { $0 } ?? []) == ["school_code", "school_name", "stage", "indicator", "previous_year", "previous_value",
                                                              "year", "value", "change", "relative_change"])
    }

    @Test func thePageDrawsALinePerIndicator() throws {
        let county = try SampleCounty.get()
        let folder = try ScratchFolder()
        let page = try String(contentsOfFile: try Export.export(.html, county.district, in: folder)[0], encoding: .utf8)
        let section = try Export.section(page, "trend")
        #expect(section.contains("<h2>历年比较</h2>") && section.contains("<h3>小学</h3>") && section.contains("<h3>变化最大的学校</h3>"))
        // One chart, for primary: each of its three indicators a polyline through 2023 and 2024; the
        // quality standard's equipment, the same CV, is not drawn twice. Junior has one year: no chart.
        #expect(section.components(separatedBy: "<svg").count == 2)
        for indicator in Self.indicators {
            let lines = section.components(separatedBy: "<polyline data-indicator=\"\(indicator.id)\" points=\"")
            #expect(lines.count == 2, "\(indicator.id)")
            #expect(lines.last?.prefix { $0 != "\"" }.split(separator: " ").count == 2, "\(indicator.id)")
        }
        #expect(section.contains("没有两个年度都有差异系数的指标，不绘制折线图。"))
        #expect(!section.contains("<script"))

        let document = try #require(try Export.json(county.district)["years_compared"] as? [String: Any])
        #expect(document["years"] as? [Int] == [2023, 2024] && document["previous_year"] as? Int == 2023)
        let balance = try #require(document["balance"] as? [[String: Any]])
        let books = try #require(balance.first {
            $0["indicator"] as? String == "books_per_student" && $0["stage"] as? String == "primary" && $0["year"] as? Int == 2024
        })
        #expect(Set(books.keys) == ["year", "stage", "standard", "indicator", "mean", "cv", "previous_year", "previous_mean", "previous_cv",
                                    "mean_change", "cv_change"])
        let cv = try #require(try Self.expectedCVs()["books_per_student"])
        #expect(books["previous_year"] as? Int == 2023)
        #expect(abs(try #require((books["cv_change"] as? NSNumber)?.doubleValue) - (cv.now - cv.before)) < 1e-9)
    }

    /// 青石县 holds 2024 only: one sentence, no chart, no table, no sheet or file.
    @Test func aCountyOfOneYearSaysSo() throws {
        let county = try SampleCounty.get()
        let folder = try ScratchFolder()
        let page = try String(contentsOfFile: try Export.export(.html, county.summary, in: folder)[0], encoding: .utf8)
        #expect(try Export.section(page, "trend") == "<section id=\"trend\">\n<h2>历年比较</h2>\n<p>仓库中只有2024年的数据，无法作历年比较。</p>\n</section>")
        #expect(try !Export.export(.csv, county.summary, in: folder).contains { $0.contains("balance-trend") || $0.contains("school-movers") })
        #expect(try !Workbook(path: try Export.export(.xlsx, county.summary, in: folder)[0]).sheets.contains { $0.name == "历年比较" })
        let document = try #require(try Export.json(county.summary)["years_compared"] as? [String: Any])
        #expect(document["years"] as? [Int] == [2024] && document["previous_year"] is NSNull)
        #expect((document["balance"] as? [Any])?.isEmpty == true && (document["movers"] as? [Any])?.isEmpty == true)
        #expect(document["notes"] as? [String] == ["仓库中只有2024年的数据，无法作历年比较。"])
    }

    /// A year whose returns give no figure a CV needs (柳溪县's 2023 pupils-only CSV): the section
    /// names it, and draws no line of dots.
    @Test func aYearWithoutCVsIsNamed() throws {
        let county = try SampleCounty.get()
        var summary = county.district
        for index in summary.trend.indices where summary.trend[index].year == 2023 {
            summary.trend[index].cv = nil
            summary.trend[index].mean = nil
        }
        let report = county.report(summary)
        #expect(report.trendNotes.contains { $0.hasPrefix("2023年的数据不足以计算任何差异系数") })
        let section = try Export.section(HTMLCountyReport.page(report), "trend")
        #expect(!section.contains("<svg") && section.contains("没有两个年度都有差异系数的指标"))
    }
}
