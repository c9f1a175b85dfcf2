import EduCore

/// xl/workbook.xml (ECMA-376 Part 1, §18.2): the sheets in their tab order, each with the
/// relationship id of its part, and the date system.
struct WorkbookPart {
    struct SheetEntry {
        var name: String
        var relationshipID: String?
        var sheetID: Int?
        var visibility: SheetDescription.Visibility
    }

    var sheets: [SheetEntry] = []
    var uses1904DateSystem = false

    static func parse(_ bytes: [UInt8]) throws(XLSXError.Reason) -> WorkbookPart {
        let handler = WorkbookHandler()
        try XMLPushParser.parse(bytes, with: handler)
        return handler.part
    }
}

private final class WorkbookHandler: XMLContentHandler {
    var part = WorkbookPart()
    let failure: XLSXError.Reason? = nil

    func startElement(_ name: XMLName, attributes: XMLAttributes) {
        guard name.namespace.isSpreadsheet else { return }
        if name.is("sheet") {
            let visibility: SheetDescription.Visibility
            switch attributes.string("state") {
            case "hidden": visibility = .hidden
            case "veryHidden": visibility = .veryHidden
            default: visibility = .visible
            }
            part.sheets.append(.init(
                name: EscapedText.decode(attributes.string("name") ?? "Sheet\(part.sheets.count + 1)"),
                relationshipID: attributes.string("id", in: .officeRelationships),
                sheetID: attributes.string("sheetId").flatMap { Int($0) },
                visibility: visibility))
        } else if name.is("workbookPr") {
            let value = attributes.string("date1904")?.lowercased()
            part.uses1904DateSystem = value == "1" || value == "true" || value == "on"
        }
    }

    func endElement(_ name: XMLName) {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}
