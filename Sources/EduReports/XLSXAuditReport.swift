import EduAudit
import Foundation

/// The findings as the workbook the bureau sends back to the schools: 汇总 first (the counts by
/// rule and severity), then a sheet per township (学校标识码, 学校名称, 学段, 问题类型, 严重程度, 问题,
/// 指标, 填报值, 应为, 来源文件, 工作表, 单元格), the errors' severity highlighted. Each sheet has the
/// title in row 1, merged across the table, and its header in row 2, frozen; each prints like the
/// county report (`XLSXPageSetup.report`: landscape A4, one page wide, those rows on every page).
public enum XLSXAuditReport {
    /// The summary sheet's name.
    public static let summarySheet = "汇总"
    static let wrapped = XLSXCellStyle(border: true, verticallyCentered: true, wrapText: true)

    public static func workbook(_ report: AuditReport) -> XLSXWorkbookWriter {
        var workbook = XLSXWorkbookWriter(title: report.title, created: report.generated)
        workbook.addSheet(summary(report))
        for township in report.townships {
            workbook.addSheet(sheet(township, report: report))
        }
        return workbook
    }

    /// Writes the workbook to `path` (atomically, through XLSXWorkbookWriter).
    public static func write(_ report: AuditReport, to path: String) throws {
        do {
            try workbook(report).write(to: path)
        } catch {
            throw ReportError.workbook(error.description)
        }
    }

    /// 汇总: a row per rule and severity with findings, the totals of errors and warnings, and the townships' counts.
    static func summary(_ report: AuditReport) -> XLSXSheet {
        var sheet = XLSXSheet(name: summarySheet, pageSetup: .report)
        sheet.appendTitle(report.title, columns: 3, height: 26)
        sheet.appendHeader(["问题类型", "严重程度", "问题数"], height: 22)
        for count in report.counts {
            sheet.appendRow([.text(AuditLabels.rule(count.rule), style: .body), severityCell(count.severity),
                             .number(Double(count.findings), format: .thousands, style: .body)])
        }
        let bold = XLSXCellStyle(bold: true, border: true, verticallyCentered: true)
        for severity in AuditSeverity.allCases {
            let number = report.findings.filter { $0.severity == severity }.count
            sheet.appendRow([.text("合计", style: bold), .text(AuditLabels.severity(severity), style: bold),
                             .number(Double(number), format: .thousands, style: bold)])
        }
        sheet.appendRow([])
        sheet.appendRow([.text("乡镇", style: .header), .text("学校数", style: .header), .text("问题数", style: .header)])
        for township in report.townships {
            let schools = Set(township.findings.map(\.schoolCode)).count
            sheet.appendRow([.text(township.label, style: .body), .number(Double(schools), format: .thousands, style: .body),
                             .number(Double(township.findings.count), format: .thousands, style: .body)])
        }
        sheet.appendRow([])
        sheet.appendRow([.text("导出日期：\(report.generatedDay)。错误：数值不可能正确，须更正后重报；提示：数值异常，请核实。")])
        sheet.columnWidths = [1: 24, 2: 12, 3: 12]
        return sheet
    }

    /// A township's findings, a row each.
    static func sheet(_ township: AuditReport.Township, report: AuditReport) -> XLSXSheet {
        var sheet = XLSXSheet(name: township.label, pageSetup: .report)
        let columns = AuditLabels.columns
        sheet.appendTitle("\(report.title)（\(township.label)）", columns: columns.count, height: 26)
        sheet.appendHeader(columns, height: 22)
        for finding in township.findings {
            let value: XLSXCell = finding.value.map { number in
                .number(number, format: number == number.rounded() ? .thousands : .decimals(2), style: .body)
            } ?? .empty(style: .body)
            sheet.appendRow([
                .text(finding.schoolCode, style: .body), .text(finding.schoolName ?? "", style: .body),
                .text(ReportLabels.stage(finding.stage), style: .body), .text(AuditLabels.rule(finding.rule), style: .body),
                severityCell(finding.severity), .text(finding.message, style: wrapped), .text(AuditLabels.indicator(finding), style: .body),
                value, .text(finding.expected, style: .body), .text(finding.sourceFile, style: .body),
                .text(finding.sheet, style: .body), .text(finding.cell ?? "", style: .body),
            ])
        }
        sheet.frozenColumns = 2
        sheet.columnWidths[6] = 40
        sheet.fitColumnWidths(minimum: 8, maximum: 40)
        return sheet
    }

    static func severityCell(_ severity: AuditSeverity) -> XLSXCell {
        .text(AuditLabels.severity(severity), style: severity == .error ? .highlight : .body)
    }
}
