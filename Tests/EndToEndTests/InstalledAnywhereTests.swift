import Foundation
import Testing

/// Issue 11 (17): the binary works outside the repository, from the catalogue and standards built
/// into it; `eduetl init` writes editable copies and a sample pipeline that runs; `--version`; the
/// built-in copies are the files in Pipelines/.
struct InstalledAnywhereTests {
    /// The binary run with another working directory and no EDUETL_* variables.
    static func run(_ arguments: [String], in folder: URL) throws -> BinaryRunner.Result {
        try BinaryRunner.run(arguments, in: folder, environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("EDUETL_") })
    }

    static let sample = BinaryRunner.root.appendingPathComponent("SampleInputs/东湖区/东湖区2024年教育事业统计年报.xlsx").path

    @Test func outsideTheRepositoryTheBuiltInCatalogueAndStandardsServe() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let headers = try Self.run(["headers", Self.sample], in: folder)
        #expect(headers.status == 0, "\(headers.stderr)")
        #expect(headers.stdout.contains("机构代码  →  school_code"))
        let ingest = try Self.run(["ingest", Self.sample, "--db", "w.sqlite"], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let report = try Self.run(["report", "--year", "2024", "--db", "w.sqlite", "--format", "csv"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try WarehouseQuery.count(folder.appendingPathComponent("w.sqlite"), "standard_cv_limits") == 4, "the built-in standards synced")
    }

    @Test func initWritesEditableCopiesAndASamplePipelineThatRuns() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try Self.run(["init", "project"], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let project = folder.appendingPathComponent("project")
        for file in ["Pipelines/catalogue.yml", "Pipelines/standards.yml", "Pipelines/annual-returns.yml"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(file).path), "\(file)")
        }
        try FileManager.default.copyItem(atPath: Self.sample, toPath: project.appendingPathComponent("returns/东湖区2024.xlsx").path)
        let run = try Self.run(["run", "Pipelines/annual-returns.yml"], in: project)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("1 loaded"))
        // A second init refuses, naming what is there, and writes nothing.
        let again = try Self.run(["init", "project"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.contains("are there already"))
    }

    @Test func versionIsPrinted() throws {
        let result = try BinaryRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("eduetl "))
    }

    /// The copies built into the binary are the files in Pipelines/ (regenerate with
    /// `python3 Scripts/defaults/embed_defaults.py` after editing them).
    @Test func theBuiltInCopiesAreThePipelinesFiles() throws {
        for name in ["catalogue", "standards"] {
            let file = try String(contentsOf: BinaryRunner.root.appendingPathComponent("Pipelines/\(name).yml"), encoding: .utf8)
            let folder = try BinaryRunner.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            _ = try Self.run(["init", "."], in: folder)
            let written = try String(contentsOf: folder.appendingPathComponent("Pipelines/\(name).yml"), encoding: .utf8)
            #expect(written == file, "Pipelines/\(name).yml differs from the built-in copy: run python3 Scripts/defaults/embed_defaults.py")
        }
    }
}
