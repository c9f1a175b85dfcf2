import EduIngest
@testable import EduPipelines
import Foundation
import Testing

struct PipelineSpecTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func shipped(_ name: String) -> String { root.appendingPathComponent("Pipelines/\(name)").path }

    @Test func theAnnualReturnsPipelineLoads() throws {
        let spec = try PipelineSpecLoader.load(path: Self.shipped("annual-returns.yml"))
        #expect(spec.name == "annual-returns")
        #expect(spec.inputs == ["SampleInputs", IngestInput(path: "SampleInputs/东湖区", county: "360392"),
                                IngestInput(path: "SampleInputs/柳溪县", county: "360399")])
        #expect(spec.warehouse == "warehouse.sqlite")
        #expect(spec.year == 2024)
        #expect(spec.county == "360321")
        #expect(spec.catalogue == "Pipelines/catalogue.yml")
        #expect(spec.standards == "Pipelines/standards.yml")
        #expect(spec.exports == .init(formats: [.xlsx, .csv, .html, .json], destination: "reports/", counties: ["360321", "360392", "360399"],
                                       ranking: true))
        #expect(spec.schedule == (try CronSchedule("0 6 1 9 *")))
        // The inputs and the catalogue it names are there.
        #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("SampleInputs").path))
        #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(spec.catalogue).path))
        #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(spec.standards).path))
    }

    @Test func theWeeklyConsolidationPipelineLoads() throws {
        let spec = try PipelineSpecLoader.load(path: Self.shipped("weekly-consolidation.yml"))
        #expect(spec.name == "weekly-consolidation")
        #expect(spec.inputs == ["returns/"])
        #expect(spec.warehouse == "warehouse.sqlite")
        #expect(spec.year == nil)
        #expect(spec.county == nil)
        #expect(spec.catalogue == PipelineSpec.defaultCatalogue)
        #expect(spec.exports?.formats == [.xlsx, .csv])
        #expect(spec.exports?.counties == nil)
        let schedule = try #require(spec.schedule)
        #expect(schedule.expression == "30 7 * 9-11 MON")
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        #expect(show(schedule.next(after: at("2024-08-15 00:00", shanghai), in: shanghai), shanghai) == "2024-09-02 07:30 Mon")
    }

    @Test func thePipelinesFolderHoldsBothAndPassesOverTheCatalogueAndStandards() throws {
        let folder = try PipelineSpecLoader.loadAll(folder: Self.root.appendingPathComponent("Pipelines").path)
        #expect(folder.specs.map(\.name) == ["annual-returns", "weekly-consolidation"])
        #expect(folder.broken.isEmpty)
    }

    /// Issue 11: a folder with broken files (a YAML error, non-UTF-8 text, a misspelt key, a wrong
    /// schedule) lists each with its line and still gives the good pipelines.
    @Test func brokenPipelineFilesAreListedAndTheGoodOnesKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-pipes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        try write("a-good.yml", "name: good\ninputs: returns/\nwarehouse: w.sqlite\nschedule: \"0 6 * * *\"\n")
        try write("b-yaml.yml", "name: yaml\ninputs: [returns/\nwarehouse: w.sqlite\n")
        try write("c-key.yml", "name: key\ninputs: returns/\nwarehous: w.sqlite\n")
        try write("d-cron.yml", "name: cron\ninputs: returns/\nwarehouse: w.sqlite\nschedule: \"61 * * * *\"\n")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: folder.appendingPathComponent("e-bytes.yml"))
        try write("f-catalogue.yml", "fields: []\n")
        let found = try PipelineSpecLoader.loadAll(folder: folder.path)
        #expect(found.specs.map(\.name) == ["good"])
        #expect(found.broken.map { ($0.file as NSString).lastPathComponent } == ["b-yaml.yml", "c-key.yml", "d-cron.yml", "e-bytes.yml"])
        #expect(found.broken.first { $0.file.hasSuffix("c-key.yml") }?.line == 3)
        #expect(found.broken.first { $0.file.hasSuffix("d-cron.yml") }?.problem.contains("minute 61") == true)
    }

    @Test func aMinimalPipelineTakesTheDefaults() throws {
        let spec = try PipelineSpecLoader.parse("name: p\ninputs: returns/*.xlsx\nwarehouse: w.sqlite\n", source: "p.yml")
        #expect(spec.inputs == ["returns/*.xlsx"])
        #expect(spec.schedule == nil)
        #expect(spec.exports == nil)
        #expect(spec.catalogue == "Pipelines/catalogue.yml")
        #expect(spec.standards == "Pipelines/standards.yml")
    }

    static let valid = """
        # a pipeline
        name: annual-returns
        inputs:
          - SampleInputs
        warehouse: warehouse.sqlite
        year: 2024
        schedule: "0 6 1 9 *"
        county: 360321
        exports:
          formats: [xlsx, csv, html, json]
          destination: reports/
          counties: [360321]

        """

    struct Broken: CustomStringConvertible, Sendable {
        var name: String
        var replace: String
        var with: String
        var message: String
        var description: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "a minute out of range", replace: "\"0 6 1 9 *\"", with: "\"61 * * * *\"",
               message: "annual-returns.yml line 7: schedule \"61 * * * *\": minute 61 is out of range 0-59"),
        Broken(name: "a day of the month out of range", replace: "\"0 6 1 9 *\"", with: "\"0 6 32 9 *\"",
               message: "annual-returns.yml line 7: schedule \"0 6 32 9 *\": day-of-month 32 is out of range 1-31"),
        Broken(name: "four fields", replace: "\"0 6 1 9 *\"", with: "\"0 6 1 9\"",
               message: "annual-returns.yml line 7: schedule \"0 6 1 9\": a schedule has five fields (minute hour day-of-month month day-of-week); \"0 6 1 9\" has 4"),
        Broken(name: "an unquoted star", replace: "\"0 6 1 9 *\"", with: "*/5 * * * *",
               message: "annual-returns.yml line 7: not valid YAML:"),
        Broken(name: "a schedule that is a list", replace: "schedule: \"0 6 1 9 *\"", with: "schedule: [0, 6]",
               message: "annual-returns.yml line 7: 'schedule' must be a cron expression such as \"0 6 1 9 *\" (quote it)"),
        Broken(name: "an unknown format", replace: "[xlsx, csv, html, json]", with: "[xlsx, pdf]",
               message: "annual-returns.yml line 10: the export format 'pdf' is not xlsx, csv, html or json"),
        Broken(name: "a format twice", replace: "[xlsx, csv, html, json]", with: "[xlsx, csv, xlsx]",
               message: "annual-returns.yml line 10: the export format 'xlsx' is listed twice"),
        Broken(name: "a misspelt key", replace: "warehouse: warehouse.sqlite", with: "warehose: warehouse.sqlite",
               message: "annual-returns.yml line 5: 'warehose' is not a key of a pipeline"),
        Broken(name: "a misspelt export key", replace: "destination: reports/", with: "destinaton: reports/",
               message: "annual-returns.yml line 11: 'destinaton' is not a key of 'exports'"),
        Broken(name: "a missing destination", replace: "  destination: reports/\n", with: "",
               message: "annual-returns.yml line 10: 'destination' is missing"),
        Broken(name: "a missing warehouse", replace: "warehouse: warehouse.sqlite\n", with: "",
               message: "annual-returns.yml line 2: 'warehouse' is missing"),
        Broken(name: "a year that is not one", replace: "year: 2024", with: "year: twenty",
               message: "annual-returns.yml line 6: 'year' must be a year such as 2024, not 'twenty'"),
        Broken(name: "a short county code", replace: "county: 360321", with: "county: 3603",
               message: "annual-returns.yml line 8: 'county' must be six-digit county codes such as 360321, not '3603'"),
        Broken(name: "a wrong county in the exports", replace: "counties: [360321]", with: "counties: [360321, 白沙]",
               message: "annual-returns.yml line 12: 'counties' must be six-digit county codes such as 360321, not '白沙'"),
        Broken(name: "inputs that are a mapping", replace: "  - SampleInputs", with: "  folder: SampleInputs",
               message: "annual-returns.yml line 4: 'inputs' must be a list"),
        Broken(name: "a bad name", replace: "name: annual-returns", with: "name: annual returns/2024",
               message: "annual-returns.yml line 2: the name 'annual returns/2024' must be ASCII letters"),
        Broken(name: "a key twice", replace: "year: 2024", with: "year: 2024\nyear: 2025",
               message: "annual-returns.yml line "),
        Broken(name: "broken indentation", replace: "  destination: reports/", with: " destination: reports/",
               message: "annual-returns.yml line 11: not valid YAML:"),
    ]

    @Test(arguments: broken) func aBrokenFileIsRefusedWithItsLine(_ b: Broken) throws {
        let text = Self.valid.replacingOccurrences(of: b.replace, with: b.with)
        #expect(text != Self.valid, "\(b.name): the case changes nothing")
        let error = #expect(throws: PipelineError.self) { try PipelineSpecLoader.parse(text, source: "annual-returns.yml") }
        #expect(error?.line != nil, "\(b.name): \(String(describing: error))")
        #expect(error?.description.hasPrefix(b.message) == true, "\(b.name): \(String(describing: error))")
    }

    @Test func theUnbrokenTemplateLoads() throws {
        let spec = try PipelineSpecLoader.parse(Self.valid, source: "annual-returns.yml")
        #expect(spec.county == "360321")
        #expect(spec.exports?.counties == ["360321"])
    }

    @Test func aMissingOrEmptyFileIsRefused() {
        let missing = #expect(throws: PipelineError.self) { try PipelineSpecLoader.load(path: "/nonexistent/p.yml") }
        #expect(missing?.description.hasPrefix("/nonexistent/p.yml: cannot read the pipeline file") == true)
        let empty = #expect(throws: PipelineError.self) { try PipelineSpecLoader.parse("# nothing\n", source: "p.yml") }
        #expect(empty?.description == "p.yml: the pipeline file is empty")
        let list = #expect(throws: PipelineError.self) { try PipelineSpecLoader.parse("- a\n- b\n", source: "p.yml") }
        #expect(list?.line == 1)
    }
}
