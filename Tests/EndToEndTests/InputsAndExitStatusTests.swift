import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Paths that are not returns (a FIFO, a missing path, an unreadable folder, an empty file), county
/// codes in other numerals, and the exit statuses: 0 loaded, 1 some rejected, 2 usage, 3 the warehouse.
/// Every run goes through timeout(1), so a regression that waits on a FIFO fails instead of hanging.
struct InputsAndExitStatusTests {
    static let samples = IngestCommandTests.samples
    static let catalogue = IngestCommandTests.catalogue
    static let good = samples.appendingPathComponent("桃源乡2024年学校基本数据.csv").path

    static func run(_ arguments: [String], as user: [String] = []) throws -> BinaryRunner.Result {
        let command = user + [BinaryRunner.binary.path] + arguments
        return try IngestCommandTests.runProgram("/usr/bin/timeout", ["--kill-after=5", "60"] + command)
    }

    static func ingest(_ paths: [String], db: URL, _ options: [String] = [], as user: [String] = []) throws -> BinaryRunner.Result {
        try run(["ingest"] + paths + ["--db", db.path, "--catalogue", catalogue] + options, as: user)
    }

    static func lines(_ text: String) -> Int { text.filter { $0 == "\n" }.count }

    // MARK: item 4: only regular files are read

    @Test func aFIFOInAFolderOrNamedDirectlyIsRejectedAndTheBatchGoesOn() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inFolder = folder.appendingPathComponent("returns")
        try FileManager.default.createDirectory(at: inFolder, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: Self.good, toPath: inFolder.appendingPathComponent("桃源乡.csv").path)
        let fifo = inFolder.appendingPathComponent("县A.csv").path
        let named = folder.appendingPathComponent("县B.xlsx").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(mkfifo(named, 0o644) == 0)
        let db = folder.appendingPathComponent("w.sqlite")

        let result = try Self.ingest([inFolder.path, named], db: db)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("rejected   \(fifo) is a FIFO, not a file: only regular files are read."))
        #expect(result.stdout.contains("rejected   \(named) is a FIFO, not a file: only regular files are read."))
        #expect(result.stdout.contains("loaded     \(inFolder.path)/桃源乡.csv: 78 values"))
        #expect(try WarehouseQuery.lines(db, "SELECT path, status FROM source_files ORDER BY path")
                == ["\(inFolder.path)/县A.csv | rejected", "\(inFolder.path)/桃源乡.csv | loaded", "\(named) | rejected"])

        for command in [["inspect", named], ["inspect", "--cells", named], ["headers", "--catalogue", Self.catalogue, named]] {
            let refused = try Self.run(command)
            #expect(refused.status == 1, "\(command)")
            #expect(refused.stderr == "eduetl: \(named) is a FIFO, not a file: only regular files are read.\n")
        }
    }

    @Test func anEmptyCSVSaysItIsEmpty() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("白沙乡.csv")
        try Data().write(to: empty)
        let inspected = try Self.run(["inspect", empty.path])
        #expect(inspected.status == 1)
        #expect(inspected.stderr == "eduetl: \(empty.path) is empty (0 bytes): there is nothing to read; save the return again.\n")
        let result = try Self.ingest([empty.path, Self.good], db: folder.appendingPathComponent("w.sqlite"))
        #expect(result.status == 1)
        #expect(result.stdout.contains("rejected   \(empty.path) is empty (0 bytes)"))
    }

    // MARK: item 13: exit statuses, usage errors create nothing

    @Test func aMissingPathAmongGoodOnesIsRejectedAndTheRestLoads() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let missing = folder.appendingPathComponent("石门乡.xlsx").path
        let result = try Self.ingest([Self.good, missing], db: db)
        #expect(result.status == 1)
        #expect(result.stdout.contains("loaded     \(Self.good): 78 values"))
        #expect(result.stdout.contains("rejected   \(missing): no such file or folder; check the path."))
        #expect(!result.stdout.contains("\(missing): \(missing)"), "the path is said once")
        #expect(try WarehouseQuery.int(db, "SELECT count(*) FROM loaded_values") == 78)
        #expect(try WarehouseQuery.lines(db, "SELECT status FROM source_files WHERE path = '\(missing)'") == ["rejected"])
    }

    @Test(arguments: [
        ["--year", "1800"], ["--county", "一二三四五六"], ["--county", "٣٦٠٣٢١"], ["--county", "36032"], ["--jobs", "0"], ["--no-such-flag"],
    ])
    func usageErrorsExit2AndCreateNothing(_ options: [String]) throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let result = try Self.ingest([Self.good], db: db, options)
        #expect(result.status == 2, "\(options): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "\(options)")
    }

    @Test func onlyMissingPathsIsAUsageErrorThatCreatesNothing() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nope.csv").path
        let result = try Self.ingest([missing], db: folder.appendingPathComponent("w.sqlite"))
        #expect(result.status == 2)
        #expect(result.stderr == "eduetl: nothing to read: \(missing): no such file or folder; check the path.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let report = try Self.run(["report", "--year", "2024", "--county", "一二三四五六", "--db", folder.appendingPathComponent("w.sqlite").path])
        #expect(report.status == 2)
        #expect(report.stderr.contains("'一二三四五六' is not a six-digit 行政区划代码"))
    }

    @Test func aWarehouseFailingMidLoadExits3NamingTheFileBeingLoaded() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        #expect(try Self.ingest([Self.good], db: db).status == 0)
        let workbooks = IngestCommandTests.countyFiles.filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".xls") }
        // The files may grow no more than 200 KB (SIGXFSZ ignored, so writes fail as on a full disk).
        let script = "trap '' XFSZ; ulimit -f 400; exec \"$0\" \"$@\""
        let result = try IngestCommandTests.runProgram("/bin/sh", ["-c", script, BinaryRunner.binary.path, "ingest"] + workbooks
                                                       + ["--db", db.path, "--catalogue", Self.catalogue, "--county", "360321", "--jobs", "1"])
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.hasPrefix("eduetl: the warehouse failed while loading /"), "\(result.stderr)")
        #expect(workbooks.contains { result.stderr.contains("while loading \($0), so the batch stopped: \(db.path): ") }, "\(result.stderr)")
        #expect(Self.lines(result.stderr) == 1)
    }

    // MARK: item 11: county codes

    @Test func fullWidthCountyDigitsFoldWithANoteAndOtherNumeralsAreRefused() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("测试乡.csv")
        try IngestCommandTests.writeCSV([IngestCommandTests.header,
                                         ["３６０３２１", "3603219001", "测试乡第一小学", "小学", "2024", "500", "12", "30"],
                                         ["一二三四五六", "3603219002", "测试乡第二小学", "小学", "2024", "400", "10", "25"]], to: csv)
        let db = folder.appendingPathComponent("w.sqlite")
        let result = try Self.ingest([csv.path], db: db, ["--county", "３６０３２１"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("eduetl: note: --county '３６０３２１' read as 360321 (full-width digits folded to ASCII)"))
        #expect(result.stdout.contains("warning: \(csv.path) › 测试乡!A2: 行政区划代码 '３６０３２１' read as 360321"), "\(result.stdout)")
        #expect(try WarehouseQuery.lines(db, "SELECT DISTINCT county_code FROM loaded_values") == ["360321"])
        #expect(try WarehouseQuery.lines(db, "SELECT DISTINCT school_code FROM loaded_values") == ["3603219001"])
        let reasons = try WarehouseQuery.lines(db, "SELECT cell, raw_text, reason FROM rejected_cells")
        #expect(reasons == ["A3 | 一二三四五六 | 测试乡!A3: 行政区划代码 '一二三四五六' is not a six-digit 行政区划代码 such as 360321 (ASCII digits 0–9); correct the cell"],
                "\(reasons)")
    }

    // MARK: items 12 and 16: what cannot be read, with the OS's reason

    /// As root mode bits stop nothing, so these runs are made as `nobody` through setpriv(1).
    @Test func anUnreadableFolderOrFileIsNamedWithTheOSReason() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer {
            _ = chmod(folder.appendingPathComponent("returns/locked").path, 0o755)
            _ = chmod(folder.appendingPathComponent("closed").path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        var user: [String] = []
        if getuid() == 0 {
            user = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            let probe = try Self.run(["inspect", Self.good], as: user)
            try #require(probe.status == 0, "nobody cannot run the binary here, so this test cannot check anything: \(probe.stderr)")
        }
        #expect(chmod(folder.path, 0o777) == 0)
        let returns = folder.appendingPathComponent("returns")
        let locked = returns.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.good, toPath: returns.appendingPathComponent("桃源乡.csv").path)
        try FileManager.default.copyItem(atPath: Self.good, toPath: locked.appendingPathComponent("hidden.csv").path)
        let secret = returns.appendingPathComponent("secret.csv")
        try FileManager.default.copyItem(atPath: Self.good, toPath: secret.path)
        #expect(chmod(secret.path, 0o000) == 0)
        #expect(chmod(locked.path, 0o000) == 0)
        let closed = folder.appendingPathComponent("closed")
        try FileManager.default.createDirectory(at: closed, withIntermediateDirectories: false)
        #expect(chmod(closed.path, 0o000) == 0)
        let db = folder.appendingPathComponent("w.sqlite")

        let result = try Self.ingest([returns.path, closed.path], db: db, as: user)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("loaded     \(returns.path)/桃源乡.csv: 78 values"))
        #expect(result.stdout.contains("rejected   \(locked.path): cannot list the folder (Permission denied), so its files were not read"))
        #expect(result.stdout.contains("rejected   \(secret.path): cannot read it (Permission denied)"))
        #expect(result.stdout.contains("rejected   \(closed.path): cannot list the folder (Permission denied)"))
        #expect(!result.stdout.contains("no .xlsx or .csv files"))
        #expect(try WarehouseQuery.lines(db, "SELECT path FROM source_files WHERE status = 'rejected' ORDER BY path")
                == [closed.path, locked.path, secret.path])

        let alone = try Self.ingest([closed.path], db: folder.appendingPathComponent("w2.sqlite"), as: user)
        #expect(alone.status == 1)
        #expect(alone.stdout.contains("cannot list the folder (Permission denied)"), "\(alone.stdout)\(alone.stderr)")
        let inspected = try Self.run(["inspect", secret.path], as: user)
        #expect(inspected.stderr == "eduetl: \(secret.path): cannot read it (Permission denied); check its permissions.\n")
    }
}
