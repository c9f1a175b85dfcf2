import EduNormalise
import EduStandards
import Foundation

/// The Chinese names the reports show for the warehouse's canonical ids (indicators, standards,
/// stages, column titles), with each indicator's unit and the decimals it is shown with. Ids
/// the table does not know are shown as they are, never dropped.
public enum ReportLabels {
    /// A county before its year in a title: 青石县（360321）, or the code and a space where the
    /// warehouse has no name (990101 2024年…, never 9901012024年…).
    public static func countyHeading(name: String?, code: String) -> String {
        name.map { "\($0)（\(code)）" } ?? "\(code) "
    }

    /// How an indicator is named and shown.
    public struct Indicator: Sendable, Equatable {
        /// The name without its unit: 生均教学及辅助用房面积.
        public var name: String
        /// The unit shown after the name, nil for none: ㎡, 元, 台, 册, 人, 间.
        public var unit: String?
        /// Places after the decimal point in tables (the CSV writes values rounded to these).
        public var decimals: Int
        /// A short name for chart titles and narrow columns.
        public var shortName: String

        /// The name with its unit in full-width brackets: 生均教学及辅助用房面积（㎡）.
        public var label: String {
            unit.map { "\(name)（\($0)）" } ?? name
        }
    }

    /// Per-school indicators (ids of the school_indicators view). Teachers per student is what
    /// 师生比 measures (1 teacher : x students), not 生师比 (students per teacher).
    public static let indicators: [String: Indicator] = [
        "teaching_aux_area_per_student": Indicator(name: "生均教学及辅助用房面积", unit: "㎡", decimals: 2, shortName: "生均教学及辅助用房"),
        "sports_area_per_student": Indicator(name: "生均体育运动场馆面积", unit: "㎡", decimals: 2, shortName: "生均体育运动场馆"),
        "equipment_value_per_student": Indicator(name: "生均教学仪器设备值", unit: "元", decimals: 2, shortName: "生均仪器设备值"),
        "computers_per_100_students": Indicator(name: "每百名学生拥有教学用计算机台数", unit: "台", decimals: 2, shortName: "百生计算机"),
        "books_per_student": Indicator(name: "生均图书册数", unit: "册", decimals: 2, shortName: "生均图书"),
        "teachers_per_student": Indicator(name: "师生比（每名学生拥有专任教师数）", unit: nil, decimals: 4, shortName: "师生比"),
        "teachers_above_required_degree_per_student": Indicator(name: "生均高于规定学历教师数", unit: "人", decimals: 4,
                                                                 shortName: "生均高学历教师"),
        "teachers_mid_senior_title_per_student": Indicator(name: "生均中级及以上专业技术职务教师数", unit: "人", decimals: 4,
                                                            shortName: "生均中高级职称教师"),
        "teachers_above_required_degree_per_100_students": Indicator(name: "每百名学生拥有高于规定学历教师数", unit: "人",
                                                                      decimals: 2, shortName: "百生高学历教师"),
        "backbone_teachers_per_100_students": Indicator(name: "每百名学生拥有县级及以上骨干教师数", unit: "人", decimals: 2,
                                                         shortName: "百生骨干教师"),
        "pe_arts_teachers_per_100_students": Indicator(name: "每百名学生拥有体育、艺术（美术、音乐）专任教师数", unit: "人",
                                                        decimals: 2, shortName: "百生体艺教师"),
        "multimedia_classrooms_per_100_students": Indicator(name: "每百名学生拥有网络多媒体教室数", unit: "间", decimals: 2,
                                                             shortName: "百生多媒体教室"),
        DerivedIndicator.compositeID: Indicator(name: "综合差异系数", unit: nil, decimals: 4, shortName: "综合差异系数"),
    ]

    /// The indicator's entry, or one made from the id itself (4 decimals) for an id the table lacks.
    public static func indicator(_ id: String) -> Indicator {
        indicators[id] ?? Indicator(name: id, unit: nil, decimals: 4, shortName: id)
    }

    /// The indicator's name with its unit.
    public static func label(_ id: String) -> String { indicator(id).label }

    /// County figures (the county_targets view): the rates named as the catalogue names them, and
    /// the figures the plans set that the view computes from the schools.
    public static let countyRates: [String: String] = [
        "preschool_gross_enrolment_rate": "学前三年毛入园率",
        "compulsory_consolidation_rate": "九年义务教育巩固率",
        "junior_dropout_rate": "初中年辍学率",
        "junior_progression_rate": "初中毕业升学率",
        "disabled_children_enrolment_rate": "残疾儿童少年入学率",
        "migrant_children_enrolment_rate": "外来务工人员随迁子女入学率",
        "primary_books_per_student": "小学生均图书（册）",
        "junior_books_per_student": "初中生均图书（册）",
        "primary_teachers_college_share": "小学专任教师专科及以上学历比例",
        "junior_teachers_bachelor_share": "初中专任教师本科及以上学历比例",
    ]

    /// The county figures in the order the plans list them.
    public static let countyRateOrder = [
        "preschool_gross_enrolment_rate", "compulsory_consolidation_rate", "junior_dropout_rate", "junior_progression_rate",
        "disabled_children_enrolment_rate", "migrant_children_enrolment_rate", "primary_teachers_college_share",
        "junior_teachers_bachelor_share", "primary_books_per_student", "junior_books_per_student",
    ]

    /// A county rate's name, or its id when the table lacks it.
    public static func countyRate(_ id: String) -> String { countyRates[id] ?? id }

    /// 基本均衡 (2012), 优质均衡 (2017).
    public static func standard(_ standard: BalanceStandard) -> String {
        switch standard {
        case .basic: return "基本均衡"
        case .quality: return "优质均衡"
        }
    }

    /// 小学, 初中 (and 高中, 幼儿园, which the balance views leave out, for any table that lists them).
    public static func stage(_ stage: Stage) -> String { stage.chineseName }

    /// 是, 否, or 无法判定 (a value is missing).
    public static func yesNo(_ value: Bool?) -> String {
        switch value {
        case true?: return "是"
        case false?: return "否"
        case nil: return "无法判定"
        }
    }

    /// The reason a school is left out of the county figures, in Chinese. The reasons come from
    /// the standards file, in whatever language it is written; the shipped ones ("教学点 under 50
    /// students", "special-education school") are translated, others are shown as written.
    public static func exclusionReason(_ reason: String) -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "special-education school" { return "特殊教育学校" }
        // "<type> under <n> students"
        let words = trimmed.split(separator: " ")
        if words.count == 4, words[1] == "under", words[3] == "students" || words[3] == "pupils" {
            return "在校生不足\(words[2])人的\(words[0])"
        }
        return trimmed
    }

    // Column titles shared by the exporters.
    public static let indicatorColumn = "指标"
    public static let standardColumn = "标准"
    public static let schoolsColumn = "学校数"
    public static let studentsColumn = "学生数"
    public static let meanColumn = "均值"
    public static let cvColumn = "差异系数"
    public static let cvLimitColumn = "标准值"
    public static let metColumn = "是否达标"
    public static let stageColumn = "学段"
    public static let schoolCodeColumn = "学校标识码"
    public static let schoolNameColumn = "学校名称"
    public static let schoolTypeColumn = "学校类型"
    public static let excludedColumn = "不计入县域统计的原因"
    public static let qualityComplianceColumn = "优质均衡是否达标"
    public static let indicatorsMetColumn = "达标指标数"
    public static let valueColumn = "实际值"
    public static let minimumColumn = "最低标准"
    public static let shortfallColumn = "差额"
    public static let shareColumn = "达到标准的比例"
    public static let failureColumn = "未达标原因"
    public static let idColumn = "指标代码"

    /// Notes every report carries.
    public static let sharedFiguresNote =
        "九年一贯制学校、完全中学等只按全校填报的设施数据（如校舍、运动场馆面积、仪器设备值），已按各学段在校生数分摊到小学部和初中部。"
    public static let excludedNote = "不计入的学校列出但不参加差异系数计算。"
    public static let shortfallNote = "标红：低于优质均衡发展督导评估的学校最低标准。"
}
