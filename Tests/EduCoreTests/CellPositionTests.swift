import Testing
@testable import EduCore

@Suite struct CellPositionTests {
    @Test(arguments: [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA"), (16_384, "XFD")])
    func columnNames(column: Int, name: String) {
        #expect(CellPosition.columnName(column) == name)
        #expect(CellReferenceParser.column(Array(name.utf8)) == column)
    }

    @Test func parsesReferences() {
        #expect(CellPosition(reference: "B3") == CellPosition(row: 3, column: 2))
        #expect(CellPosition(reference: "$AA$10") == CellPosition(row: 10, column: 27))
        #expect(CellPosition(reference: "xfd1048576") == CellPosition(row: 1_048_576, column: 16_384))
    }

    @Test(arguments: ["", "A", "3", "A0", "XFE1", "A1048577", "A1B", "AAAA1", "1A"])
    func rejectsMalformedReferences(text: String) {
        #expect(CellPosition(reference: text) == nil)
    }

    @Test func rangesNormaliseTheirCorners() {
        let range = CellRange(reference: "C5:A1")
        #expect(range?.reference == "A1:C5")
        #expect(range?.contains(CellPosition(row: 2, column: 2)) == true)
        #expect(range?.contains(CellPosition(row: 6, column: 2)) == false)
        #expect(CellRange(reference: "B2")?.reference == "B2")
    }
}
