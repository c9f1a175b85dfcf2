import Foundation

/// The county summary as an .xlsx workbook: a CV sheet per stage (指标, 标准, 学校数, 学生数, 均值,
/// 差异系数, 标准值, 是否达标, with the composite row), the per-school indicators with shortfalls
/// against the quality minimums highlighted and excluded schools marked with their reason, the
/// schools that do not comply, the years compared (历年比较 and 变化最大的学校, with two years or more),
/// the checks' error findings (审核), and a sheet of notes and sources. Each sheet has the title
/// (county and year) in row 1, centred across the table, and its header in row 2, frozen; each
/// prints landscape on A4, one page wide, with those two rows on every page (`XLSXPageSetup.report`).
public enum XLSXCountyReport {
    /// Excluded schools' reason cells: Excel's "Neutral" fill.
    static let excludedStyle = XLSXCellStyle.body.filled(.lightYellow)

    public static func workbook(_ report: CountyReport) -> XLSXWorkbookWriter {
        var workbook = XLSXWorkbookWriter(title: report.title, created: report.generated)
        for stage in report.stages {
            workbook.addSheet(sheet(report.balanceTable(stage: stage), indicatorWidth: nil))
        }
        var schools = sheet(report.schoolsTable(), indicatorWidth: 13)
        schools.frozenColumns = 3
        workbook.addSheet(schools)
        workbook.addSheet(sheet(report.complianceTable(), indicatorWidth: 14))
        workbook.addSheet(sheet(report.scaleTable(), indicatorWidth: nil))
        if !report.summary.targets.isEmpty { workbook.addSheet(sheet(report.targetsTable(), indicatorWidth: nil)) }
        if !report.summary.urbanRuralMeans.isEmpty { workbook.addSheet(sheet(report.urbanRuralTable(), indicatorWidth: 12)) }
        if report.comparesYears {
            workbook.addSheet(sheet(report.trendTable(), indicatorWidth: nil))
            workbook.addSheet(sheet(report.moversTable(), indicatorWidth: nil))
        }
        if let audit = auditSheet(report) { workbook.addSheet(audit) }
        workbook.addSheet(notes(report))
        return workbook
    }

    /// Writes the workbook to `path` (atomically, through XLSXWorkbookWriter).
    public static func write(_ report: CountyReport, to path: String) throws {
        do {
            try workbook(report).write(to: path)
        } catch {
            throw ReportError.workbook(error.description)
        }
    }

    /// A table as a sheet: title row merged across the table and centred, header row frozen below
    /// it, body rows bordered, notes below; printed landscape, one page wide. `indicatorWidth`: a
    /// fixed width for the columns whose titles are long indicator names (their headers wrap).
    static func sheet(_ table: ReportTable, indicatorWidth: Double?) -> XLSXSheet {
        var sheet = XLSXSheet(name: table.name, pageSetup: .report)
        sheet.appendTitle(table.title, columns: table.columns.count, height: 26)
        sheet.appendHeader(table.columns)
        for row in table.rows {
            sheet.appendRow(row.map(cell))
        }
        // Widths from what the cells show (numbers at their decimals, a CJK character two), the
        // header counted too unless it is a long indicator name, which wraps at `indicatorWidth`.
        for (index, title) in table.columns.enumerated() {
            let titleWidth = DisplayWidth.of(Substring(title)) * 1.1
            var widest = table.rows.reduce(0.0) { result, row in
                index < row.count ? max(result, DisplayWidth.of(Substring(row[index].display))) : result
            }
            if let indicatorWidth, titleWidth > indicatorWidth {
                widest = max(widest + 2, indicatorWidth)
            } else {
                widest = max(widest, titleWidth) + 2
            }
            sheet.columnWidths[index + 1] = (min(max(widest, 8), 44) * 10).rounded() / 10
        }
        // The header row as tall as its most wrapped title (about 15 points a line).
        let lines = table.columns.enumerated().map { index, title in
            (DisplayWidth.of(Substring(title)) * 1.1 / max((sheet.columnWidths[index + 1] ?? 10) - 1, 1)).rounded(.up)
        }.max() ?? 1
        sheet.rowHeights[2] = max(30, min(lines * 15 + 8, 120))
        if !table.notes.isEmpty {
            sheet.appendRow([])
            for note in table.notes { sheet.appendRow([.text(note)]) }
        }
        return sheet
    }

    static func cell(_ cell: ReportTable.Cell) -> XLSXCell {
        let style: XLSXCellStyle
        switch cell.mark {
        case .none: style = .body
        case .shortfall: style = .highlight
        case .excluded: style = excludedStyle
        case .audited: style = auditedStyle
        }
        switch cell.value {
        case .empty:
            return .empty(style: style)
        case .text(let text):
            return .text(text, style: style)
        case .number(let number, let decimals):
            return .number(number, format: decimals == 0 ? .thousands : .decimals(decimals), style: style)
        case .percent(let number, let decimals):
            return .number(number, format: .percent(decimals: decimals), style: style)
        }
    }

    /// 说明: what the workbook holds, the rules, the notes, the files the figures come from.
    static func notes(_ report: CountyReport) -> XLSXSheet {
        var sheet = XLSXSheet(name: "说明", pageSetup: .report)
        sheet.appendTitle(report.title, columns: 2, height: 26)
        sheet.appendHeader(["项目", "内容"], height: 22)
        var rows: [(String, String)] = [
            ("县（区）", report.countyName),
            ("行政区划代码", report.summary.countyCode),
            ("学年", "\(report.summary.year)"),
            ("导出日期", report.generatedDay),
            ("差异系数", "按在校生数加权：X̄ = ΣPᵢXᵢ / P，S = √(Σ(Pᵢ/P)(Xᵢ − X̄)²)，差异系数 = S / X̄。"),
            ("分摊", ReportLabels.sharedFiguresNote),
            ("不计入", ReportLabels.excludedNote),
        ]
        if let rule = report.rule {
            rows.append(("优质均衡达标规则", "至少\(rule.minMet)项达到最低标准，且其余每项不低于最低标准的"
                            + CountyReport.number(rule.unmetFloor * 100, decimals: 0) + "%。"))
        }
        rows += auditNotes(report)
        for (index, file) in report.summary.sourceFiles.enumerated() {
            rows.append((index == 0 ? "数据来源文件" : "", file))
        }
        let contentWidth = 90.0
        for (label, text) in rows {
            sheet.appendRow([.text(label, style: .body), XLSXCell.text(text, style: XLSXCellStyle(border: true, wrapText: true))])
            // LibreOffice keeps a row without a height one line high however its text wraps, and
            // prints only the last line: a wrapping row gets about 15 points a line.
            let lines = (DisplayWidth.of(Substring(text)) / (contentWidth - 2)).rounded(.up)
            if lines > 1 { sheet.rowHeights[sheet.rows.count] = lines * 15 + 3 }
        }
        sheet.columnWidths = [1: 18, 2: contentWidth]
        return sheet
    }
}
