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
        ("县级以上骨干（含２０２４年新评）", "县级以上骨干(含2024年新评)", nil, false),
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
}
