@testable import EduWarehouse
import Testing

/// Senior (高中) and preschool (幼儿园) parts through the views: whole-school figures shared over
/// every part with students, the balance views kept on primary and junior. Expected figures are
/// worked out here by hand.
struct StagePartsViewTests {
    typealias Part = HandMadeLoads.Part

    /// 完全中学: junior and senior parts with their own students; books, equipment and computers
    /// given once for the whole school (the senior part also gives its own computers).
    static let completeSchool: [Part] = [
        Part(code: "3603210101", name: "青石县第一中学", type: "完全中学", stage: .junior, values: ["students": 600, "classes": 12]),
        Part(code: "3603210101", name: "青石县第一中学", type: "完全中学", stage: .senior,
             values: ["students": 400, "classes": 8, "computers": 50]),
        Part(code: "3603210101", name: "青石县第一中学", type: "完全中学", stage: .wholeSchool,
             values: ["books": 10_000, "equipment_value": 500_000, "computers": 120]),
    ]

    /// 十二年一贯制: primary, junior and senior parts; books and teaching area for the whole school.
    static let twelveYearSchool: [Part] = [
        Part(code: "3603210102", name: "青石县实验学校", type: "十二年一贯制学校", stage: .primary, values: ["students": 300]),
        Part(code: "3603210102", name: "青石县实验学校", type: "十二年一贯制学校", stage: .junior, values: ["students": 200]),
        Part(code: "3603210102", name: "青石县实验学校", type: "十二年一贯制学校", stage: .senior, values: ["students": 500]),
        Part(code: "3603210102", name: "青石县实验学校", type: "十二年一贯制学校", stage: .wholeSchool,
             values: ["books": 20_000, "teaching_aux_area": 5_000]),
    ]

    /// A school with a primary part, a preschool class attached and a junior part without students.
    static let schoolWithPreschool: [Part] = [
        Part(code: "3603210103", name: "白沙乡中心学校", type: "九年一贯制学校", stage: .primary, values: ["students": 400]),
        Part(code: "3603210103", name: "白沙乡中心学校", type: "九年一贯制学校", stage: .preschool, values: ["students": 100, "classes": 4]),
        Part(code: "3603210103", name: "白沙乡中心学校", type: "九年一贯制学校", stage: .junior, values: ["students": 0]),
        Part(code: "3603210103", name: "白沙乡中心学校", type: "九年一贯制学校", stage: .wholeSchool, values: ["books": 5_000]),
    ]

    static let kindergarten: [Part] = [
        Part(code: "3603210104", name: "青石县城关幼儿园", type: "幼儿园", stage: .preschool, values: ["students": 120, "classes": 4]),
    ]

    @Test func aCompleteSchoolSharesWholeSchoolFiguresOverJuniorAndSenior() throws {
        let warehouse = try HandMadeLoads.newWarehouse("complete")
        try HandMadeLoads.load(Self.completeSchool, as: "一中.csv", into: warehouse)
        // 1,000 students: junior 600/1000, senior 400/1000; the senior part's own 50 computers stand.
        #expect(try HandMadeLoads.schoolValues("3603210101", in: warehouse) == [
            "junior|students": 600, "junior|classes": 12, "junior|books": 6_000, "junior|equipment_value": 300_000,
            "junior|computers": 72,
            "senior|students": 400, "senior|classes": 8, "senior|books": 4_000, "senior|equipment_value": 200_000,
            "senior|computers": 50,
        ])
        // The balance judges the junior part alone, with its share: 6,000 books / 600 students.
        let rows = try warehouse.connection.prepare("SELECT stage, students, books_per_student FROM school_indicators WHERE school_code = ?")
            .rows([.text("3603210101")])
        #expect(rows.count == 1)
        #expect(rows.first?[0].text == "junior")
        #expect(rows.first?[1].double == 600)
        #expect(HandMadeLoads.close(rows.first?[2].double, 10))
    }

    @Test func twelveYearAndPreschoolPartsAppearInSchoolValues() throws {
        let warehouse = try HandMadeLoads.newWarehouse("twelve")
        try HandMadeLoads.load(Self.twelveYearSchool + Self.schoolWithPreschool + Self.kindergarten, as: "学校.csv", into: warehouse)
        // 1,000 students: 300, 200, 500.
        #expect(try HandMadeLoads.schoolValues("3603210102", in: warehouse) == [
            "primary|students": 300, "primary|books": 6_000, "primary|teaching_aux_area": 1_500,
            "junior|students": 200, "junior|books": 4_000, "junior|teaching_aux_area": 1_000,
            "senior|students": 500, "senior|books": 10_000, "senior|teaching_aux_area": 2_500,
        ])
        // 500 students with the attached preschool class; the junior part without students gets no share.
        #expect(try HandMadeLoads.schoolValues("3603210103", in: warehouse) == [
            "primary|students": 400, "primary|books": 4_000,
            "preschool|students": 100, "preschool|classes": 4, "preschool|books": 1_000,
            "junior|students": 0,
        ])
        #expect(try HandMadeLoads.schoolValues("3603210104", in: warehouse) == ["preschool|students": 120, "preschool|classes": 4])
        let sources = try warehouse.connection.prepare("SELECT DISTINCT source_file, sheet, cell FROM school_values WHERE school_code = ? AND indicator = 'books'")
            .rows([.text("3603210102")])
        // Every share points at the one whole-school cell it came from.
        #expect(sources.count == 1)
        #expect(sources.first?[0].text == "学校.csv")
    }

    @Test func aSchoolWithOnlyWholeSchoolFiguresKeepsThemUnshared() throws {
        let warehouse = try HandMadeLoads.newWarehouse("special")
        let special = Part(code: "3603210190", name: "青石县特殊教育学校", type: "特殊教育学校", stage: .wholeSchool,
                           values: ["students": 80, "books": 3_000, "full_time_teachers": 20])
        // Parts written without students: their whole-school books cannot be shared either.
        let noStudents = [
            Part(code: "3603210191", name: "石桥村小", type: "小学", stage: .primary, values: ["classes": 3]),
            Part(code: "3603210191", name: "石桥村小", type: "小学", stage: .wholeSchool, values: ["books": 900]),
        ]
        try HandMadeLoads.load([special] + noStudents, as: "特教.csv", into: warehouse)
        #expect(try HandMadeLoads.schoolValues("3603210190", in: warehouse) == [
            "whole_school|students": 80, "whole_school|books": 3_000, "whole_school|full_time_teachers": 20,
        ])
        #expect(try HandMadeLoads.schoolValues("3603210191", in: warehouse) == ["primary|classes": 3, "whole_school|books": 900])
        let judged = try warehouse.connection.prepare("SELECT count(*) FROM school_indicators WHERE school_code = '3603210190'").rows()
        #expect(judged.first?.first?.int == 0)
    }
}
