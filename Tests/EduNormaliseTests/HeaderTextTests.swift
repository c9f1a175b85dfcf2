@testable import EduNormalise
import Testing

/// Header text folded and taken apart before matching.
struct HeaderTextTests {
    static let matcher = CatalogueFixture.matcher

    @Test(arguments: [
        ("學校名稱", "学校名称", nil, false),
        ("在校學生數（人）", "在校学生数", "人", false),
        ("体育运动场（馆）面积（㎡）", "体育运动场(馆)面积", "m2", false),
        ("教学及辅助用房面积(m²)", "教学及辅助用房面积", "m2", false),
        ("教学仪器设备值（万元）", "教学仪器设备值", "万元", false),
        ("教学仪器设备值/万元", "教学仪器设备值", "万元", false),
        ("教学仪器设备值 单位:元", "教学仪器设备值", "元", false),
        ("高于规定\n学历(专科及以上)", "高于规定学历(专科及以上)", nil, false),
        // A bracket opened by 含 says what the figure includes: kept apart from the words (clauses below).
        ("县级以上骨干（含２０２４年新评）", "县级以上骨干", nil, false),
        ("現(xiàn)代化教學班數", "现代化教学班数", nil, false),
        ("1、在校学生数", "在校学生数", nil, false),
        ("（一）专任教师", "专任教师", nil, false),
        ("①图书（册）", "图书", "册", false),
        ("二、办学条件", "办学条件", nil, false),
        ("其中:女", "女", nil, true),
        ("其中：专科及以上学历（人）", "专科及以上学历", "人", true),
        ("　学 校 名 称　", "学校名称", nil, false),
        ("1.5倍", "1.5倍", nil, false),
    ] as [(String, String, String?, Bool)])
    func folds(raw: String, core: String, unit: String?, ofWhich: Bool) {
        let text = Self.matcher.headerText(raw)
        #expect(text.core == core)
        #expect(text.unitSpelling == unit)
        #expect(text.isOfWhich == ofWhich)
    }

    /// Brackets (or a comma's tail) opened by 含/包括/包含 or 不含/不包括/除…外 are taken out of the
    /// words and kept, with their kind, for the matcher; (含) alone makes a bound inclusive.
    @Test(arguments: [
        ("县级及以上骨干教师（含市级、省级）", "县级及以上骨干教师", nil, ["including 市级、省级"]),
        ("縣級及以上骨幹教師\n（含市級、省級）", "县级及以上骨干教师", nil, ["including 市级、省级"]),
        ("县级以上骨干教师（不包括市级、省级）", "县级以上骨干教师", nil, ["excluding 市级、省级"]),
        ("县级以上骨干教师(除省级外)", "县级以上骨干教师", nil, ["excluding 省级"]),
        ("县级以上骨干教师，含市级、省级", "县级以上骨干教师", nil, ["including 市级、省级"]),
        ("在校学生数（不含附设幼儿班）（人）", "在校学生数", "人", ["excluding 附设幼儿班"]),
        ("在校学生数（人）（包括附设学前班）", "在校学生数", "人", ["including 附设学前班"]),
        ("县级（含）以上骨干教师", "县级及以上骨干教师", nil, []),
        ("专科（含）以上学历", "专科及以上学历", nil, []),
        ("45岁以下(含)", "45岁及以下", nil, []),
        ("高于规定学历（小学专科及以上，初中本科及以上）", "高于规定学历(小学专科及以上,初中本科及以上)", nil, []),
        ("含水率", "含水率", nil, []),
        ("除草面积", "除草面积", nil, []),
    ] as [(String, String, String?, [String])])
    func takesClausesApart(raw: String, core: String, unit: String?, clauses: [String]) {
        let text = Self.matcher.headerText(raw)
        #expect(text.core == core)
        #expect(text.unitSpelling == unit)
        #expect(text.clauses.map { "\($0.kind == .including ? "including" : "excluding") \($0.words)" } == clauses)
    }
}
