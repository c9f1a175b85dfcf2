import EduCore
import EduReports
import EduWarehouse
import Foundation
import Testing

/// Issue 13 on the report side, what is judged: under the 2012 standard only the composite CV,
/// each basic CV reported but 不单独判定; a composite missing any of its CVs 无法计算, saying why;
/// a school that fails whatever its missing figures are listed as failing with those figures
/// named, 无法判定 only where they could still decide; the field that fed the required degree.
/// Every figure expected here is computed from SampleInputs/TRUTH.json (Truth.swift) or by hand,
/// and each is checked in the four formats.
@Suite("County report: what is judged")
struct CountyReportJudgementTests {
    static func export(_ format: ReportFormat, _ summary: CountySummary, in folder: ScratchFolder) throws -> [String] {
        let county = try SampleCounty.get()
        return try CountyReportExporter(folder: folder.url.path, formats: [format]).export(county.report(summary))
    }

    static func json(_ summary: CountySummary) throws -> [String: Any] {
        let county = try SampleCounty.get()
        let text = JSONCountyReport.text(county.report(summary))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A section of the page, from its opening tag to the next </section>.
    static func section(_ page: String, _ id: String) throws -> Substring {
        let start = try #require(page.range(of: "<section id=\"\(id)\">"))
        let end = try #require(page.range(of: "</section>", range: start.upperBound..<page.endIndex))
        return page[start.lowerBound..<end.upperBound]
    }

    /// Per stage, each basic indicator's CV and the composite (their mean), from TRUTH.json.
    static func truthCVs(_ stage: String) throws -> (basic: [String: Double], composite: Double) {
        let parts = Truth.counted(try Truth.get().county, stage)
        var basic: [String: Double] = [:]
        for indicator in Truth.basicIndicators {
            basic[indicator.id] = try #require(Truth.weighted(parts) { $0.perStudent(indicator.field, scale: indicator.scale) }).cv
        }
        return (basic, basic.values.reduce(0, +) / Double(basic.count))
    }

    static let limits: [String: (basic: Double, quality: Double)] = ["primary": (0.65, 0.50), "junior": (0.55, 0.45)]

    // MARK: The CVs

    @Test func basicCVsAreReportedNotJudgedAndTheCompositeIsJudged() throws {
        let county = try SampleCounty.get()
        let folder = try ScratchFolder()
        let xlsx = try Self.export(.xlsx, county.summary, in: folder)[0]
        let csv = try ReadTable.csv(try #require(try Self.export(.csv, county.summary, in: folder).first { $0.contains("county-balance") }))
        for (stage, sheet) in [("primary", "小学差异系数"), ("junior", "初中差异系数")] {
            let truth = try Self.truthCVs(stage)
            let limit = try #require(Self.limits[stage])
            let table = try ReadTable.sheet(xlsx, sheet)
            for (id, cv) in truth.basic {
                let row = try #require(table.rows.first { ReadTable.text($0["指标代码"]) == id && ReadTable.text($0["标准"]) == "基本均衡" })
                #expect(abs(try #require(ReadTable.number(row["差异系数"])) - cv) < 1e-9, "\(stage) \(id)")
                #expect(ReadTable.number(row["标准值"]) == limit.basic)
                #expect(ReadTable.text(row["是否达标"]) == "不单独判定", "\(stage) \(id)")
                let line = try #require(csv.rows.first {
                    ReadTable.text($0["指标代码"]) == id && ReadTable.text($0["学段代码"]) == stage && ReadTable.text($0["标准代码"]) == "basic"
                })
                #expect(ReadTable.text(line["是否达标"]) == "不单独判定")
                #expect(ReadTable.text(line["差异系数"]) == String(format: "%.4f", cv))
            }
            // 0.1811 (primary) and 0.1241 (junior) in TRUTH.json's reference, both within their limits.
            #expect(truth.composite <= limit.basic)
            let composite = try #require(table.rows(where: "指标代码", is: "composite").first)
            #expect(abs(try #require(ReadTable.number(composite["差异系数"])) - truth.composite) < 1e-9)
            #expect(ReadTable.text(composite["是否达标"]) == "是")
            let line = try #require(csv.rows.first { ReadTable.text($0["指标代码"]) == "composite" && ReadTable.text($0["学段代码"]) == stage })
            #expect(ReadTable.text(line["是否达标"]) == "是")
            // Every quality CV is judged, each within its limit in the sample.
            let quality = table.rows.filter { ReadTable.text($0["标准"]) == "优质均衡" }
            #expect(quality.count == 7)
            #expect(quality.allSatisfy { ReadTable.text($0["是否达标"]) == "是" })
            #expect(table.notes.contains { $0.contains("只判定综合差异系数") })
        }

        // HTML: the basic CVs marked in the table, and the cards count only the judged CVs: the
        // composite and the 7 quality CVs, all 8 met in each stage.
        let page = try String(contentsOfFile: try Self.export(.html, county.summary, in: folder)[0], encoding: .utf8)
        let cv = try Self.section(page, "cv")
        #expect(cv.components(separatedBy: "<td class=\"unjudged\">不单独判定</td>").count - 1 == 16)
        #expect(page.components(separatedBy: "<dt>差异系数达标</dt><dd>8 / 8 项").count - 1 == 2)
        #expect(!page.contains("基本均衡差异系数达标"))

        // JSON: judged and cv_met.
        let balance = try #require(try Self.json(county.summary)["balance"] as? [[String: Any]])
        for entry in balance {
            let basic = entry["standard"] as? String == "basic" && entry["indicator"] as? String != "composite"
            #expect(entry["judged"] as? Bool == !basic)
            if basic { #expect(entry["cv_met"] is NSNull) } else { #expect(entry["cv_met"] as? Bool == true) }
        }
    }

    /// 东湖区's return gives no teaching space, sports ground, computers, degrees or titles
    /// (TRUTH.json's district has no such counts), so 5 of the 8 basic CVs are missing and the
    /// composite cannot be computed: each format says so and names the five, in Chinese.
    @Test func aCompositeMissingCVsCannotBeComputedAndSaysWhy() throws {
        let county = try SampleCounty.get()
        let truth = try Truth.get()
        let reported = Set(truth.district.flatMap { $0.counts.keys })
        let missing = Truth.basicIndicators.filter { !reported.contains($0.field) }
        #expect(missing.map(\.field) == ["teaching_aux_area", "sports_area", "computers", "teachers_above_required_degree", "teachers_mid_senior_title"])
        let names = ["教学及辅助用房面积", "体育运动场馆面积", "教学用计算机台数", "高于规定学历教师数", "中级及以上专业技术职务教师数"]
        let note = "综合差异系数无法计算：基本均衡8项指标中5项没有差异系数（"
            + zip(missing, names).map { "\(ReportLabels.label($0.id))：没有学校填报\($1)" }.joined(separator: "；") + "）"

        let folder = try ScratchFolder()
        let xlsx = try Self.export(.xlsx, county.district, in: folder)[0]
        let csv = try ReadTable.csv(try #require(try Self.export(.csv, county.district, in: folder).first { $0.contains("county-balance") }))
        for (stage, sheet) in [("primary", "小学差异系数"), ("junior", "初中差异系数")] {
            let composite = try #require(try ReadTable.sheet(xlsx, sheet).rows(where: "指标代码", is: "composite").first)
            #expect(composite["差异系数"] == nil)
            #expect(ReadTable.text(composite["是否达标"]) == "无法计算")
            #expect(ReadTable.text(composite["说明"]) == note)
            let line = try #require(csv.rows.first { ReadTable.text($0["指标代码"]) == "composite" && ReadTable.text($0["学段代码"]) == stage })
            #expect(ReadTable.text(line["差异系数"]) == nil && ReadTable.text(line["是否达标"]) == "无法计算")
            #expect(ReadTable.text(line["说明"]) == note)
        }

        // HTML: the cards say 无法计算; the judged CVs are the composite (not met) and equipment
        // per pupil, the one quality CV the district has, within its limit (computed below).
        let page = try String(contentsOfFile: try Self.export(.html, county.district, in: folder)[0], encoding: .utf8)
        #expect(page.components(separatedBy: "<dt>综合差异系数</dt><dd class=\"big bad\">无法计算").count - 1 == 2)
        for stage in ["primary", "junior"] {
            let equipment = try #require(Truth.weighted(Truth.counted(truth.district, stage)) { $0.perStudent("equipment_value") })
            #expect(equipment.cv <= (Self.limits[stage]?.quality ?? 0), "\(stage): \(equipment.cv)")
        }
        #expect(page.components(separatedBy: "<dt>差异系数达标</dt><dd>1 / 2 项").count - 1 == 2)
        #expect(page.contains("小学" + note + "。"))

        // JSON: the composite's cv and cv_met are null, it is judged, and composite_gaps name the five.
        let balance = try #require(try Self.json(county.district)["balance"] as? [[String: Any]])
        let composites = balance.filter { $0["indicator"] as? String == "composite" }
        #expect(composites.count == 2)
        for entry in composites {
            #expect(entry["cv"] is NSNull && entry["cv_met"] is NSNull && entry["judged"] as? Bool == true)
            let gaps = try #require(entry["composite_gaps"] as? [[String: String]])
            #expect(gaps.map { $0["indicator"] ?? "" } == missing.map(\.id))
            #expect(gaps.map { $0["field"] ?? "" } == missing.map(\.field))
            #expect(gaps.allSatisfy { $0["reason"] == "no_school_reported" })
        }
    }

    /// The headline the terminal and the pipeline log show.
    @Test func theHeadlineSaysTheCompositeCannotBeComputed() throws {
        let county = try SampleCounty.get()
        #expect(county.report(county.district).headline.hasPrefix(
            "东湖区 360392, 2024: 小学 综合差异系数无法计算 (5 of 8 CVs missing), 初中 综合差异系数无法计算 (5 of 8 CVs missing)"))
    }

    // MARK: Compliance

    /// 青石镇高坪教学点 writes —, / and 无 for its title, backbone, PE/arts and multimedia figures
    /// (青石镇…xlsx, 基本情况!J12, K12, L12, R12), read as 0 (`empty_markers: zero`), so its compliance is
    /// known: 3 of 7 met, and its equipment, 25,745 元 for 23 pupils, is 56% of 2,000. It is listed
    /// with no figure missing; the district's parts below show the listing of missing figures.
    @Test func aSchoolWhoseMarkersAreZerosFailsWithNoFigureMissing() throws {
        let county = try SampleCounty.get()
        let truth = try Truth.get()
        let failing = truth.county.filter { Truth.complies($0) == false }
        let expected = Set(failing.map { "\($0.code)|\($0.stage)" })
        #expect(expected.count == 20)
        #expect(expected.contains("3603210062|primary"))

        let folder = try ScratchFolder()
        let sheet = try ReadTable.sheet(try Self.export(.xlsx, county.summary, in: folder)[0], "未达标学校")
        #expect(Set(sheet.rows.compactMap { row in ReadTable.text(row["学校标识码"]).map { "\($0)|\(ReadTable.text(row["学段代码"]) ?? "")" } })
            == expected)
        let gaoping = sheet.rows(where: "学校标识码", is: "3603210062")
        #expect(gaoping.count == 4)  // backbone, PE/arts and multimedia at 0, and equipment at 56%: below 85% each
        for row in gaoping {
            #expect(ReadTable.text(row["缺少数据的指标"]) == nil)
            #expect(ReadTable.text(row["达标指标数"]) == "3/7")
            let reason = try #require(ReadTable.text(row["未达标原因"]))
            #expect(reason == "7项中达标3项（少于6项）；百生骨干教师、百生体艺教师、生均仪器设备值、百生多媒体教室不足最低标准的85%", "\(reason)")
        }
        let equipment = try #require(gaoping.first { ReadTable.text($0["指标代码"]) == "equipment_value_per_student" })
        #expect(ReadTable.number(equipment["实际值"]).map { abs($0 - 25_745.0 / 23) < 1e-6 } == true)
    }

    /// 东湖区 gives equipment alone of the seven quality figures: a part whose equipment per pupil
    /// is below 85% of its minimum fails whatever the six others are; every other part is 无法判定.
    @Test func undecidedOnlyWhereTheMissingFiguresCouldStillDecide() throws {
        let county = try SampleCounty.get()
        let truth = try Truth.get()
        let parts = truth.district.filter { $0.stage == "primary" || $0.stage == "junior" }
        let failing = Set(parts.filter { Truth.complies($0) == false }.map { "\($0.code)|\($0.stage)" })
        let undecided = Set(parts.filter { Truth.complies($0) == nil }.map { "\($0.code)|\($0.stage)" })
        #expect(failing.count == 7 && undecided.count == 27 && parts.count == 34)

        let folder = try ScratchFolder()
        let paths = try Self.export(.csv, county.district, in: folder)
        let compliance = try ReadTable.csv(try #require(paths.first { $0.contains("school-compliance") }))
        let listed = Set(compliance.rows.map { "\(ReadTable.text($0["学校标识码"]) ?? "")|\(ReadTable.text($0["学段代码"]) ?? "")" })
        #expect(listed == failing)
        let sixMissing = "百生高学历教师、百生骨干教师、百生体艺教师、生均教学及辅助用房、生均体育运动场馆、百生多媒体教室"
        #expect(compliance.rows.allSatisfy { ReadTable.text($0["缺少数据的指标"]) == sixMissing })
        #expect(compliance.rows.allSatisfy { ReadTable.text($0["指标代码"]) == "equipment_value_per_student" })
        let schools = try ReadTable.csv(try #require(paths.first { $0.contains("school-indicators") }))
        for row in schools.rows {
            let key = "\(ReadTable.text(row["学校标识码"]) ?? "")|\(ReadTable.text(row["学段代码"]) ?? "")"
            let verdict = ReadTable.text(row["优质均衡是否达标"])
            #expect(verdict == (failing.contains(key) ? "否" : undecided.contains(key) ? "无法判定" : "?"), "\(key)")
            #expect(ReadTable.text(row["达标指标数"])?.hasSuffix("/7（缺6项）") == true)
        }

        let xlsx = try ReadTable.sheet(try Self.export(.xlsx, county.district, in: folder)[0], "未达标学校")
        #expect(Set(xlsx.rows.map { "\(ReadTable.text($0["学校标识码"]) ?? "")|\(ReadTable.text($0["学段代码"]) ?? "")" }) == failing)
        #expect(xlsx.notes.contains("另有27个学校（学段）数据不全、无法判定，见各校指标。"))

        let page = try String(contentsOfFile: try Self.export(.html, county.district, in: folder)[0], encoding: .utf8)
        let section = try Self.section(page, "noncompliant")
        let failingCodes = Set(failing.map { String($0.prefix(10)) })
        for code in failingCodes { #expect(section.contains(">\(code)<"), "\(code)") }
        for code in Set(undecided.map { String($0.prefix(10)) }).subtracting(failingCodes) {
            #expect(!section.contains(">\(code)<"), "\(code)")
        }
        let primaryUndecided = undecided.filter { $0.hasSuffix("|primary") }.count
        #expect(page.contains("\(primaryUndecided) 所数据不全无法判定"))

        let entries = try #require(try Self.json(county.district)["compliance"] as? [[String: Any]])
        #expect(entries.count == 34)
        for entry in entries {
            let key = "\(entry["school_code"] as? String ?? "")|\(entry["stage"] as? String ?? "")"
            if failing.contains(key) { #expect(entry["complies"] as? Bool == false, "\(key)") } else { #expect(entry["complies"] is NSNull, "\(key)") }
            #expect(entry["indicators_missing"] as? Int == 6)
            #expect((entry["missing"] as? [String])?.count == 6)
        }
    }

    // MARK: The required degree

    /// The sample's returns head the column 高于规定学历 (some with （专科及以上） or （本科及以上） beside it),
    /// which the catalogue reads as teachers_above_required_degree, except 龙潭镇中心小学's form, whose
    /// label is 其中：专科及以上学历 (teachers_college_degree): every school says which, and the degree
    /// CVs count them with the stage's required degree. Two more schools set here by hand show the count.
    @Test func theRequiredDegreeSaysWhichFieldFedIt() throws {
        let county = try SampleCounty.get()
        let truth = try Truth.get()
        let counted = (primary: Truth.counted(truth.county, "primary").count, junior: Truth.counted(truth.county, "junior").count)
        #expect(counted == (25, 9))
        let folder = try ScratchFolder()
        let xlsx = try Self.export(.xlsx, county.summary, in: folder)[0]
        let schools = try ReadTable.sheet(xlsx, "学校指标")
        #expect(schools.rows.count == 38)
        for row in schools.rows {
            let code = ReadTable.text(row["学校标识码"])
            #expect(ReadTable.text(row["高于规定学历的口径"]) == (code == "3603210107" ? "专科及以上学历" : "报表“高于规定学历”栏"), "\(code ?? "")")
        }
        let primary = try ReadTable.sheet(xlsx, "小学差异系数")
        for id in ["teachers_above_required_degree_per_student", "teachers_above_required_degree_per_100_students"] {
            #expect(ReadTable.text(primary.rows(where: "指标代码", is: id).first?["说明"])
                == "高于规定学历的口径：专科及以上学历 1所，报表“高于规定学历”栏 24所（小学规定学历为专科及以上）")
        }
        #expect(ReadTable.text(try ReadTable.sheet(xlsx, "初中差异系数").rows(where: "指标代码", is: "teachers_above_required_degree_per_student")
            .first?["说明"]) == "高于规定学历的口径：报表“高于规定学历”栏 9所（初中规定学历为本科及以上）")

        var summary = county.summary
        let first = try #require(summary.schools.firstIndex { $0.schoolCode == "3603210016" && $0.stage == .primary })
        let second = try #require(summary.schools.firstIndex { $0.schoolCode == "3603210037" && $0.stage == .junior })
        summary.schools[first].requiredDegreeField = .collegeDegree
        summary.schools[second].requiredDegreeField = .bachelorDegree
        let primaryNote = "高于规定学历的口径：专科及以上学历 2所，报表“高于规定学历”栏 23所（小学规定学历为专科及以上）"
        let edited = try ReadTable.sheet(try Self.export(.xlsx, summary, in: folder)[0], "学校指标")
        #expect(ReadTable.text(edited.rows(where: "学校标识码", is: "3603210016").first?["高于规定学历的口径"]) == "专科及以上学历")
        #expect(ReadTable.text(edited.rows(where: "学校标识码", is: "3603210037").first?["高于规定学历的口径"]) == "本科及以上学历")
        let csv = try ReadTable.csv(try #require(try Self.export(.csv, summary, in: folder).first { $0.contains("county-balance") }))
        #expect(ReadTable.text(csv.rows.first {
            ReadTable.text($0["指标代码"]) == "teachers_above_required_degree_per_student" && ReadTable.text($0["学段代码"]) == "primary"
        }?["说明"]) == primaryNote)
        let page = try String(contentsOfFile: try Self.export(.html, summary, in: folder)[0], encoding: .utf8)
        #expect(page.contains("小学" + primaryNote + "。"))
        #expect(page.contains("初中高于规定学历的口径：本科及以上学历 1所，报表“高于规定学历”栏 8所（初中规定学历为本科及以上）。"))
        let entries = try #require(try Self.json(summary)["schools"] as? [[String: Any]])
        #expect(entries.first { $0["school_code"] as? String == "3603210016" }?["required_degree_field"] as? String == "teachers_college_degree")
        #expect(entries.first { $0["school_code"] as? String == "3603210037" }?["required_degree_field"] as? String == "teachers_bachelor_degree")
        #expect(entries.first { $0["school_code"] as? String == "3603210107" }?["required_degree_field"] as? String == "teachers_college_degree")
        #expect(entries.filter { $0["required_degree_field"] as? String == "teachers_above_required_degree" }.count == 35)
    }
}
