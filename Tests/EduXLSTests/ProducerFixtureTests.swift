import EduCore
import EduTestSupport
import EduXLS
import Foundation
import Testing

/// Golden tests on .xls workbooks that eduetl did not write: LibreOffice's BIFF8 conversions of
/// project workbooks and hand-made BIFF5 workbooks in Chinese code pages. Fixtures/NAME.xls has
/// its expected cells, sheets and merged ranges beside it (Scripts/fixtures/make_xls_fixtures.py
/// wrote them, from the source .xlsx or from what it wrote; Fixtures/README.md says what each covers).
@Suite struct XLSProducerFixtureTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static var fixtures: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xls") }.sorted()
    }

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @Test func everyProducerIsRepresented() {
        for producer in ["libreoffice_", "hand_biff5_"] {
            #expect(Self.fixtures.contains { $0.hasPrefix(producer) }, "no \(producer) fixture")
        }
    }

    @Test(arguments: fixtures)
    func cellsMatchTheExpectedDump(name: String) throws {
        let expected = try CellDumpComparison.load(Self.folder.appendingPathComponent(name + ".jsonl"))
        #expect(!expected.isEmpty)
        let actual = try CellDumpComparison.dump(Self.path(name))
        let difference = CellDumpComparison.firstDifference(expected: expected, actual: actual, exactDurations: true)
        #expect(difference == nil, "\(name): \(difference ?? "")")
    }

    @Test(arguments: fixtures)
    func sheetsAndMergedRangesMatch(name: String) throws {
        let sheetsData = try Data(contentsOf: Self.folder.appendingPathComponent(name + ".sheets.json"))
        let sheets = try #require(try JSONSerialization.jsonObject(with: sheetsData) as? [[String: String]])
        let mergedData = try Data(contentsOf: Self.folder.appendingPathComponent(name + ".merged.json"))
        let merged = try #require(try JSONSerialization.jsonObject(with: mergedData) as? [String: [String]])

        let workbook = try XLSWorkbook(path: Self.path(name))
        #expect(workbook.sheets.map(\.name) == sheets.map { $0["name"] ?? "" })
        #expect(workbook.sheets.map(\.visibility.rawValue) == sheets.map { $0["visibility"] ?? "" })
        #expect(workbook.warnings.isEmpty, "\(workbook.warnings)")
        for sheet in workbook.sheets {
            let reader = try workbook.rows(of: sheet)
            while try reader.nextRow() != nil {}
            #expect(Set(reader.mergedRanges.map(\.reference)) == Set(merged[sheet.name] ?? []), "\(name) › \(sheet.name)")
            #expect(reader.warnings.isEmpty, "\(name) › \(sheet.name): \(reader.warnings)")
        }
    }

    /// LibreOffice's "MS Excel 97" filter writes BIFF8 in a "Workbook" stream, its CODEPAGE 1200 (UTF-16).
    @Test(arguments: fixtures.filter { $0.hasPrefix("libreoffice_") })
    func libreOfficeWritesBIFF8(name: String) throws {
        let workbook = try XLSWorkbook(path: Self.path(name))
        #expect(workbook.version == .biff8)
        #expect(workbook.streamName == "Workbook")
        #expect(workbook.codePage == 1200)
        #expect(!workbook.uses1904DateSystem)
    }

    /// A formula whose cached result is an error (=…/0 in the source) reads as that error.
    @Test func aFormulaErrorResultFromLibreOffice() throws {
        let cells = try CellDumpComparison.dump(Self.path("libreoffice_shimen.xls"))
        #expect(cells["石门乡!R8"]?["type"] as? String == "error")
        #expect(cells["石门乡!R8"]?["value"] as? String == "#DIV/0!")
    }

    /// The hidden sheet of the district workbook stays hidden, and readSheet reads it whole.
    @Test func aHiddenSheetFromLibreOffice() throws {
        let workbook = try XLSWorkbook(path: Self.path("libreoffice_district.xls"))
        #expect(workbook.sheets.count == 11)
        let hidden = try #require(workbook.sheet(named: "小学(2023)"))
        #expect(hidden.visibility == .hidden)
        let table = try workbook.readSheet(hidden)
        #expect(!table.rows.isEmpty)
        #expect(!table.mergedRanges.isEmpty)
    }
}
