import EduIngest
import EduNormalise
import EduStandards
@testable import EduWarehouse
import Foundation
import Testing

/// Issue 13: the balance figures as inspectors judge them, each against figures worked out here
/// (by hand for the small returns, from TRUTH.json for the sample county), not from the SQL.
struct JudgedBalanceTests {
    static let standards = BalanceViewTests.standards

    static func rows(_ warehouse: Warehouse, _ sql: String, _ arguments: [SQLiteStatement.Value] = []) throws -> [SQLiteRow] {
        try warehouse.connection.prepare(sql).rows(arguments)
    }

    /// A one-file return in a scratch folder, ingested for county 360321.
    static func ingest(csv lines: [String], named name: String = "示例县2024.csv", standards: Standards = standards) throws -> Warehouse {
        try ingest(files: [name: lines], standards: standards)
    }

    /// Returns in a scratch folder, ingested for county 360321.
    static func ingest(files: [String: [String]], standards: Standards = standards) throws -> Warehouse {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-judged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, lines) in files {
            try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: folder.appendingPathComponent(name))
        }
        let warehouse = try Warehouse(path: folder.appendingPathComponent("warehouse.sqlite").path)
        let options = Ingest.Options(inputs: [IngestInput(path: folder.path)], county: "360321")
        let summary = try Ingest(options: options, catalogue: BalanceViewTests.catalogue, standards: standards, warehouse: warehouse).run()
        #expect(summary.counts.filesRejected == 0)
        return warehouse
    }

    // MARK: Point 3: what is judged

    /// Under the 2012 standard only the composite is judged; under the 2017 standard each CV is.
    @Test func onlyTheCompositeOfTheBasicStandardAndEachQualityCVAreJudged() throws {
        let warehouse = try BalanceViewTests.ingestSamples()
        let rows = try Self.rows(warehouse, """
            SELECT county_code, stage, standard, indicator, cv, cv_limit, cv_met, judged, composite_note FROM county_balance WHERE year = 2024
            """)
        let sampleCounty = rows.filter { $0[0].text == "360321" }.count
        #expect(sampleCounty == 32)  // 2 stages x (8 basic + composite + 7 quality)
        for row in rows {
            let label = "\(row[0].text ?? "") \(row[1].text ?? "") \(row[3].text ?? "")"
            switch (row[2].text, row[3].text) {
            case ("basic", "composite"):
                #expect(row[7].int == 1, "\(label)")
                if let cv = row[4].double, let limit = row[5].double {
                    #expect(row[6].int == (cv <= limit ? 1 : 0), "\(label)")
                    #expect(row[8].text == nil, "\(label)")
                } else {
                    #expect(row[6].int == nil && row[8].text != nil, "\(label)")
                }
            case ("basic", _):
                #expect(row[7].int == 0 && row[6].int == nil, "\(label): reported, not judged")
            default:
                let cv = try #require(row[4].double, "\(label)")
                #expect(row[7].int == 1 && row[6].int == (cv <= (row[5].double ?? 0) ? 1 : 0), "\(label)")
            }
        }
        // The sample county reports all eight; the district three (students, teachers, books, equipment).
        let composites = try Self.rows(warehouse, "SELECT county_code, stage, cv, composite_note FROM county_balance WHERE indicator = 'composite' AND year = 2024")
        #expect(composites.filter { $0[0].text == "360321" }.allSatisfy { $0[2].double != nil && $0[3].text == nil })
        let district = composites.filter { $0[0].text == "360392" }
        #expect(district.count == 2)
        for row in district {
            #expect(row[2].double == nil)
            let missing = (row[3].text ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).split(separator: ":")[0] }
            #expect(missing == ["teaching_aux_area_per_student", "sports_area_per_student", "computers_per_100_students",
                                "teachers_above_required_degree_per_student", "teachers_mid_senior_title_per_student"])
        }
    }

    // MARK: Point 5: the required degree depends on the stage

    /// 高于规定学历 is 专科及以上 for primary and 本科及以上 for junior. A table with both columns gives
    /// each stage its own; a junior school with only 专科及以上 has no required-degree figure; a
    /// return that says 高于规定学历 gives it whatever the stage.
    @Test func theRequiredDegreeIsTheStagesAndTheViewSaysWhichFieldFedIt() throws {
        let warehouse = try Self.ingest(files: [
            "甲乡2024.csv": [
                "学校标识码,学校名称,办学类型,统计年度,在校学生数,专任教师数,专科及以上学历教师数,本科及以上学历教师数",
                "3603219801,甲小学,小学,2024,500,30,28,15",
                "3603219802,甲中学,初中,2024,600,50,49,40",
                "3603219803,乙中学,初中,2024,400,30,29,",
            ],
            "乙乡2024.csv": [
                "学校标识码,学校名称,办学类型,统计年度,在校学生数,专任教师数,高于规定学历教师数",
                "3603219804,丙中学,初中,2024,800,60,51",
            ],
        ])
        let rows = try Self.rows(warehouse, """
            SELECT school_name, teachers_above_required_degree_per_student, teachers_above_required_degree_per_100_students, required_degree_field
            FROM school_indicators ORDER BY school_code
            """)
        let got = rows.map { "\($0[0].text ?? "") \($0[1].double.map { String(format: "%.4f", $0) } ?? "NULL") \($0[3].text ?? "NULL")" }
        #expect(got == ["甲小学 0.0560 teachers_college_degree", "甲中学 0.0667 teachers_bachelor_degree", "乙中学 NULL NULL",
                        "丙中学 0.0638 teachers_above_required_degree"])
        #expect(abs((rows.first?[2].double ?? 0) - 5.6) < 1e-9)
        // The plans' shares: primary 28 of 30 teachers; junior (40 + 51) of (50 + 60), 乙中学 having no figure.
        let shares = try Self.rows(warehouse, """
            SELECT indicator, value, computed_from_schools FROM county_targets WHERE indicator LIKE '%share' ORDER BY indicator
            """)
        #expect(shares.map { $0[0].text ?? "" } == ["junior_teachers_bachelor_share", "primary_teachers_college_share"])
        #expect(abs((shares[0][1].double ?? 0) - 91.0 / 110) < 1e-12 && shares[0][2].int == 2)
        #expect(abs((shares[1][1].double ?? 0) - 28.0 / 30) < 1e-12 && shares[1][2].int == 1)
    }

    // MARK: Point 4: certain failure

    /// Seven quality figures of six primary schools of 1,000 pupils each (per 100 pupils = count / 10).
    /// Minimums: degree 4.2 (42), backbone 1 (10), PE/arts 0.9 (9), rooms 4.5 m² (4,500), sports
    /// 7.5 m² (7,500), equipment 2,000 元 (2,000,000), multimedia 2.3 (23); the floor 85%.
    @Test func aSchoolThatFailsWhateverItsMissingFiguresAreFails() throws {
        let header = "学校标识码,学校名称,办学类型,统计年度,在校学生数,高于规定学历教师数,县级以上骨干教师数,音体美专任教师数,"
            + "教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数"
        func school(_ number: Int, _ name: String, degree: String = "50", backbone: String = "12", peArts: String = "10",
                    sports: String = "8000", multimedia: String = "25") -> String {
            "36032199\(String(format: "%02d", number)),\(name),小学,2024,1000,\(degree),\(backbone),\(peArts),5000,\(sports),2500000,\(multimedia)"
        }
        let warehouse = try Self.ingest(csv: [
            header,
            // Backbone unknown, multimedia 1.9 < 85% of 2.3 (1.955): fails whatever backbone is.
            school(1, "甲小学", backbone: "", multimedia: "19"),
            // Degree 4.0 and PE/arts 0.8 unmet (above the floor), sports unknown: at most 5 of 7 met.
            school(2, "乙小学", degree: "40", peArts: "8", sports: ""),
            // Sports unknown, the rest met: it decides (met, or below the floor).
            school(3, "丙小学", sports: ""),
            // Sports unknown, degree 4.0 unmet above the floor: 6 of 7 if sports is met, else not.
            school(4, "丁小学", degree: "40", sports: ""),
            // Everything met; and one unmet above the floor with six met: both comply.
            school(5, "戊小学"),
            school(6, "己小学", degree: "40"),
        ])
        let rows = try Self.rows(warehouse, """
            SELECT DISTINCT school_name, indicators_met, indicators_missing, complies FROM school_compliance ORDER BY school_code
            """)
        let got = rows.map { "\($0[0].text ?? "") \($0[1].int ?? -1) \($0[2].int ?? -1) \($0[3].int.map(String.init) ?? "NULL")" }
        #expect(got == ["甲小学 5 1 0", "乙小学 4 1 0", "丙小学 6 1 NULL", "丁小学 5 1 NULL", "戊小学 7 0 1", "己小学 6 0 1"])
    }

    // MARK: Point 7: class and school size

    @Test func classAndSchoolSizeBreachesAreTheSampleCountysReal() throws {
        let warehouse = try BalanceViewTests.ingestSamples()
        let truth = SampleWarehouseTests.truth["schools"] as? [[String: Any]] ?? []
        var wantClass: Set<String> = [], wantSchool: Set<String> = [], checked = 0
        for school in truth {
            let name = school["name"] as? String ?? ""
            let type = school["type"] as? String ?? ""
            let parts = school["parts"] as? [String: [String: Double]] ?? [:]
            let pupils = parts.values.compactMap { $0["students"] }.reduce(0, +)
            for (stage, part) in parts {
                guard let students = part["students"], let classes = part["classes"], classes > 0 else { continue }
                checked += 1
                if students / classes > Self.standards.scaleLimits.classSize[Stage(rawValue: stage) ?? .primary] ?? .infinity {
                    wantClass.insert("\(name) \(stage)")
                }
                let limit = Self.standards.scaleLimits.schoolSizeByType[type] ?? Self.standards.scaleLimits.schoolSizeByStage[Stage(rawValue: stage) ?? .primary]
                if pupils > limit ?? .infinity { wantSchool.insert("\(name) \(stage)") }
            }
        }
        let rows = try Self.rows(warehouse, """
            SELECT school_name, stage, students_per_class, class_size_met, school_size_met FROM school_scale WHERE county_code = '360321'
            """)
        #expect(rows.count == checked)
        #expect(Set(rows.filter { $0[3].int == 0 }.map { "\($0[0].text ?? "") \($0[1].text ?? "")" }) == wantClass)
        #expect(Set(rows.filter { $0[4].int == 0 }.map { "\($0[0].text ?? "") \($0[1].text ?? "")" }) == wantSchool)
        // The issue's example: 城关镇第二小学 has 51.2 pupils per class against 45.
        let second = try #require(rows.first { $0[0].text == "青石县城关镇第二小学" })
        #expect(abs((second[2].double ?? 0) - 51.2) < 0.05)
        #expect(wantClass.contains("青石县城关镇第二小学 primary") && wantSchool.contains("青石县实验小学 primary"))
    }

    /// A small return worked by hand: 2,100 pupils in 42 classes is 50 a class, over the primary 45,
    /// and over the 2,000 a primary school may have; 450 in 10 is 45, at the limit, so met; a junior
    /// school's 1,500 in 30 is 50, at its limit. Books per pupil: 城区 42,000 / 2,100 = 20, 乡村
    /// 13,500 / 450 = 30, so the primary gap is 30 / 20 = 1.5, 乡村 highest.
    @Test func scaleAndAreasOfASmallReturnWorkedByHand() throws {
        let warehouse = try Self.ingest(csv: [
            "学校标识码,学校名称,办学类型,城乡分类,统计年度,在校学生数,班级数,图书册数",
            "3603219901,甲小学,小学,城区,2024,2100,42,42000",
            "3603219902,乙小学,小学,乡村,2024,450,10,13500",
            "3603219903,丙中学,初中,镇区,2024,1500,30,60000",
        ])
        let scale = try Self.rows(warehouse, """
            SELECT school_name, students_per_class, class_size_limit, class_size_met, school_students, school_size_limit, school_size_met
            FROM school_scale ORDER BY school_code
            """).map { row in (0..<7).map { index in row[index].text ?? row[index].double.map { String(format: "%g", $0) } ?? "NULL" } }
        #expect(scale == [["甲小学", "50", "45", "0", "2100", "2000", "0"], ["乙小学", "45", "45", "1", "450", "2000", "1"],
                          ["丙中学", "50", "50", "1", "1500", "2500", "1"]])
        let gap = try #require(try Self.rows(warehouse, """
            SELECT areas, highest_area, highest_mean, lowest_area, lowest_mean, ratio FROM urban_rural_gaps
            WHERE stage = 'primary' AND indicator = 'books_per_student'
            """).first)
        #expect(gap[0].int == 2 && gap[1].text == "乡村" && gap[2].double == 30 && gap[3].text == "城区" && gap[4].double == 20)
        #expect(gap[5].double == 1.5)
        // One area only: a mean, no gap.
        #expect(try Self.rows(warehouse, "SELECT area, mean FROM urban_rural_means WHERE stage = 'junior' AND indicator = 'books_per_student'")
            .map { "\($0[0].text ?? "") \($0[1].double ?? 0)" } == ["镇区 40.0"])
        #expect(try Self.rows(warehouse, "SELECT count(*) FROM urban_rural_gaps WHERE stage = 'junior'").first?[0].int == 0)
    }

    // MARK: Point 8: plan targets

    /// The plan figures no county sheet gives, computed from TRUTH's counted parts: books per pupil
    /// and the share of teachers with the stage's required degree.
    @Test func planTargetsAreComputedFromTheSchoolsAndAPlanCanSetItsOwn() throws {
        let parts = try BalanceViewTests.truthParts().filter { !BalanceViewTests.excluded($0) }
        func share(_ stage: String, _ numerator: String, _ denominator: String) -> (Double, Int) {
            let counted = parts.filter { $0.stage == stage && $0.values[numerator] != nil && ($0.values[denominator] ?? 0) > 0 }
            let top = counted.compactMap { $0.values[numerator] }.reduce(0, +)
            return (top / counted.compactMap { $0.values[denominator] }.reduce(0, +), counted.count)
        }
        let want = [
            "primary_books_per_student": share("primary", "books", "students"),
            "junior_books_per_student": share("junior", "books", "students"),
            "primary_teachers_college_share": share("primary", "teachers_above_required_degree", "full_time_teachers"),
            "junior_teachers_bachelor_share": share("junior", "teachers_above_required_degree", "full_time_teachers"),
        ]
        // The issue's figure: the sample county's primary books per pupil are 28.19, under the plan's 30.
        #expect(abs((want["primary_books_per_student"]?.0 ?? 0) - 28.19) < 0.005)

        var standards = Self.standards
        standards.countyPlans = ["360321": ["primary_teachers_college_share": 0.95]]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-plans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let warehouse = try Warehouse(path: folder.appendingPathComponent("warehouse.sqlite").path)
        let options = Ingest.Options(inputs: SampleWarehouseTests.sampleInputs, county: "360321")
        _ = try Ingest(options: options, catalogue: BalanceViewTests.catalogue, standards: standards, warehouse: warehouse).run()
        let rows = try Self.rows(warehouse, """
            SELECT indicator, value, target, met, computed_from_schools, cell, target_source FROM county_targets
            WHERE county_code = '360321' AND computed_from_schools IS NOT NULL ORDER BY indicator
            """)
        #expect(rows.map { $0[0].text ?? "" } == want.keys.sorted())
        for row in rows {
            let id = row[0].text ?? ""
            let (value, schools) = try #require(want[id])
            let target = standards.countyPlans["360321"]?[id] ?? standards.countyTargets.first { $0.indicator == id }?.target
            #expect(abs((row[1].double ?? 0) - value) < 1e-9, "\(id)")
            #expect(row[2].double == target, "\(id)")
            #expect(row[3].int == ((value >= (target ?? 0)) ? 1 : 0), "\(id)")
            #expect(row[4].int == Int64(schools) && row[5].text == nil, "\(id)")
            #expect(row[6].text == (standards.countyPlans["360321"]?[id] == nil ? "standards" : "county_plan"), "\(id)")
        }
        // 91.8% of primary teachers hold the degree: the national 70% is met, this plan's 95% is not.
        #expect(rows.first { $0[0].text == "primary_teachers_college_share" }?[3].int == 0)
    }

    /// A county sheet that gives a plan figure wins over the figure computed from the schools.
    @Test func aCountySheetsPlanFigureIsTakenBeforeTheComputedOne() throws {
        let warehouse = try Self.ingest(files: [
            "县级指标.csv": ["青石县2024年县级指标", "县(区),青石县", "行政区划代码,360321", "统计年度,2024",
                           "小学专任教师专科及以上学历比例（%）,85.5", "初中生均图书（册）,41.2"],
            "甲乡2024.csv": [
                "学校标识码,学校名称,办学类型,统计年度,在校学生数,专任教师数,专科及以上学历教师数,图书册数",
                "3603219801,甲小学,小学,2024,500,30,28,14000",
                "3603219802,乙小学,小学,2024,300,20,19,9600",
            ],
        ])
        let rows = try Self.rows(warehouse, """
            SELECT indicator, value, computed_from_schools, sheet, cell FROM county_targets WHERE year = 2024 ORDER BY indicator
            """)
        let got = rows.map { row in
            "\(row[0].text ?? "") \(row[1].double.map { String(format: "%.4f", $0) } ?? "NULL") \(row[2].int.map(String.init) ?? "-") \(row[4].text ?? "-")"
        }
        // Primary books: (14,000 + 9,600) / 800 = 29.5, computed from 2 schools; the others from the sheet.
        #expect(got == ["junior_books_per_student 41.2000 - B6", "primary_books_per_student 29.5000 2 -",
                        "primary_teachers_college_share 0.8550 - B5"])
    }

    // MARK: Point 9: urban and rural

    @Test func urbanAndRuralMeansAndTheirGapEqualAnIndependentComputation() throws {
        let warehouse = try BalanceViewTests.ingestSamples()
        // The areas as the returns wrote them (not every return has 城乡分类).
        let areas = Dictionary(uniqueKeysWithValues: try Self.rows(warehouse, "SELECT code, urban_rural FROM schools WHERE urban_rural IS NOT NULL")
            .compactMap { row in row[0].text.flatMap { code in row[1].text.map { (code, $0) } } })
        #expect(Set(areas.values) == ["城区", "镇区", "乡村"])
        let parts = try BalanceViewTests.truthParts().filter { !BalanceViewTests.excluded($0) && areas[$0.code] != nil }
        let means = try Self.rows(warehouse, "SELECT stage, indicator, area, schools, students, mean FROM urban_rural_means WHERE county_code = '360321'")
        var compared = 0
        for stage in ["primary", "junior"] {
            for id in Self.standards.basicIndicators {
                var byArea: [String: (schools: Int, students: Double, sum: Double)] = [:]
                for part in parts where part.stage == stage {
                    guard let value = BalanceViewTests.indicator(id, of: part), let students = part.values["students"], let area = areas[part.code] else { continue }
                    byArea[area, default: (0, 0, 0)].schools += 1
                    byArea[area, default: (0, 0, 0)].students += students
                    byArea[area, default: (0, 0, 0)].sum += students * value
                }
                for (area, total) in byArea {
                    let row = try #require(means.first { $0[0].text == stage && $0[1].text == id && $0[2].text == area }, "\(stage) \(id) \(area)")
                    #expect(row[3].int == Int64(total.schools) && row[4].double == total.students)
                    #expect(abs((row[5].double ?? 0) - total.sum / total.students) <= 1e-9 * total.sum / total.students, "\(stage) \(id) \(area)")
                    compared += 1
                }
                guard byArea.count >= 2 else { continue }
                let sorted = byArea.map { ($0.key, $0.value.sum / $0.value.students) }.sorted { $0.1 > $1.1 }
                let gap = try #require(try Self.rows(warehouse, """
                    SELECT highest_area, lowest_area, ratio FROM urban_rural_gaps WHERE county_code = '360321' AND stage = ? AND indicator = ?
                    """, [.text(stage), .text(id)]).first)
                #expect(gap[0].text == sorted.first?.0 && gap[1].text == sorted.last?.0, "\(stage) \(id)")
                #expect(abs((gap[2].double ?? 0) - (sorted.first?.1 ?? 0) / (sorted.last?.1 ?? 1)) < 1e-9, "\(stage) \(id)")
            }
        }
        #expect(compared >= 24)
    }
}
