import EduNormalise
import EduWarehouse

/// The words the reports use for what migration 006's views judge and leave open: CVs reported
/// but not judged, a composite that cannot be computed and why, the field that fed the required
/// degree, county figures computed from the schools, class and school size, urban and rural areas.
extension ReportLabels {
    /// 是否达标 of a basic indicator's CV under the 2012 standard, which judges only the composite.
    public static let notJudged = "不单独判定"
    /// 是否达标 of a judged CV without a value (a composite over fewer indicators than the standard's).
    public static let cannotCompute = "无法计算"
    public static let noteColumn = "说明"
    public static let missingColumn = "缺少数据的指标"
    public static let degreeColumn = "高于规定学历的口径"
    public static let sourceColumn = "来源"
    public static let areaOrder: [UrbanRuralArea] = [.urban, .town, .rural]

    /// What a CV's 是否达标 cell says: 不单独判定 for a CV the standard does not judge, 无法计算 for a
    /// judged one without a value, else 是 or 否.
    public static func verdict(_ row: CountySummary.BalanceRow) -> String {
        guard row.judged else { return notJudged }
        guard row.cv != nil else { return cannotCompute }
        return yesNo(row.cvMet)
    }

    /// The catalogue fields the indicators divide, named as the returns head them.
    public static let fields: [String: String] = [
        "students": "在校生数", "teaching_aux_area": "教学及辅助用房面积", "sports_area": "体育运动场馆面积",
        "equipment_value": "教学仪器设备值", "computers": "教学用计算机台数", "books": "图书册数", "full_time_teachers": "专任教师数",
        "teachers_above_required_degree": "高于规定学历教师数", "teachers_college_degree": "专科及以上学历教师数",
        "teachers_bachelor_degree": "本科及以上学历教师数", "teachers_mid_senior_title": "中级及以上专业技术职务教师数",
        "backbone_teachers": "县级以上骨干教师数", "pe_arts_teachers": "体育、艺术专任教师数", "multimedia_classrooms": "网络多媒体教室数",
        "classes": "班级数",
    ]

    /// A catalogue field's Chinese name, or its id.
    public static func field(_ id: String) -> String { fields[id] ?? id }

    /// One reason the composite has no value: 生均图书册数（册）：没有学校填报图书册数.
    public static func compositeGap(_ gap: CompositeGap) -> String {
        let name = gap.indicator.isEmpty ? "" : indicator(gap.indicator).label + "："
        switch gap.reason {
        case .noSchoolReported(let field): return name + "没有学校填报" + Self.field(field)
        case .meanIsZero: return name + "各校均值为0，差异系数无法计算"
        case .other(let text): return name + text
        }
    }

    /// The field that fed the teachers above the required degree, as a report names it.
    public static func degreeField(_ field: RequiredDegreeField) -> String {
        switch field {
        case .collegeDegree: return "专科及以上学历"
        case .bachelorDegree: return "本科及以上学历"
        case .aboveRequiredDegree: return "报表“高于规定学历”栏"
        }
    }

    /// The degree a stage requires (INDICATORS.md): 专科及以上 for primary, 本科及以上 for junior.
    public static func requiredDegree(_ stage: Stage) -> String? {
        switch stage {
        case .primary: return "专科及以上"
        case .junior: return "本科及以上"
        default: return nil
        }
    }

    /// How a county figure is shown: a rate as a percentage, a per-pupil figure as a number.
    public enum CountyFigureKind: Sendable, Equatable {
        case rate
        case perStudent(decimals: Int)
    }

    /// The county figures that are per pupil; every other county figure is a rate.
    public static let perStudentFigures: Set<String> = ["primary_books_per_student", "junior_books_per_student"]

    public static func countyFigureKind(_ id: String) -> CountyFigureKind {
        perStudentFigures.contains(id) ? .perStudent(decimals: 2) : .rate
    }

    /// Where a county figure comes from: 县级报表 with its file and cell, or 由25所学校计算.
    public static func source(_ source: CountySummary.TargetRow.Source) -> String {
        switch source {
        case .countySheet(let file, let sheet, let cell): return "县级报表（\(file)，\(sheet)!\(cell)）"
        case .computed(let schools): return "由\(schools)所学校计算"
        }
    }

    /// 班额, 学校规模.
    public static func scaleKind(_ kind: CountyReport.ScaleBreach.Kind) -> String {
        switch kind {
        case .classSize: return "班额"
        case .schoolSize: return "学校规模"
        }
    }
}

extension ReportLabels {
    /// What the CV tables say about judging.
    public static let judgedNote = "基本均衡（2012年办法）只判定综合差异系数，各项指标的差异系数列出备查，不单独判定；"
        + "优质均衡（2017年办法）每项差异系数分别判定。综合差异系数须由全部基本均衡指标计算，缺少任何一项即无法计算。"
}

extension ReportLabels {
    public static let degreeNote = "高于规定学历：小学为专科及以上学历，初中为本科及以上学历；“高于规定学历的口径”说明各校数据取自哪一栏。"
    public static let undecidedNote = "优质均衡是否达标为“无法判定”的，是缺少的数据仍可能改变结论的学校。"
    public static let missingFiguresNote = "缺少数据的学校：已知数据已足以判定不达标的（某项低于最低标准的规定比例，或即使缺少的各项都达标也达不到规定项数），"
        + "列为不达标并注明缺少哪些数据；其余为“无法判定”，不列入本表。"
}
