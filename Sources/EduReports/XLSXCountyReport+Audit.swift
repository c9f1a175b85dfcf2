/// The workbook's 审核 parts: the 审核 sheet of error findings (only when there are any, as 县级指标
/// and 城乡对比 come only with their figures), the 说明 sheet's 审核 rows (always: the counts, or that
/// the checks were not run), and the colour of a CV computed over figures with errors.
extension XLSXCountyReport {
    /// A CV over figures with error findings, and its 审核错误 count: dark orange on light orange,
    /// apart from the red of a shortfall and the yellow of an excluded school.
    static let auditedStyle = XLSXCellStyle(fontColor: XLSXColor(rgb: 0x833C0B), fill: XLSXColor(rgb: 0xF8CBAD), border: true,
                                            verticallyCentered: true)
    /// The column of the findings' messages, wrapped.
    static let messageWidth = 36.0

    /// 审核: a row per error finding with the cell it came from, the counts and the pointer to
    /// `eduetl audit` below; nil when there is no error to list.
    static func auditSheet(_ report: CountyReport) -> XLSXSheet? {
        let table = report.auditTable()
        guard !table.rows.isEmpty else { return nil }
        var sheet = sheet(table, indicatorWidth: nil)
        // Messages are sentences: a fixed width, wrapped, rather than a column as wide as the longest.
        guard let message = table.columns.firstIndex(of: "问题") else { return sheet }
        sheet.columnWidths[message + 1] = messageWidth
        let wrapped = XLSXCellStyle(border: true, verticallyCentered: true, wrapText: true)
        for row in 2..<(2 + table.rows.count) where message < sheet.rows[row].count {
            sheet.rows[row][message] = sheet.rows[row][message].styled(wrapped)
            let lines = (DisplayWidth.of(sheet.rows[row][message]) / (messageWidth - 2)).rounded(.up)
            if lines > 1 { sheet.rowHeights[row + 1] = lines * 15 + 3 }
        }
        return sheet
    }

    /// The 说明 sheet's rows on the checks: what they found (or that they were not run), by rule,
    /// the CVs marked, and where the whole list is.
    static func auditNotes(_ report: CountyReport) -> [(String, String)] {
        report.auditNotes.enumerated().map { index, note in (index == 0 ? "审核" : "", note) }
    }
}
