import EduCore
import EduReports
import EduXLSX
import Foundation
import Testing

/// Issue 13's new sections: 班额与规模 (the schools over the 2017 class-size or school-size limits),
/// the plan targets computed from the schools (由N所学校计算) beside the county sheet's (县级报表),
/// and 城乡对比 (the basic indicators' 城区 / 镇区 / 乡村 means). Expected figures come from
/// SampleInputs/TRUTH.json through Truth.swift, and each section is checked in the four formats.
@Suite("County report: scale, plan targets, urban and rural")
struct CountyReportSectionsTests {
    typealias Export = CountyReportJudgementTests

    // MARK: Class and school size

    struct Breach: Hashable {
        var kind: String
        var code: String
        var stage: String
        var value: Double
        var limit: Double
    }

    /// INDICATORS.md's limits: class size 45 / 50, school size 2,000 / 2,500, and 2,500 for a
    /// 九年一贯制学校 (standards.yml → school_size.school_types).
    static func expectedBreaches(_ parts: [Truth.Part]) -> (breaches: Set<Breach>, schools: Int, classParts: Int) {
        let compulsory = parts.filter { $0.stage == "primary" || $0.stage == "junior" }
        var breaches: Set<Breach> = []
        for part in compulsory {
            guard let classes = part.classes, classes > 0 else { continue }
            let limit = part.stage == "primary" ? 45.0 : 50.0
            if part.students / classes > limit {
                breaches.insert(Breach(kind: "class_size", code: part.code, stage: part.stage, value: part.students / classes, limit: limit))
            }
        }
        for code in Set(compulsory.map(\.code)) {
            let school = compulsory.filter { $0.code == code }
            guard let first = school.first else { continue }
            let students = first.schoolParts.filter { ["primary", "junior", "senior"].contains($0.key) }.values.reduce(0, +)
            let limits = school.map { $0.type == "九年一贯制学校" ? 2500.0 : $0.stage == "primary" ? 2000 : 2500 }
            guard let limit = limits.min(), students > limit else { continue }
            breaches.insert(Breach(kind: "school_size", code: code, stage: school.count == 1 ? first.stage : "whole_school",
                                   value: students, limit: limit))
        }
        return (breaches, Set(compulsory.map(\.code)).count, compulsory.filter { $0.classes != nil }.count)
    }

    @Test func scaleListsTheSchoolsOverTheLimits() throws {
        let county = try SampleCounty.get()
        let expected = Self.expectedBreaches(try Truth.get().county)
        #expect(expected.schools == 35 && expected.classParts == 38)
        #expect(expected.breaches.filter { $0.kind == "class_size" }.count == 7)
        #expect(expected.breaches.filter { $0.kind == "school_size" }.map(\.code).sorted() == ["3603210016", "3603210020"])
        // The issue's example: 青石县城关镇第二小学, 1,893 pupils in 37 classes, 51.2 a class.
        #expect(expected.breaches.contains(Breach(kind: "class_size", code: "3603210022", stage: "primary", value: 1893.0 / 37, limit: 45)))
        let summary = "共核查35所学校（班额38个学段）：班额超过上限7个学段，学校规模超过上限2所。"

        let folder = try ScratchFolder()
        let sheet = try ReadTable.sheet(try Export.export(.xlsx, county.summary, in: folder)[0], "班额与规模")
        let read = Set(try sheet.rows.map { row in
            Breach(kind: try #require(ReadTable.text(row["项目代码"])), code: try #require(ReadTable.text(row["学校标识码"])),
                   stage: try #require(ReadTable.text(row["学段代码"])), value: try #require(ReadTable.number(row["实际值"])),
                   limit: try #require(ReadTable.number(row["上限"])))
        })
        #expect(read == expected.breaches)
        #expect(sheet.notes.first == summary)
        let second = try #require(sheet.rows.first { ReadTable.text($0["学校标识码"]) == "3603210022" })
        #expect(ReadTable.text(second["项目"]) == "班额" && ReadTable.text(second["计算依据"]) == "1893人 ÷ 37个班")
        #expect(ReadTable.number(second["超出"]).map { abs($0 - (1893.0 / 37 - 45)) < 1e-9 } == true)

        let csv = try ReadTable.csv(try #require(try Export.export(.csv, county.summary, in: folder).first { $0.contains("school-scale") }))
        #expect(csv.rows.count == expected.breaches.count)
        for breach in expected.breaches {
            let row = try #require(csv.rows.first {
                ReadTable.text($0["学校标识码"]) == breach.code && ReadTable.text($0["项目代码"]) == breach.kind
            })
            let decimals = breach.kind == "class_size" ? 1 : 0
            #expect(ReadTable.text(row["实际值"]) == String(format: "%.\(decimals)f", breach.value))
            #expect(ReadTable.text(row["上限"]) == String(format: "%.0f", breach.limit))
        }
        #expect(ReadTable.text(csv.rows.first { ReadTable.text($0["学校标识码"]) == "3603210022" }?["实际值"]) == "51.2")

        let page = try String(contentsOfFile: try Export.export(.html, county.summary, in: folder)[0], encoding: .utf8)
        let section = try Export.section(page, "scale")
        #expect(section.contains("<h2>班额与规模</h2>") && section.contains(summary))
        #expect(section.contains("青石县城关镇第二小学") && section.contains("<td class=\"num short\">51.2</td>"))
        #expect(section.components(separatedBy: "<tr").count - 2 == expected.breaches.count)

        let scale = try #require(try Export.json(county.summary)["scale"] as? [String: Any])
        #expect(scale["schools_checked"] as? Int == 35 && scale["class_parts_checked"] as? Int == 38)
        let breaches = try #require(scale["breaches"] as? [[String: Any]])
        #expect(Set(breaches.map { "\($0["kind"] as? String ?? "")|\($0["school_code"] as? String ?? "")|\($0["stage"] as? String ?? "")" })
            == Set(expected.breaches.map { "\($0.kind)|\($0.code)|\($0.stage)" }))
        #expect(breaches.count == expected.breaches.count)
        let entry = try #require(breaches.first { $0["school_code"] as? String == "3603210022" })
        #expect(entry["limit"] as? Int == 45 && entry["students"] as? Int == 1893 && entry["classes"] as? Int == 37)
    }

    /// 东湖区实验学校 (九年一贯制, 1,683 + 1,460 pupils) is over 2,500 once, as a whole school, and
    /// 东湖区第一中学 (完全中学) counts its senior part too: 1,700 + 1,812.
    @Test func aMultiPartSchoolOverTheSchoolSizeIsListedOnce() throws {
        let county = try SampleCounty.get()
        let expected = Self.expectedBreaches(try Truth.get().district)
        let sizes = expected.breaches.filter { $0.kind == "school_size" }
        #expect(sizes == [Breach(kind: "school_size", code: "2136039223", stage: "whole_school", value: 3143, limit: 2500),
                          Breach(kind: "school_size", code: "2136039226", stage: "junior", value: 3512, limit: 2500)])
        let folder = try ScratchFolder()
        let sheet = try ReadTable.sheet(try Export.export(.xlsx, county.district, in: folder)[0], "班额与规模")
        let read = Set(try sheet.rows.map { row in
            Breach(kind: try #require(ReadTable.text(row["项目代码"])), code: try #require(ReadTable.text(row["学校标识码"])),
                   stage: try #require(ReadTable.text(row["学段代码"])), value: try #require(ReadTable.number(row["实际值"])),
                   limit: try #require(ReadTable.number(row["上限"])))
        })
        #expect(read == expected.breaches)
        let school = sheet.rows.filter { ReadTable.text($0["项目代码"]) == "school_size" && ReadTable.text($0["学校标识码"]) == "2136039223" }
        #expect(school.count == 1)
        #expect(ReadTable.text(school.first?["学段"]) == "全校")
        #expect(ReadTable.text(school.first?["计算依据"]) == "全校在校生3143人（其中小学部1683人、初中部1460人）")
        let csv = try ReadTable.csv(try #require(try Export.export(.csv, county.district, in: folder).first { $0.contains("school-scale") }))
        #expect(csv.rows.filter { ReadTable.text($0["学校标识码"]) == "2136039223" && ReadTable.text($0["项目代码"]) == "school_size" }.count == 1)
        let page = try String(contentsOfFile: try Export.export(.html, county.district, in: folder)[0], encoding: .utf8)
        #expect(try Export.section(page, "scale").components(separatedBy: "全校在校生3143人").count - 1 == 1)
        let breaches = try #require((try Export.json(county.district)["scale"] as? [String: Any])?["breaches"] as? [[String: Any]])
        let entry = try #require(breaches.first { $0["school_code"] as? String == "2136039223" && $0["kind"] as? String == "school_size" })
        #expect(entry["stage"] as? String == "whole_school")
        #expect((entry["parts"] as? [String: Int]) == ["primary": 1683, "junior": 1460])
    }

    // MARK: Plan targets

    @Test func planTargetsShowTheFiguresComputedFromTheSchools() throws {
        let county = try SampleCounty.get()
        let truth = try Truth.get()
        func total(_ stage: String, _ field: String) -> Double {
            Truth.counted(truth.county, stage).reduce(0) { $0 + ($1.counts[field] ?? 0) }
        }
        let expected: [String: (value: Double, schools: Int, met: Bool)] = [
            "primary_books_per_student": (total("primary", "books") / total("primary", "students"), 25, false),
            "junior_books_per_student": (total("junior", "books") / total("junior", "students"), 9, true),
            "primary_teachers_college_share": (total("primary", "teachers_above_required_degree") / total("primary", "full_time_teachers"), 25, true),
            "junior_teachers_bachelor_share": (total("junior", "teachers_above_required_degree") / total("junior", "full_time_teachers"), 9, true),
        ]
        // Books per pupil: 28.19 against the plans' 30 (primary), 40.16 against 40 (junior).
        #expect(String(format: "%.2f", expected["primary_books_per_student"]?.value ?? 0) == "28.19")
        #expect(String(format: "%.2f", expected["junior_books_per_student"]?.value ?? 0) == "40.16")
        let targets: [String: Double] = ["primary_books_per_student": 30, "junior_books_per_student": 40,
                                         "primary_teachers_college_share": 0.7, "junior_teachers_bachelor_share": 0.6]
        for (id, figure) in expected { #expect((figure.value >= (targets[id] ?? 0)) == figure.met, "\(id)") }

        let folder = try ScratchFolder()
        let sheet = try ReadTable.sheet(try Export.export(.xlsx, county.summary, in: folder)[0], "县级指标")
        #expect(sheet.rows.count == 10)
        for (id, figure) in expected {
            let row = try #require(sheet.rows(where: "指标代码", is: id).first)
            #expect(abs(try #require(ReadTable.number(row["实际值"])) - figure.value) < 1e-9, "\(id)")
            #expect(ReadTable.text(row["来源"]) == "由\(figure.schools)所学校计算")
            #expect(ReadTable.text(row["是否达标"]) == (figure.met ? "是" : "否"))
        }
        let books = try #require(sheet.rows(where: "指标代码", is: "primary_books_per_student").first)
        #expect(ReadTable.text(books["指标"]) == "小学生均图书（册）" && ReadTable.text(books["目标"]) == "≥ 30")
        // The county sheet's figures keep their cell: 九年义务教育巩固率 98.6 in 县级指标!B6.
        let consolidation = try #require(sheet.rows(where: "指标代码", is: "compulsory_consolidation_rate").first)
        let countySheet = SampleCounty.root.appendingPathComponent("SampleInputs/青石县2024年县级教育指标.xlsx").path
        #expect(ReadTable.text(consolidation["来源"]) == "县级报表（\(countySheet)，县级指标!B6）")
        #expect(ReadTable.number(consolidation["实际值"]).map { abs($0 - 0.986) < 1e-12 } == true)

        let csv = try ReadTable.csv(try #require(try Export.export(.csv, county.summary, in: folder).first { $0.contains("county-targets") }))
        let line = try #require(csv.rows.first { ReadTable.text($0["指标代码"]) == "primary_books_per_student" })
        #expect([ReadTable.text(line["实际值"]), ReadTable.text(line["目标"]), ReadTable.text(line["是否达标"]), ReadTable.text(line["来源"])]
            == ["28.19", "≥ 30", "否", "由25所学校计算"])
        #expect(ReadTable.text(csv.rows.first { ReadTable.text($0["指标代码"]) == "primary_teachers_college_share" }?["实际值"])
            == String(format: "%.1f%%", (expected["primary_teachers_college_share"]?.value ?? 0) * 100))

        let page = try String(contentsOfFile: try Export.export(.html, county.summary, in: folder)[0], encoding: .utf8)
        let section = try Export.section(page, "targets")
        #expect(section.contains("<td class=\"num short\">28.19</td>") && section.contains("由25所学校计算") && section.contains("由9所学校计算"))
        #expect(section.contains("县级报表（\(countySheet)，县级指标!B6）"))

        let entries = try #require(try Export.json(county.summary)["targets"] as? [[String: Any]])
        for (id, figure) in expected {
            let entry = try #require(entries.first { $0["indicator"] as? String == id })
            let source = try #require(entry["source"] as? [String: Any])
            #expect(source["kind"] as? String == "computed" && source["schools"] as? Int == figure.schools)
            #expect(entry["met"] as? Bool == figure.met)
        }
        let given = try #require(entries.first { $0["indicator"] as? String == "compulsory_consolidation_rate" }?["source"] as? [String: String])
        #expect(given == ["kind": "county_sheet", "file": countySheet, "sheet": "县级指标", "cell": "B6"])
    }

    // MARK: Urban and rural

    /// The sample's 白沙乡 CSV and 石门乡 workbook have no 城乡分类 column (`eduetl headers` finds
    /// none), so their schools are in no area: 8 primary and 2 junior counted schools.
    static let filesWithoutArea: Set<String> = ["白沙乡_2024_中小学.csv", "石门乡2024年中小学统计报表.xlsx"]

    @Test func urbanRuralMeansAndTheirRatio() throws {
        let county = try SampleCounty.get()
        let truth = try Truth.get()
        let folder = try ScratchFolder()
        let sheet = try ReadTable.sheet(try Export.export(.xlsx, county.summary, in: folder)[0], "城乡对比")
        let csv = try ReadTable.csv(try #require(try Export.export(.csv, county.summary, in: folder).first { $0.contains("urban-rural") }))
        let document = try #require(try Export.json(county.summary)["urban_rural"] as? [[String: Any]])
        #expect(sheet.rows.count == 16 && csv.rows.count == 16 && document.count == 16)
        for stage in ["primary", "junior"] {
            let counted = Truth.counted(truth.county, stage)
            let classified = counted.filter { !Self.filesWithoutArea.contains($0.file ?? "") }
            #expect(counted.count - classified.count == (stage == "primary" ? 8 : 2))
            for indicator in Truth.basicIndicators {
                var means: [String: (mean: Double, schools: Int)] = [:]
                for area in ["城区", "镇区", "乡村"] {
                    let parts = classified.filter { $0.area == area }
                    if let mean = Truth.weighted(parts, { $0.perStudent(indicator.field, scale: indicator.scale) })?.mean {
                        means[area] = (mean, parts.count)
                    }
                }
                #expect(means.count == 3)
                let highest = try #require(means.max { $0.value.mean < $1.value.mean })
                let lowest = try #require(means.min { $0.value.mean < $1.value.mean })
                let row = try #require(sheet.rows.first {
                    ReadTable.text($0["指标代码"]) == indicator.id && ReadTable.text($0["学段代码"]) == stage
                })
                for (area, mean) in means {
                    #expect(abs(try #require(ReadTable.number(row["\(area)均值"])) - mean.mean) < 1e-9 * mean.mean, "\(stage) \(indicator.id) \(area)")
                    #expect(ReadTable.number(row["\(area)学校数"]) == Double(mean.schools))
                }
                #expect(abs(try #require(ReadTable.number(row["最高÷最低"])) - highest.value.mean / lowest.value.mean) < 1e-9)
                #expect(ReadTable.text(row["最高"])?.hasPrefix(highest.key + " ") == true)
                #expect(ReadTable.text(row["最低"])?.hasPrefix(lowest.key + " ") == true)
                #expect(ReadTable.number(row["未填城乡分类的学校数"]) == Double(counted.count - classified.count))
                let line = try #require(csv.rows.first { ReadTable.text($0["指标代码"]) == indicator.id && ReadTable.text($0["学段代码"]) == stage })
                #expect(ReadTable.text(line["最高÷最低"]) == String(format: "%.2f", highest.value.mean / lowest.value.mean))
                let entry = try #require(document.first { $0["indicator"] as? String == indicator.id && $0["stage"] as? String == stage })
                #expect(entry["highest_area"] as? String == highest.key && entry["lowest_area"] as? String == lowest.key)
                #expect(entry["unclassified_schools"] as? Int == counted.count - classified.count)
                let ratio = try #require((entry["ratio"] as? NSNumber)?.doubleValue)
                #expect(abs(ratio - highest.value.mean / lowest.value.mean) < 1e-9)
            }
        }
        // Primary books per pupil: 城区 24.81 (the five 城关镇 schools) against 乡村 32.96, 1.33.
        let books = try #require(csv.rows.first { ReadTable.text($0["指标代码"]) == "books_per_student" && ReadTable.text($0["学段代码"]) == "primary" })
        #expect([ReadTable.text(books["城区均值"]), ReadTable.text(books["乡村均值"]), ReadTable.text(books["最高÷最低"])] == ["24.81", "32.96", "1.33"])

        let page = try String(contentsOfFile: try Export.export(.html, county.summary, in: folder)[0], encoding: .utf8)
        let section = try Export.section(page, "urban-rural")
        #expect(section.contains("<h2>城乡对比</h2>") && section.contains("<h3>小学</h3>") && section.contains("<h3>初中</h3>"))
        #expect(section.contains("<td>乡村 32.96</td><td>城区 24.81</td><td class=\"num\">1.33</td><td class=\"num\">8</td>"))
    }

    /// The district's return has no 城乡分类: no sheet, no file, and the page says why.
    @Test func aCountyWithoutAreasHasNoComparison() throws {
        let county = try SampleCounty.get()
        let folder = try ScratchFolder()
        let workbook = try Workbook(path: try Export.export(.xlsx, county.district, in: folder)[0])
        // (The district's 2023 sheet gives it two years to compare.)
        #expect(workbook.sheets.map(\.name) == ["小学差异系数", "初中差异系数", "学校指标", "未达标学校", "班额与规模", "县级指标", "历年比较",
                                                "变化最大的学校", "说明"])
        let paths = try Export.export(.csv, county.district, in: folder)
        #expect(!paths.contains { $0.contains("urban-rural") })
        let page = try String(contentsOfFile: try Export.export(.html, county.district, in: folder)[0], encoding: .utf8)
        #expect(try Export.section(page, "urban-rural").contains("没有学校填报城乡分类，无法作城乡对比。"))
        #expect((try Export.json(county.district)["urban_rural"] as? [Any])?.isEmpty == true)
    }
}
