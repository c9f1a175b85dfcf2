import Foundation
import Testing

/// `eduetl run` and `eduetl schedule run-due` as a user runs them, on a temporary copy of
/// Pipelines/annual-returns.yml pointed at SampleInputs, a scratch warehouse and report folder.
@Suite struct RunCommandTests {
    static let root = BinaryRunner.root

    /// Pipelines/annual-returns.yml with every path made absolute and pointed into `folder`.
    static func writePipeline(in folder: URL, destination: String? = nil, schedule: String = "0 6 1 9 *") throws -> URL {
        let yaml = """
            # A copy of Pipelines/annual-returns.yml for a test.
            name: annual-returns
            inputs:
              - \(root.appendingPathComponent("SampleInputs").path)
            warehouse: \(folder.appendingPathComponent("warehouse.sqlite").path)
            year: 2024
            county: "360321"
            catalogue: \(root.appendingPathComponent("Pipelines/catalogue.yml").path)
            standards: \(root.appendingPathComponent("Pipelines/standards.yml").path)
            exports:
              formats: [xlsx, csv, html, json]
              destination: \(destination ?? folder.appendingPathComponent("reports").path)
              counties: ["360321"]
            schedule: "\(schedule)"
            """
        let pipelines = folder.appendingPathComponent("Pipelines")
        try FileManager.default.createDirectory(at: pipelines, withIntermediateDirectories: true)
        let file = pipelines.appendingPathComponent("annual-returns.yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func runIngestsExportsAndRecordsTheRun() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = try Self.writePipeline(in: folder)
        let result = try BinaryRunner.run(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")

        let db = folder.appendingPathComponent("warehouse.sqlite")
        let rows = try WarehouseQuery.rows(db, """
            SELECT pipeline, file, slot, status, ingest_run_id, files_loaded, files_rejected, exports, finished_at
            FROM pipeline_runs
            """)
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row[0].text == "annual-returns")
        #expect(row[1].text == pipeline.path)
        #expect(row[2].isNull, "a run by hand is for no slot")
        #expect(row[3].text == "finished")
        #expect(row[4].int != nil)
        #expect((row[5].int ?? 0) > 0)
        #expect(row[6].int == 0)
        #expect(row[8].text != nil)
        let exports = (row[7].text ?? "").split(separator: "\n").map(String.init)
        // XLSX, HTML, JSON and nine CSV files (balance, schools, compliance, scale, targets, urban-rural,
        // checks-summary: the run syncs the checks, which find 2 warnings and no error, so no checks-errors;
        // and balance-trend and school-movers: without its own input, 东湖区's workbook loads as 360321, its
        // hidden 2023 sheet giving the county two years to compare).
        #expect(exports.count == 12, "\(exports)")
        #expect(exports.contains { $0.contains("-checks-summary-") } && !exports.contains { $0.contains("-checks-errors-") }, "\(exports)")
        for path in exports { #expect(FileManager.default.fileExists(atPath: path), "\(path) missing") }
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("reports").path)
        #expect(written.count == 12, "\(written)")
        #expect(try WarehouseQuery.count(db, "loaded_values") > 0)
        #expect(!FileManager.default.fileExists(atPath: db.path + ".annual-returns.lock"), "the lock is released")
    }

    @Test func aRunThatCannotExportIsRecordedFailedAndKeepsTheIngest() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("a-file")
        try Data("not a folder".utf8).write(to: blocker)
        let pipeline = try Self.writePipeline(in: folder, destination: blocker.appendingPathComponent("reports").path)
        let result = try BinaryRunner.run(["run", pipeline.path])
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("annual-returns"))

        let db = folder.appendingPathComponent("warehouse.sqlite")
        let rows = try WarehouseQuery.rows(db, "SELECT status, message, ingest_run_id, exports FROM pipeline_runs")
        #expect(rows.count == 1)
        #expect(rows.first?[0].text == "failed")
        #expect(rows.first?[1].text?.isEmpty == false)
        #expect(rows.first?[2].int != nil)
        #expect(rows.first?[3].text == "")
        #expect(try WarehouseQuery.count(db, "loaded_values") > 0, "the ingested values stay")
        #expect(try WarehouseQuery.count(db, "ingest_runs", where: "status = 'finished'") == 1)
    }

    @Test func runDueTwiceAtTheSameTimeRunsOnce() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.writePipeline(in: folder)
        let pipelines = folder.appendingPathComponent("Pipelines").path
        let now = "2025-09-01T06:00:30+08:00"

        let first = try BinaryRunner.run(["schedule", "run-due", "--pipelines", pipelines, "--now", now])
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(first.stdout.contains("annual-returns finished"), "\(first.stdout)")

        let second = try BinaryRunner.run(["schedule", "run-due", "--pipelines", pipelines, "--now", now])
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
        #expect(second.stdout.contains("nothing due"), "\(second.stdout)")

        let db = folder.appendingPathComponent("warehouse.sqlite")
        let rows = try WarehouseQuery.rows(db, "SELECT status, slot FROM pipeline_runs")
        #expect(rows.count == 1)
        #expect(rows.first?[0].text == "finished")
        #expect(rows.first?[1].text == "2025-08-31T22:00:00Z")

        let listing = try BinaryRunner.run(["schedule", "--pipelines", pipelines, "--now", now])
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout.contains("0 6 1 9 *"))
        #expect(listing.stdout.contains("finished"))
        #expect(listing.stdout.contains("next due: 2026-09-01 06:00 +08:00"), "\(listing.stdout)")
    }

    @Test func runDueRefusesAPipelineAlreadyRunning() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.writePipeline(in: folder)
        let lock = folder.appendingPathComponent("warehouse.sqlite.annual-returns.lock")
        let pid = ProcessInfo.processInfo.processIdentifier
        try "\(pid)\n".write(to: lock, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["schedule", "run-due", "--pipelines", folder.appendingPathComponent("Pipelines").path,
                                           "--now", "2025-09-01T06:00:00+08:00"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("pipeline annual-returns is already running (pid \(pid))"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("warehouse.sqlite").path))
    }

    @Test func installPrintsCrontabAndSystemdUnits() throws {
        let result = try BinaryRunner.run(["schedule", "install"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("* * * * * cd "))
        #expect(result.stdout.contains("schedule run-due >> "))
        #expect(result.stdout.contains("OnCalendar=minutely"))
        #expect(result.stdout.contains("[Service]"))
    }
}
