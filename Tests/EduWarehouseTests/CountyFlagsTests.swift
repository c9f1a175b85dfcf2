import EduIngest
import EduNormalise
@testable import EduWarehouse
import Foundation
import Testing

/// Where a return's county comes from (issue 10): its own county field, then the flags, then what
/// the file says of itself (a title row, another sheet's title, its name); a disagreement is
/// warned about, naming the file and both values. Inputs may carry their own flags.
struct CountyFlagsTests {
    static let catalogue = BalanceViewTests.catalogue

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-flags-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func write(_ lines: [String], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: url)
    }

    static func counties(_ warehouse: Warehouse) throws -> [String: String] {
        var found: [String: String] = [:]
        for row in try warehouse.connection.prepare("SELECT DISTINCT school_code, county_code FROM loaded_values").rows() {
            if let code = row[0].text, let county = row[1].text { found[code] = county }
        }
        return found
    }

    static func ingest(_ inputs: [IngestInput], county: String?, in folder: URL) throws -> (Warehouse, Ingest.Summary) {
        let warehouse = try Warehouse(path: folder.appendingPathComponent("w.sqlite").path)
        let options = Ingest.Options(inputs: inputs, year: 2024, county: county)
        return (warehouse, try Ingest(options: options, catalogue: catalogue, warehouse: warehouse).run())
    }

    static let header = "学校标识码,学校名称,办学类型,在校学生数"

    @Test func theFlagHoldsOverATitleAndTheDisagreementIsWarned() throws {
        let folder = try Self.folder()
        let file = folder.appendingPathComponent("returns/东湖区2024年小学.csv")
        try Self.write(["青石县2024年小学基本情况", Self.header, "2136030001,甲小学,小学,300"], to: file)
        let (warehouse, summary) = try Self.ingest([IngestInput(path: folder.appendingPathComponent("returns").path)], county: "360392", in: folder)
        #expect(try Self.counties(warehouse) == ["2136030001": "360392"])
        let warnings = summary.files.flatMap(\.warnings)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("东湖区2024年小学.csv") == true && warnings.first?.contains("360321") == true
            && warnings.first?.contains("360392") == true)
    }

    @Test func theFilesOwnCountyFieldComesFirst() throws {
        let folder = try Self.folder()
        let file = folder.appendingPathComponent("a.csv")
        try Self.write(["行政区划代码," + Self.header, "360321,2136030002,乙小学,小学,200"], to: file)
        let (warehouse, summary) = try Self.ingest([IngestInput(path: file.path)], county: "360392", in: folder)
        #expect(try Self.counties(warehouse) == ["2136030002": "360321"])
        #expect(summary.files.first?.warnings.first?.contains("county field") == true)
    }

    @Test func withoutAFlagTheTitleOrTheFileNameNamesTheCounty() throws {
        let folder = try Self.folder()
        let titled = folder.appendingPathComponent("乡镇表.csv")
        try Self.write(["东湖区白鹭镇2024年小学情况", Self.header, "2136030003,丙小学,小学,100"], to: titled)
        let named = folder.appendingPathComponent("东湖区2024年学校.csv")
        try Self.write([Self.header, "2136030004,丁小学,小学,120"], to: named)
        let nameless = folder.appendingPathComponent("学校.csv")
        try Self.write([Self.header, "2136030005,戊小学,小学,140"], to: nameless)
        let (warehouse, summary) = try Self.ingest([IngestInput(path: folder.path)], county: nil, in: folder)
        #expect(try Self.counties(warehouse) == ["2136030003": "360392", "2136030004": "360392"])
        #expect(summary.counts.rejects == 1)
        #expect(summary.files.allSatisfy { $0.warnings.isEmpty })
    }

    @Test func aFileTakesTheFlagsOfTheMostSpecificInputThatReachesIt() throws {
        let folder = try Self.folder()
        try Self.write([Self.header, "2136030006,己小学,小学,100"], to: folder.appendingPathComponent("all/a.csv"))
        try Self.write([Self.header, "2136030007,庚小学,小学,100"], to: folder.appendingPathComponent("all/district/b.csv"))
        let inputs = [IngestInput(path: folder.appendingPathComponent("all").path, county: "360321"),
                      IngestInput(path: folder.appendingPathComponent("all/district").path, year: 2023, county: "360392")]
        let (warehouse, summary) = try Self.ingest(inputs, county: nil, in: folder)
        #expect(summary.files.count == 2)
        #expect(try Self.counties(warehouse) == ["2136030006": "360321", "2136030007": "360392"])
        let years = try warehouse.connection.prepare("SELECT DISTINCT school_code, year FROM loaded_values ORDER BY school_code").rows()
        #expect(years.map { $0[1].int } == [2024, 2023])
    }
}
