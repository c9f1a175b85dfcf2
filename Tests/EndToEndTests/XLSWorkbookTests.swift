import Foundation
import Testing

/// Legacy .xls workbooks through the binary: inspect, headers and ingest take them as they take
/// .xlsx, whatever the file is named, and refuse hostile ones quickly, in little memory, with one
/// line naming the file.
struct XLSWorkbookTests {
    static let corpus = BinaryRunner.root.deletingLastPathComponent().appendingPathComponent("shared/conformance-xls")
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: corpus.appendingPathComponent("generated").path) }
    static let chineseReturn = corpus.appendingPathComponent("generated/chinese-return.xls").path
    /// The same return opened and saved as .xlsx by LibreOffice 7.4.7.2 (Tests/EduXLSTests/Fixtures/README.md).
    static let libreOfficeCopy = BinaryRunner.root.appendingPathComponent("Tests/EduXLSTests/Fixtures/chinese-return_libreoffice.xlsx").path
    static let catalogue = BinaryRunner.root.appendingPathComponent("Pipelines/catalogue.yml").path

    static let hostile = ["fat-loop", "dir-chain-loop", "difat-loop", "huge-stream", "truncated", "record-overrun", "sst-2g"]

    /// school_values without the source file's path, in a fixed order.
    static func schoolValues(ingesting path: String) throws -> [String] {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let result = try BinaryRunner.run(["ingest", path, "--db", db.path, "--catalogue", catalogue, "--county", "360321"])
        #expect(result.status == 0, "\(result.stderr)")
        return try WarehouseQuery.lines(db, """
            SELECT year, county_code, school_code, school_name, stage, indicator, value, unit, sheet, cell
            FROM school_values ORDER BY school_code, indicator
            """)
    }

    @Test(.enabled(if: hasCorpus, "../shared/conformance-xls is not beside the repository"))
    func theXLSReturnLoadsTheSameValuesAsItsLibreOfficeXLSXCopy() throws {
        let fromXLS = try Self.schoolValues(ingesting: Self.chineseReturn)
        let fromXLSX = try Self.schoolValues(ingesting: Self.libreOfficeCopy)
        #expect(fromXLS.count == 24)  // 6 schools x 4 figures; the 合计 row and the dated notes are skipped
        #expect(fromXLS == fromXLSX)
        // Codes stored as text stay text; 万元 becomes 元 (92.125 万元 is a NUMBER record, the others RK).
        #expect(fromXLS.contains("2024 | 360321 | 2133001006 | 某县民族小学 | primary | equipment_value | 921250.0 | 元 | 小学基本情况 | F9"))
        #expect(fromXLS.contains("2024 | 360321 | 2133001001 | 某县实验小学 | primary | students | 1856.0 | 人 | 小学基本情况 | C4"))
    }

    /// The district return (11 sheets, 3-row merged headers, a hidden 2023 sheet, formulas) as
    /// LibreOffice 7.4 writes it in both formats: the same values from the same cells.
    @Test func theDistrictReturnLoadsTheSameFromLibreOfficesXLSAndXLSX() throws {
        let fixtures = BinaryRunner.root.appendingPathComponent("Tests")
        let xls = fixtures.appendingPathComponent("EduXLSTests/Fixtures/libreoffice_district.xls").path
        let xlsx = fixtures.appendingPathComponent("EduNormaliseTests/Fixtures/district_libreoffice.xlsx").path
        func values(_ path: String) throws -> [String] {
            let folder = try BinaryRunner.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let db = folder.appendingPathComponent("w.sqlite")
            let result = try BinaryRunner.run(["ingest", path, "--db", db.path, "--catalogue", Self.catalogue])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try WarehouseQuery.count(db, "rejected_cells") == 0)
            return try WarehouseQuery.lines(db, """
                SELECT year, county_code, school_code, stage, indicator, value, unit, sheet, cell
                FROM school_values ORDER BY year, school_code, stage, indicator
                """)
        }
        let fromXLS = try values(xls)
        #expect(fromXLS.count == 448)  // 416 loaded values; whole-school figures shared over the parts
        #expect(fromXLS == (try values(xlsx)))
    }

    @Test(.enabled(if: hasCorpus, "../shared/conformance-xls is not beside the repository"))
    func aFolderIngestFindsXLSFilesAndRecordsTheirFormat() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = folder.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.chineseReturn, toPath: inputs.appendingPathComponent("城关镇.xls").path)
        let db = folder.appendingPathComponent("w.sqlite")
        let result = try BinaryRunner.run(["ingest", inputs.path, "--db", db.path, "--catalogue", Self.catalogue, "--county", "360321"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try WarehouseQuery.lines(db, "SELECT format, status FROM source_files") == ["xls | loaded"])
        #expect(try WarehouseQuery.count(db, "school_values") == 24)
    }

    /// An .xls renamed .xlsx, a template (.xlt), a file named anything: the OLE2 signature decides.
    @Test(.enabled(if: hasCorpus, "../shared/conformance-xls is not beside the repository"),
          arguments: ["return.xlsx", "return.xlt", "return.XLS", "return.dat", "return.csv"])
    func anXLSIsReadForWhatItIsWhateverItsName(name: String) throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let renamed = folder.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: Self.chineseReturn, toPath: renamed)
        let result = try BinaryRunner.run(["inspect", renamed])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("XLS, 1 sheet, BIFF8, 1900 date system"))
        #expect(result.stdout.contains("小学基本情况: A1:F15, 14 rows with data, 58 cells, 5 merged"))
    }

    @Test func anHTMLPageNamedXLSIsRefusedSayingWhatItIs() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("学校名单.xls")
        try Data("<html><body><table><tr><td>学校</td></tr></table></body></html>".utf8).write(to: page)
        let result = try BinaryRunner.run(["inspect", page.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains(page.path) && result.stderr.contains("HTML page"), "\(result.stderr)")
    }

    /// The corpus README's bar: each refused with a message, never a crash; the issue's: in under
    /// 1 s and 100 MB. Held loosely here (a debug build on a busy CI machine); `make bench` reports the figures.
    @Test(.enabled(if: hasCorpus, "../shared/conformance-xls is not beside the repository"), arguments: hostile)
    func aHostileFileIsRefusedQuicklyInLittleMemoryWithOneLine(name: String) throws {
        let path = Self.corpus.appendingPathComponent("hostile/\(name).xls").path
        let run = try MeasuredRun.run(["inspect", "--cells", path])
        #expect(!run.signalled)
        #expect(run.status != 0)
        let message = run.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(message.contains(path) && !message.contains("\n"), "\(message)")
        #expect(run.seconds < 5, "\(name): \(run.seconds) s")
        #expect(run.peakMB < 150, "\(name): \(run.peakMB) MB")
    }

    @Test(.enabled(if: hasCorpus, "../shared/conformance-xls is not beside the repository"))
    func theHostileFilesIntactWrapperReadsAll240Cells() throws {
        let run = try MeasuredRun.run(["inspect", "--cells", Self.corpus.appendingPathComponent("hostile/ok-baseline.xls").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 240)
    }
}
