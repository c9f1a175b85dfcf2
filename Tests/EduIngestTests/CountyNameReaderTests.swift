@testable import EduIngest
import Testing

/// The county's name read from what the returns write: titles, county-name cells, school names.
struct CountyNameReaderTests {
    @Test(arguments: [
        ("江西省萍乡市莲花县2024年小学教育事业统计表", "莲花县"),
        ("青石县城关镇2024年小学教育事业统计表", "青石县"),
        ("东湖区2024年教育事业统计年报", "东湖区"),
        ("北京市东城区2024年中小学基本情况", "东城区"),
        ("广西壮族自治区南宁市青秀区第一小学", "青秀区"),
        ("新疆维吾尔自治区喀什地区疏附县中学", "疏附县"),
        ("内蒙古自治区阿拉善盟阿拉善左旗民族小学", "阿拉善左旗"),
        ("东湖区白鹭镇中心小学", "东湖区"),
        ("湖北省神农架林区实验小学", "神农架林区"),
        ("峨边彝族自治县民族小学", "峨边彝族自治县"),
    ])
    func aCountyNameIsRead(text: String, name: String) {
        #expect(CountyNameReader.countyName(in: text) == name)
    }

    /// Words that end in 区 or 县 but name no county, and texts that name none.
    @Test(arguments: ["2024年县级教育指标", "石门乡2024年中小学统计报表", "城区第一小学", "镇区中心小学", "县一中", "第二学区中心校",
                      "本县县城小学", "县域义务教育均衡", "  2023年小学数据情况", "", "东湖街道第一小学"])
    func noNameIsMadeUp(text: String) {
        #expect(CountyNameReader.countyName(in: text) == nil, "\(text)")
    }
}
