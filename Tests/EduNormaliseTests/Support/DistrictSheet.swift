import EduCore

/// Sheets in the shapes of a district bureau's return (issue 10), built cell by cell as an XLSX
/// reader hands them over: numbers as numbers, text as text (whitespace cells kept as written),
/// merged ranges stated apart.
enum DistrictSheet {
    /// A cell: "=12" or a plain numeral is a number; anything else is text as written; "" is no cell.
    static func value(_ text: String) -> CellValue? {
        if text.isEmpty { return nil }
        if text.hasPrefix("#"), let number = Double(text.dropFirst()) { return .number(number) }
        if let number = Double(text), text.first?.isNumber == true, text.count < 10 { return .number(number) }
        return .string(text)
    }

    static func table(_ name: String, _ rows: [[String]], merged: [String], hidden: Bool = false) -> SheetTable {
        let built = rows.enumerated().map { index, texts in
            Row(number: index + 1, cells: texts.enumerated().compactMap { column, text in
                value(text).map { Cell(column: column + 1, value: $0) }
            })
        }
        return SheetTable(sheet: SheetDescription(index: 0, name: name, visibility: hidden ? .hidden : .visible), rows: built,
                          mergedRanges: merged.compactMap(CellRange.init(reference:)))
    }

    /// The 小学 sheet of the issue: a title merged over rows 1–2, a three-row header (identity
    /// headers merged down A3:A5 …), the 合计 row above the schools, township rows whose other cells
    /// hold spaces, whitespace cells.
    static let primaryHeader: [[String]] = [
        ["   2024年小学数据情况"],
        [],
        ["机构代码", "单位", "性质", "办学地址", "班额情况（个）", "", "", "毕业生数（个）", "在校生数（个）", "", "", "", "教职工数（个）", "",
         "校舍建筑面积合计", "占地面积（平方米）", "图书（册）", "固定资产总值（万元）", ""],
        ["", "", "", "", "合计", "一年级", "二年级", "", "合计", "其中：女", "一年级", "二年级", "合计", "专任教师", "", "", "", "合计",
         "其中：教学仪器设备资产值"],
        ["", "", "", "", "", "", "", "计"],
    ]
    static let primaryMerges = ["A1:S2", "A3:A5", "B3:B5", "C3:C5", "D3:D5", "E3:G3", "E4:E5", "F4:F5", "G4:G5", "H3:H4", "I3:L3",
                                "I4:I5", "J4:J5", "K4:K5", "L4:L5", "M3:N3", "M4:M5", "N4:N5", "O3:O5", "P3:P5", "Q3:Q5", "R3:S3",
                                "R4:R5", "S4:S5"]

    static func primary(name: String = "小学", rows: [[String]]) -> SheetTable {
        table(name, primaryHeader + rows, merged: primaryMerges)
    }
}
