import EduCore
import EduReports
import Foundation

/// A county summary of the shape issue 6 asks for, used by the read-back and cross-check tests:
/// a merged title, a styled frozen header, numbers in several formats, a highlighted shortfall,
/// booleans, dates, tricky text, and sheet names that need sanitizing.
enum SampleReport {
    static let created = Date(timeIntervalSince1970: 1_725_179_415)  // 2024-09-01 08:30:15 UTC
    static let surveyDate = SpreadsheetDate(year: 2024, month: 9, day: 1)!
    /// Leading and trailing spaces, markup characters, a literal "_x0041_", a line feed, a tab, a
    /// carriage return, control characters and a character outside the BMP.
    static let tricky = " 前导空格 A&B <学校> \"引号\" 'x' _x0041_ 换行\n制表\t回车\r控制\u{1}\u{1F}表情😀 "
    static let standardArea = 7.0

    struct School {
        var code: String
        var name: String
        var students: Double
        var area: Double
        var ratio: Double
        var rate: Double
        var meets: Bool
    }

    static let schools = [
        School(code: "0360321001", name: "青石县城关镇第一小学", students: 1_234, area: 6.5, ratio: 0.0567, rate: 0.875, meets: false),
        School(code: "0360321002", name: "青石县白沙乡中心小学", students: 456, area: 8.25, ratio: 0.0612, rate: 1, meets: true),
        School(code: "0360321003", name: "青石县新华学校", students: 2_345, area: 7, ratio: 0.05, rate: 0.9333, meets: true),
    ]

    static let headers = ["学校代码", "学校名称", "在校生数", "生均校舍面积\n（㎡）", "师生比", "达标率", "是否达标", "统计日期"]
    static let title = "青石县2024年小学办学条件达标情况"

    static func primary() -> XLSXSheet {
        var sheet = XLSXSheet(name: "小学", pageSetup: XLSXPageSetup(orientation: .landscape))
        sheet.appendTitle(title, columns: headers.count, height: 28)
        sheet.appendHeader(headers, height: 32)
        for school in schools {
            sheet.appendRow([
                .text(school.code, style: .body),
                .text(school.name, style: .body),
                .number(school.students, format: .thousands, style: .body),
                .number(school.area, format: .decimals(2), style: school.area < standardArea ? .highlight : .body),
                .number(school.ratio, format: .decimals(4), style: .body),
                .number(school.rate, format: .percent(decimals: 1), style: .body),
                .bool(school.meets, style: .body),
                .date(surveyDate, style: .body),
            ])
        }
        let total = schools.reduce(0) { $0 + $1.students }
        sheet.appendRow([.text("合计", style: .body), .empty(style: .body), .number(total, format: .thousands, style: .body)]
            + Array(repeating: XLSXCell.empty(style: .body), count: 5))
        sheet.merge(CellRange(reference: "A6:B6")!)
        sheet.fitColumnWidths()
        sheet.appendRow([])
        sheet.appendRow([.text(tricky)])  // a note below the table: left out of the widths
        return sheet
    }

    static func indicators() -> XLSXSheet {
        var sheet = XLSXSheet(name: "初中/高中:汇总")
        sheet.appendHeader(["指标", "值"])
        sheet.frozenColumns = 1
        sheet.columnWidths = [1: 14, 2: 18]
        sheet.appendRow(["差异系数", .number(0.4123, format: .decimals(4))])
        sheet.appendRow(["大数", .number(12_345_678.9, format: .decimals(2, thousands: true))])
        sheet.appendRow(["负数", .number(-0.5, format: .percent(decimals: 0))])
        sheet.appendRow(["很小", 1e-7])
        sheet.appendRow(["整数", .number(42, format: .integer)])
        sheet.appendRow(["早期日期", .date(SpreadsheetDate(year: 1900, month: 1, day: 15)!)])
        return sheet
    }

    static func workbook(storage: XLSXWorkbookWriter.StringStorage = .shared) -> XLSXWorkbookWriter {
        var workbook = XLSXWorkbookWriter(title: title, created: created)
        workbook.stringStorage = storage
        workbook.addSheet(primary())
        workbook.addSheet(indicators())
        workbook.addSheet(XLSXSheet(name: "History"))
        workbook.addSheet(XLSXSheet(name: "小学", rows: [["重名的表"]]))
        return workbook
    }

    static let sheetNames = ["小学", "初中_高中_汇总", "History_", "小学 (2)"]
}
