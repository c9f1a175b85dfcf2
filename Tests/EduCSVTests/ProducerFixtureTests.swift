import EduCore
@testable import EduCSV
import Foundation
import Testing

/// CSV files written by other producers (LibreOffice, Gnumeric, Python's csv, Chinese Excel's
/// shape) and hand-made edge cases, each read against the cells Python's csv module reads from
/// them (Fixtures/*.jsonl, written by Scripts/fixtures/make_csv_fixtures.py) and the encoding,
/// delimiter or refusal its .meta.json names.
struct ProducerFixtureTests {
    static let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    struct Meta: Decodable {
        var encoding: String?
        var bom: Bool?
        var delimiter: String?
        var refused: String?
    }

    static func fixtures(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".meta.json") }.map { String($0.dropLast(".meta.json".count)) }.sorted()
    }

    static func meta(_ url: URL) throws -> Meta {
        try JSONDecoder().decode(Meta.self, from: Data(contentsOf: URL(fileURLWithPath: url.path + ".meta.json")))
    }

    /// The expected cells as "Sheet!A1=text" lines, `sheet` put in for a "*" sheet.
    static func expectedCells(_ url: URL, sheet: String) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect(object["type"] as? String == "string")
            let name = object["sheet"] as! String == "*" ? sheet : object["sheet"] as! String
            return "\(name)!\(object["ref"] as! String)=\(object["value"] as! String)"
        }
    }

    static func cells(_ file: CSVFile) throws -> [String] {
        try CSVTestFile.rows(file).flatMap { row in row.texts.map { "\(file.sheet.name)!\($0)" } }
    }

    static let encodings: [String: TextEncoding] = [
        "utf-8": .utf8, "gb18030": .gb18030, "utf-16le": .utf16LittleEndian, "utf-16be": .utf16BigEndian,
    ]

    static let refusals: [String: CSVError.Reason] = [
        "legacy-xls": .legacyExcelFile, "zip": .zipArchive, "utf16-no-bom": .utf16WithoutByteOrderMark(littleEndian: true),
    ]

    /// The cases below take their arguments from the folders: an empty or missing folder would
    /// leave them with none, and nothing read at all.
    @Test func thereAreFixturesToRead() {
        #expect(Self.fixtures(in: Self.folder).count >= 10, "no *.meta.json in \(Self.folder.path)")
        #expect(Self.fixtures(in: Self.folder.appendingPathComponent("variants")).count >= 10, "no variants/*.meta.json")
    }

    @Test(arguments: fixtures(in: folder))
    func readsAsPythonDoes(name: String) throws {
        let url = Self.folder.appendingPathComponent(name)
        let meta = try Self.meta(url)
        if let refused = meta.refused {
            let error = try #require(throws: CSVError.self, "\(name) must be refused") { try CSVFile(path: url.path) }
            if let reason = Self.refusals[refused] {
                #expect(error.reason == reason, "\(name)")
            } else {
                guard case .binaryData = error.reason else { Issue.record("\(name): \(error)"); return }
            }
            return
        }
        let file = try CSVFile(path: url.path)
        try check(file, meta: meta, expected: Self.expectedCells(URL(fileURLWithPath: url.path + ".jsonl"), sheet: file.sheet.name))
    }

    /// One table written in every encoding, delimiter and line end: the same cells from each.
    @Test(arguments: fixtures(in: folder.appendingPathComponent("variants")))
    func variantsGiveTheSameCells(name: String) throws {
        let url = Self.folder.appendingPathComponent("variants").appendingPathComponent(name)
        let file = try CSVFile(path: url.path)
        let expected = try Self.expectedCells(Self.folder.appendingPathComponent("variants/EXPECTED.jsonl"), sheet: file.sheet.name)
        try check(file, meta: Self.meta(url), expected: expected)
    }

    func check(_ file: CSVFile, meta: Meta, expected: [String]) throws {
        let name = file.sheet.name
        if let encoding = meta.encoding {
            #expect(file.encoding.encoding == Self.encodings[encoding], "\(name): \(file.encoding)")
            #expect((file.encoding.reason == .byteOrderMark) == (meta.bom ?? false), "\(name): \(file.encoding)")
        }
        if let delimiter = meta.delimiter {
            #expect(file.dialect.delimiter == Array(delimiter.utf8).first, "\(name): \(file.dialect)")
        }
        let cells = try Self.cells(file)
        #expect(cells.count == expected.count, "\(name)")
        if let difference = zip(cells, expected).first(where: { $0.0 != $0.1 }) {
            Issue.record("\(name): first difference: got \(difference.0), want \(difference.1)")
        }
    }
}
