import Foundation

/// The ranking as an .xlsx workbook: a sheet per stage (title in row 1, frozen header in row 2,
/// notes below, as the county summary's sheets), and a 说明 sheet with the county summaries written
/// beside it.
public enum XLSXProvinceRanking {
    public static func workbook(_ ranking: ProvinceRanking) -> XLSXWorkbookWriter {
        var workbook = XLSXWorkbookWriter(title: ranking.title, created: ranking.generated)
        for stage in ranking.stages {
            var sheet = XLSXCountyReport.sheet(ranking.table(stage: stage), indicatorWidth: nil)
            sheet.frozenColumns = 2
            workbook.addSheet(sheet)
        }
        workbook.addSheet(notes(ranking))
        return workbook
    }

    /// Writes the workbook to `path` (atomically, through XLSXWorkbookWriter).
    public static func write(_ ranking: ProvinceRanking, to path: String) throws {
        do {
            try workbook(ranking).write(to: path)
        } catch {
            throw ReportError.workbook(error.description)
        }
    }

    /// 说明: the year, the day, the notes, and each county's summary files.
    static func notes(_ ranking: ProvinceRanking) -> XLSXSheet {
        var sheet = XLSXSheet(name: "说明", pageSetup: .report)
        sheet.appendTitle(ranking.title, columns: 3, height: 26)
        sheet.appendHeader(["项目", "县（区）", "内容"], height: 22)
        var rows: [(String, String, String)] = [("学年", "", "\(ranking.year)"), ("导出日期", "", ranking.generatedDay)]
        rows += ProvinceRanking.notes.map { ("说明", "", $0) }
        for county in ranking.counties {
            let files = (ranking.countyReports[county.code] ?? []).map { ($0 as NSString).lastPathComponent }
            let name = county.name.map { "\($0)（\(county.code)）" } ?? county.code
            if files.isEmpty { rows.append(("县域汇总报告", name, "未导出")) }
            for file in files { rows.append(("县域汇总报告", name, file)) }
        }
        let contentWidth = 80.0
        for (label, county, text) in rows {
            sheet.appendRow([.text(label, style: .body), .text(county, style: .body),
                             XLSXCell.text(text, style: XLSXCellStyle(border: true, wrapText: true))])
            // LibreOffice keeps a wrapping row one line high unless it has a height.
            let lines = (DisplayWidth.of(Substring(text)) / (contentWidth - 2)).rounded(.up)
            if lines > 1 { sheet.rowHeights[sheet.rows.count] = lines * 15 + 3 }
        }
        sheet.columnWidths = [1: 14, 2: 20, 3: contentWidth]
        return sheet
    }
}
