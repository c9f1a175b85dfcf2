import EduCore
import EduZip

/// Writes one worksheet part (ECMA-376 Part 1, §18.3.1.99 CT_Worksheet) into the open ZIP
/// entry, row by row in 64 KiB chunks, children in the schema's order: sheetPr (fit to pages),
/// dimension, sheetViews (the frozen pane), cols, sheetData, mergeCells, printOptions,
/// pageMargins, pageSetup, headerFooter.
struct SheetPart {
    let sheet: XLSXSheet
    /// The workbook's first sheet is the selected tab; only one may be.
    let isSelected: Bool

    func write(to zip: ZipWriter, styles: inout StyleTable,
               strings: inout SharedStringTable?) throws(ZipWriteError) {
        var xml = XMLWriter()
        xml.raw(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        sheet.pageSetup.writeSheetProperties(to: &xml)
        xml.raw(#"<dimension ref="\#(dimension())"/>"#)
        writeViews(to: &xml)
        writeColumns(to: &xml)
        xml.raw("<sheetData>")
        for (index, row) in sheet.rows.enumerated() {
            writeRow(row, number: index + 1, to: &xml, styles: &styles, strings: &strings)
            try xml.flush(to: zip)
        }
        // Rows with a height but no cells (beyond the last row of cells).
        for (number, height) in sheet.rowHeights.sorted(by: { $0.key < $1.key }) where number > sheet.rows.count {
            xml.raw(#"<row r="\#(number)" ht=""#)
            xml.number(height)
            xml.raw(#"" customHeight="1"/>"#)
        }
        xml.raw("</sheetData>")
        if !sheet.mergedRanges.isEmpty {
            xml.raw(#"<mergeCells count="\#(sheet.mergedRanges.count)">"#)
            for range in sheet.mergedRanges { xml.raw(#"<mergeCell ref="\#(range.reference)"/>"#) }
            xml.raw("</mergeCells>")
        }
        sheet.pageSetup.writePrintParts(to: &xml)
        xml.raw("</worksheet>")
        try xml.flush(to: zip, force: true)
    }

    /// The used range of written cells ("A1" for an empty sheet).
    func dimension() -> String {
        var first = CellPosition(row: .max, column: .max), last = CellPosition(row: 0, column: 0)
        for (index, row) in sheet.rows.enumerated() {
            guard let start = row.firstIndex(where: \.isWritten), let end = row.lastIndex(where: \.isWritten) else {
                continue
            }
            first = CellPosition(row: min(first.row, index + 1), column: min(first.column, start + 1))
            last = CellPosition(row: index + 1, column: max(last.column, end + 1))
        }
        guard last.row > 0 else { return "A1" }
        return CellRange(first: first, last: last).reference
    }

    /// One sheet view; with frozen rows or columns, a frozen pane and a selection per pane.
    private func writeViews(to xml: inout XMLWriter) {
        xml.raw(#"<sheetViews><sheetView "#)
        if isSelected { xml.raw(#"tabSelected="1" "#) }
        xml.raw(#"workbookViewId="0""#)
        let rows = sheet.frozenRows, columns = sheet.frozenColumns
        guard rows > 0 || columns > 0 else {
            xml.raw("/></sheetViews>")
            return
        }
        let topLeft = CellPosition(row: rows + 1, column: columns + 1).reference
        let activePane = rows > 0 && columns > 0 ? "bottomRight" : (rows > 0 ? "bottomLeft" : "topRight")
        xml.raw("><pane")
        if columns > 0 { xml.raw(#" xSplit="\#(columns)""#) }
        if rows > 0 { xml.raw(#" ySplit="\#(rows)""#) }
        xml.raw(#" topLeftCell="\#(topLeft)" activePane="\#(activePane)" state="frozen"/>"#)
        var selections: [(pane: String, cell: String)] = []
        if columns > 0 && rows > 0 {
            selections = [("topRight", CellPosition(row: 1, column: columns + 1).reference),
                          ("bottomLeft", CellPosition(row: rows + 1, column: 1).reference),
                          ("bottomRight", topLeft)]
        } else {
            selections = [(activePane, topLeft)]
        }
        for selection in selections {
            xml.raw(#"<selection pane="\#(selection.pane)" activeCell="\#(selection.cell)" sqref="\#(selection.cell)"/>"#)
        }
        xml.raw("</sheetView></sheetViews>")
    }

    /// <cols>: runs of adjacent columns with one width share an element.
    private func writeColumns(to xml: inout XMLWriter) {
        let widths = sheet.columnWidths.sorted { $0.key < $1.key }
        guard !widths.isEmpty else { return }
        xml.raw("<cols>")
        var index = 0
        while index < widths.count {
            var end = index
            while end + 1 < widths.count, widths[end + 1].key == widths[end].key + 1,
                  widths[end + 1].value == widths[index].value {
                end += 1
            }
            xml.raw(#"<col min="\#(widths[index].key)" max="\#(widths[end].key)" width=""#)
            xml.number(widths[index].value)
            xml.raw(#"" customWidth="1"/>"#)
            index = end + 1
        }
        xml.raw("</cols>")
    }

    private func writeRow(_ row: [XLSXCell], number: Int, to xml: inout XMLWriter, styles: inout StyleTable,
                          strings: inout SharedStringTable?) {
        let height = sheet.rowHeights[number]
        guard height != nil || row.contains(where: \.isWritten) else { return }
        xml.raw(#"<row r="\#(number)""#)
        if let height {
            xml.raw(#" ht=""#)
            xml.number(height)
            xml.raw(#"" customHeight="1""#)
        }
        xml.raw(">")
        for (index, cell) in row.enumerated() where cell.isWritten {
            writeCell(cell, at: CellPosition(row: number, column: index + 1), to: &xml, styles: &styles,
                      strings: &strings)
        }
        xml.raw("</row>")
    }

    private func writeCell(_ cell: XLSXCell, at position: CellPosition, to xml: inout XMLWriter,
                           styles: inout StyleTable, strings: inout SharedStringTable?) {
        xml.raw(#"<c r="\#(position.reference)""#)
        let style = styles.index(style: cell.style, format: cell.effectiveFormat)
        if style != 0 { xml.raw(#" s="\#(style)""#) }
        switch cell.value {
        case .empty:
            xml.raw("/>")
        case .text(let text) where text.isEmpty:
            xml.raw("/>")
        case .text(let text):
            if let index = strings?.index(of: text) {
                xml.raw(#" t="s"><v>\#(index)</v></c>"#)
            } else {
                xml.raw(XMLWriter.needsPreserve(text) ? #" t="inlineStr"><is><t xml:space="preserve">"#
                                                      : #" t="inlineStr"><is><t>"#)
                xml.text(text)
                xml.raw("</t></is></c>")
            }
        case .number(let number):
            xml.raw("><v>")
            xml.number(number)
            xml.raw("</v></c>")
        case .bool(let value):
            xml.raw(value ? #" t="b"><v>1</v></c>"# : #" t="b"><v>0</v></c>"#)
        case .date(let date):
            xml.raw("><v>")
            xml.number(XLSXSheet.excelSerial(date))
            xml.raw("</v></c>")
        }
    }
}
