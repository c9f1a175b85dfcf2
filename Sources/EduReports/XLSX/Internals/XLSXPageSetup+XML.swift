/// The page setup's parts of a worksheet (ECMA-376 Part 1, §18.3.1.99 CT_Worksheet), each
/// where the schema puts it: `sheetProperties` first of the worksheet's children, `printParts`
/// after mergeCells (printOptions, pageMargins, pageSetup, headerFooter, in that order). Excel
/// refuses a sheet whose children are out of order.
extension XLSXPageSetup {
    /// `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` when the sheet is shrunk to fit pages,
    /// without which Excel ignores fitToWidth and fitToHeight; nothing otherwise.
    func writeSheetProperties(to xml: inout XMLWriter) {
        guard fit != nil else { return }
        xml.raw(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#)
    }

    func writePrintParts(to xml: inout XMLWriter) {
        if centeredHorizontally { xml.raw(#"<printOptions horizontalCentered="1"/>"#) }
        xml.raw("<pageMargins")
        for (name, value) in zip(["left", "right", "top", "bottom", "header", "footer"], margins.all) {
            xml.raw(#" \#(name)=""#)
            xml.number(value)
            xml.raw(#"""#)
        }
        xml.raw("/>")
        // Attributes in the schema's order: paperSize, fitToWidth, fitToHeight, orientation.
        xml.raw(#"<pageSetup paperSize="\#(paper.rawValue)""#)
        if let fit { xml.raw(#" fitToWidth="\#(fit.pagesWide)" fitToHeight="\#(fit.pagesTall)""#) }
        xml.raw(#" orientation="\#(orientation.rawValue)"/>"#)
        if let footer, !footer.isEmpty {
            xml.raw("<headerFooter><oddFooter>")
            xml.text(footer)
            xml.raw("</oddFooter></headerFooter>")
        }
    }
}
