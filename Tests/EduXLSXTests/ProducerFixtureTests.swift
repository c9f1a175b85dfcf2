import EduTestSupport
import EduCore
import EduXLSX
import Foundation
import Testing

/// Golden tests on workbooks saved by other producers (xlsxwriter, openpyxl, LibreOffice,
/// Gnumeric) and hand-made edge cases: Fixtures/NAME.xlsx with its expected cells, merged ranges
/// and sheets beside it (Scripts/fixtures/make_xlsx_fixtures.py wrote them; Fixtures/README.md
/// says what each covers).
@Suite struct ProducerFixtureTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static var fixtures: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xlsx") }.sorted()
    }

    @Test func everyProducerIsRepresented() {
        for producer in ["xlsxwriter_", "openpyxl_", "libreoffice_", "gnumeric_", "hand_"] {
            #expect(Self.fixtures.contains { $0.hasPrefix(producer) }, "no \(producer) fixture")
        }
    }

    @Test(arguments: fixtures)
    func cellsMatchTheExpectedDump(name: String) throws {
        let path = Self.folder.appendingPathComponent(name).path
        let expectedText = try String(contentsOf: Self.folder.appendingPathComponent(name + ".jsonl"), encoding: .utf8)
        if expectedText.hasPrefix("{\"error\"") {
            #expect {
                _ = try CellDumpComparison.dump(path)
            } throws: { error in
                "\(error)".contains(name)
            }
            return
        }
        let expected = try CellDumpComparison.load(lines: expectedText.split(separator: "\n").map(String.init))
        let actual = try CellDumpComparison.dump(path)
        let difference = CellDumpComparison.firstDifference(expected: expected, actual: actual, exactDurations: true)
        #expect(difference == nil, "\(name): \(difference ?? "")")
    }

    @Test(arguments: fixtures)
    func sheetsAndMergedRangesMatch(name: String) throws {
        let sheetsURL = Self.folder.appendingPathComponent(name + ".sheets.json")
        let path = Self.folder.appendingPathComponent(name).path
        let refused = try String(contentsOf: Self.folder.appendingPathComponent(name + ".jsonl"), encoding: .utf8)
            .hasPrefix("{\"error\"")
        guard let sheetsObject = try JSONSerialization.jsonObject(with: Data(contentsOf: sheetsURL)) as? [[String: String]] else {
            // An unreadable package: no sheet list is expected, so its cells must be refused too
            // and the workbook refused at open, naming the file.
            #expect(refused, "\(name) has no sheet list but expects cells")
            #expect {
                _ = try Workbook(path: path)
            } throws: { error in
                "\(error)".contains(name)
            }
            return
        }
        // A workbook whose cells must be refused may be refused as a whole, at open (a DOCTYPE in
        // its shared strings, read at open), with an error naming the file; any other opens.
        let workbook: Workbook
        do {
            workbook = try Workbook(path: path)
        } catch where refused {
            #expect("\(error)".contains(name), "\(error)")
            return
        }
        #expect(workbook.sheets.map(\.name) == sheetsObject.map { $0["name"]! })
        #expect(workbook.sheets.map(\.visibility.rawValue) == sheetsObject.map { $0["visibility"]! })

        let merged = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.folder.appendingPathComponent(name + ".merged.json"))) as? [String: [String]] ?? [:]
        for sheet in workbook.sheets {
            guard let want = merged[sheet.name] else { continue }
            let reader = try workbook.rows(of: sheet)
            do {
                while try reader.nextRow() != nil {}
            } catch {
                continue  // a sheet that cannot be read has its own cell test
            }
            #expect(Set(reader.mergedRanges.map(\.reference)) == Set(want), "\(name) › \(sheet.name)")
        }
    }
}

@Suite struct ErrorLocationTests {
    @Test func aBadCellIsNamedByFileSheetAndCell() throws {
        let path = ProducerFixtureTests.folder.appendingPathComponent("hand_bad_cell.xlsx").path
        let workbook = try Workbook(path: path)
        let reader = try workbook.rows(of: workbook.sheets[0])
        #expect(try reader.nextRow()?.number == 1)
        #expect {
            while try reader.nextRow() != nil {}
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("\(path) › 小学!C7: ") && text.contains("shared string 9") && text.contains("only 2")
        }
    }

    @Test func aDamagedPartIsNamedByFileAndEntry() throws {
        let path = ProducerFixtureTests.folder.appendingPathComponent("hand_malformed_xml.xlsx").path
        let workbook = try Workbook(path: path)
        let reader = try workbook.rows(of: workbook.sheets[1])
        #expect(try reader.nextRow()?.number == 1)  // what precedes the damage is still read
        #expect {
            while try reader.nextRow() != nil {}
        } throws: { error in
            "\(error)".hasPrefix("\(path) › xl/worksheets/sheet2.xml: the XML is damaged (line 2)")
        }
    }
}
