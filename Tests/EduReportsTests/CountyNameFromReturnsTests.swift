import EduIngest
import EduNormalise
@testable import EduReports
import EduStandards
import EduWarehouse
import Foundation
import Testing

/// A county the catalogue does not name (990101) is named as its returns write it; with nothing to
/// go on, its code stands apart from the year (990101 2024年…, not 9901012024年…).
struct CountyNameFromReturnsTests {
    static func report(_ folder: ScratchFolder, _ files: [String: [String]]) throws -> CountyReport {
        for (name, lines) in files {
            try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: folder.path(name)))
        }
        let warehouse = try Warehouse(path: folder.path("warehouse.sqlite"))
        let root = SampleCounty.root
        let catalogue = try CatalogueLoader.load(path: root.appendingPathComponent("Pipelines/catalogue.yml").path)
        let standards = try StandardsLoader.load(path: root.appendingPathComponent("Pipelines/standards.yml").path)
        let inputs = files.keys.sorted().map { IngestInput(path: folder.path($0)) }
        let result = try Ingest(options: Ingest.Options(inputs: inputs, county: "990101"), catalogue: catalogue, standards: standards,
                                warehouse: warehouse).run()
        try #require(result.counts.filesRejected == 0)
        let summary = try CountySummary(warehouse: warehouse, year: 2024, county: "990101")
        return CountyReport(summary: summary, rule: CountyReport.ComplianceRule(minMet: standards.minMet, unmetFloor: standards.unmetFloor),
                            generated: SampleCounty.exportDay)
    }

    static let header = "学校标识码,学校名称,办学类型,统计年度,在校学生数,班级数"

    @Test func theSchoolsNamesNameTheCounty() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder, ["a.csv": [Self.header, "9901010001,东山区第一小学,小学,2024,500,12",
                                                        "9901010002,东山区第二小学,小学,2024,400,10", "9901010003,城区小学,小学,2024,300,8"]])
        #expect(report.summary.countyName == "东山区")
        #expect(report.title == "东山区（990101）2024年义务教育均衡发展县域汇总")
    }

    /// A title names it more surely than school names do; a county-name cell more surely still.
    @Test func aTitleOrACountyCellIsSurerThanSchoolNames() throws {
        let folder = try ScratchFolder()
        let titled = try Self.report(folder, [
            "a.csv": ["某省某市西岭县2024年小学基本情况,,,,,", Self.header, "9901010001,东山区第一小学,小学,2024,500,12",
                      "9901010002,东山区第二小学,小学,2024,400,10"],
        ])
        #expect(titled.summary.countyName == "西岭县")
        let other = try ScratchFolder()
        let celled = try Self.report(other, [
            "b.csv": ["某省某市西岭县2024年小学基本情况,,,,,,", "县区名称," + Self.header, "北岭县,9901010001,东山区第一小学,小学,2024,500,12"],
        ])
        #expect(celled.summary.countyName == "北岭县")
    }

    @Test func withNothingToGoOnTheCodeStandsApartFromTheYear() throws {
        let folder = try ScratchFolder()
        let report = try Self.report(folder, ["a.csv": [Self.header, "9901010001,第一小学,小学,2024,500,12"]])
        #expect(report.summary.countyName == nil)
        #expect(report.title == "990101 2024年义务教育均衡发展县域汇总")
    }
}
