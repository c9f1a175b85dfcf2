import Testing
@testable import EduXLSX

@Suite struct PackagePathTests {
    @Test(arguments: [
        ("worksheets/sheet1.xml", "xl/", "xl/worksheets/sheet1.xml"),
        ("/xl/worksheets/sheet1.xml", "xl/", "xl/worksheets/sheet1.xml"),
        ("../xl/sharedStrings.xml", "xl/", "xl/sharedStrings.xml"),
        ("./styles.xml", "xl/", "xl/styles.xml"),
        ("xl/workbook.xml", "", "xl/workbook.xml"),
        ("worksheets\\sheet%201.xml", "xl/", "xl/worksheets/sheet 1.xml"),
    ])
    func resolvesTargets(target: String, folder: String, part: String) {
        #expect(PackagePath.resolve(target, from: folder) == part)
    }

    @Test func relsPartNames() {
        #expect(Relationships.partName(for: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
        #expect(Relationships.partName(for: "xl/worksheets/sheet1.xml") == "xl/worksheets/_rels/sheet1.xml.rels")
    }

    @Test func readsRelationshipsOfBothFlavours() throws {
        let xml = """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
          <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
          <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org" TargetMode="External"/>
        </Relationships>
        """
        let rels = try Relationships.parse(Array(xml.utf8), sourcePart: "xl/workbook.xml")
        #expect(rels.withID("rId1")?.target == "xl/worksheets/sheet2.xml")
        #expect(rels.first(kind: "sharedStrings")?.target == "xl/sharedStrings.xml")
        #expect(rels.withID("rId3") == nil)
    }
}
