/// The small fixed parts of the package (ECMA-376 Part 2, Open Packaging Conventions, and
/// Part 1 §12.3): content types, relationships, document properties, the workbook part.
enum PackageParts {
    static let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNS = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func sheetPart(_ number: Int) -> String { "xl/worksheets/sheet\(number).xml" }

    /// [Content_Types].xml: defaults for .rels and .xml, an override per part.
    static func contentTypes(sheetCount: Int, sharedStrings: Bool) -> [UInt8] {
        var xml = XMLWriter()
        let office = "application/vnd.openxmlformats-officedocument"
        xml.raw(#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="\#(office).spreadsheetml.sheet.main+xml"/>"#)
        for number in stride(from: 1, through: sheetCount, by: 1) {
            xml.raw(#"<Override PartName="/\#(sheetPart(number))" ContentType="\#(office).spreadsheetml.worksheet+xml"/>"#)
        }
        xml.raw(#"<Override PartName="/xl/styles.xml" ContentType="\#(office).spreadsheetml.styles+xml"/>"#)
        if sharedStrings {
            xml.raw(#"<Override PartName="/xl/sharedStrings.xml" ContentType="\#(office).spreadsheetml.sharedStrings+xml"/>"#)
        }
        xml.raw(#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
            + #"<Override PartName="/docProps/app.xml" ContentType="\#(office).extended-properties+xml"/>"#
            + "</Types>")
        return xml.bytes
    }

    /// _rels/.rels: the workbook and the two property parts.
    static func packageRelationships() -> [UInt8] {
        var xml = XMLWriter()
        xml.raw(#"<Relationships xmlns="\#(relationshipsNS)">"#
            + #"<Relationship Id="rId1" Type="\#(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>"#
            + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" "#
            + #"Target="docProps/core.xml"/>"#
            + #"<Relationship Id="rId3" Type="\#(officeRelationships)/extended-properties" Target="docProps/app.xml"/>"#
            + "</Relationships>")
        return xml.bytes
    }

    /// xl/_rels/workbook.xml.rels: rId1…rIdN the sheets, then styles and shared strings.
    static func workbookRelationships(sheetCount: Int, sharedStrings: Bool) -> [UInt8] {
        var xml = XMLWriter()
        xml.raw(#"<Relationships xmlns="\#(relationshipsNS)">"#)
        for number in stride(from: 1, through: sheetCount, by: 1) {
            xml.raw(#"<Relationship Id="rId\#(number)" Type="\#(officeRelationships)/worksheet" "#
                + #"Target="worksheets/sheet\#(number).xml"/>"#)
        }
        xml.raw(#"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(officeRelationships)/styles" Target="styles.xml"/>"#)
        if sharedStrings {
            xml.raw(#"<Relationship Id="rId\#(sheetCount + 2)" Type="\#(officeRelationships)/sharedStrings" "#
                + #"Target="sharedStrings.xml"/>"#)
        }
        xml.raw("</Relationships>")
        return xml.bytes
    }

    /// xl/workbook.xml: the sheets in order and, for sheets with print title rows (by default
    /// their frozen rows), those rows as the built-in name _xlnm.Print_Titles (§18.2.6), local to
    /// the sheet, so they repeat on every page.
    static func workbook(_ sheets: [XLSXSheet]) -> [UInt8] {
        var xml = XMLWriter()
        xml.raw(#"<workbook xmlns="\#(spreadsheetML)" xmlns:r="\#(officeRelationships)">"#)
        xml.raw(#"<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>"#)
        for (index, sheet) in sheets.enumerated() {
            xml.raw(#"<sheet name=""#)
            xml.attribute(sheet.name, spreadsheet: true)
            xml.raw(#"" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#)
        }
        xml.raw("</sheets>")
        let titled = sheets.enumerated().compactMap { index, sheet in sheet.printTitleRows.map { (index, sheet.name, $0) } }
        if !titled.isEmpty {
            xml.raw("<definedNames>")
            for (index, name, rows) in titled {
                xml.raw(#"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">"#)
                xml.text(quotedSheetName(name) + "!$\(rows.lowerBound):$\(rows.upperBound)", spreadsheet: false)
                xml.raw("</definedName>")
            }
            xml.raw("</definedNames>")
        }
        xml.raw("</workbook>")
        return xml.bytes
    }

    /// 'name' with apostrophes doubled, as formulas refer to a sheet.
    static func quotedSheetName(_ name: String) -> String {
        "'" + name.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }

    /// docProps/core.xml (Dublin Core): title, creator, times in W3CDTF (UTC).
    static func coreProperties(title: String?, creator: String, created: String) -> [UInt8] {
        var xml = XMLWriter()
        xml.raw(#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
            + #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
            + #"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#)
        if let title {
            xml.raw("<dc:title>")
            xml.text(title, spreadsheet: false)
            xml.raw("</dc:title>")
        }
        xml.raw("<dc:creator>")
        xml.text(creator, spreadsheet: false)
        xml.raw("</dc:creator><cp:lastModifiedBy>")
        xml.text(creator, spreadsheet: false)
        xml.raw("</cp:lastModifiedBy>")
        xml.raw(#"<dcterms:created xsi:type="dcterms:W3CDTF">\#(created)</dcterms:created>"#
            + #"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(created)</dcterms:modified></cp:coreProperties>"#)
        return xml.bytes
    }

    /// docProps/app.xml: the application, and the sheet names as TitlesOfParts.
    static func appProperties(sheetNames: [String]) -> [UInt8] {
        var xml = XMLWriter()
        xml.raw(#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#
            + #"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
            + "<Application>eduetl</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
            + #"<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>"#
            + #"</vt:variant><vt:variant><vt:i4>\#(sheetNames.count)</vt:i4></vt:variant></vt:vector></HeadingPairs>"#
            + #"<TitlesOfParts><vt:vector size="\#(sheetNames.count)" baseType="lpstr">"#)
        for name in sheetNames {
            xml.raw("<vt:lpstr>")
            xml.text(name, spreadsheet: false)
            xml.raw("</vt:lpstr>")
        }
        xml.raw("</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            + "<HyperlinksChanged>false</HyperlinksChanged></Properties>")
        return xml.bytes
    }
}
