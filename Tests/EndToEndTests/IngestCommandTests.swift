import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `eduetl ingest` run as a user runs it, the warehouse then read from outside (WarehouseQuery):
/// idempotent reloads, superseded versions, conflicts, rejected files and cells, year and county
/// settled or refused, unusable databases, and a load killed with SIGKILL mid-transaction.
struct IngestCommandTests {
    static let samples = BinaryRunner.root.appendingPathComponent("SampleInputs")
    /// The sample county 青石县's nine returns (SampleInputs' own files: XLSX, one .xls, CSV; the district 东湖区
    /// has a folder of its own).
    static let countyFiles: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? [])
        .filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".xls") || $0.hasSuffix(".csv") }.sorted()
        .map { samples.appendingPathComponent($0).path }
    static let catalogue = BinaryRunner.root.appendingPathComponent("Pipelines/catalogue.yml").path
    static let stallMarker = "eduetl-test: stalled inside a load"

    // MARK: helpers

    static func ingest(_ paths: [String], db: URL, _ options: [String] = []) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["ingest"] + paths + ["--db", db.path, "--catalogue", catalogue] + options)
    }

    static func summary(_ result: BinaryRunner.Result) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(result.stdout)\n\(result.stderr)")
    }

    static func files(_ summary: [String: Any]) throws -> [[String: Any]] {
        try #require(summary["files"] as? [[String: Any]])
    }

    /// Writes a CSV as Chinese Excel does (CRLF; fields quoted only when they must be).
    static func writeCSV(_ rows: [[String]], to url: URL, encoding: String.Encoding = .utf8) throws {
        let text = rows.map { row in
            row.map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
        let data = try #require(text.data(using: encoding), "cannot encode the CSV in \(encoding)")
        try data.write(to: url)
    }

    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)
    static let header = ["行政区划代码", "学校标识码", "学校名称", "学段", "统计年度", "在校生数", "班级数", "专任教师数"]

    /// Values per source file path, in the warehouse `db`.
    static func valuesPerFile(_ db: URL) throws -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for row in try WarehouseQuery.rows(db, """
            SELECT f.path, (SELECT count(*) FROM loaded_values v WHERE v.sheet_id IN (SELECT id FROM sheets WHERE file_id = f.id))
                         + (SELECT count(*) FROM county_values c WHERE c.sheet_id IN (SELECT id FROM sheets WHERE file_id = f.id))
            FROM source_files f WHERE f.status = 'loaded'
            """) {
            counts[row[0].text ?? "?"] = row[1].int ?? -1
        }
        return counts
    }

    /// Every loaded value, keyed and sorted, to compare two warehouses.
    static func allValues(_ db: URL) throws -> [String] {
        try WarehouseQuery.lines(db, """
            SELECT year, county_code, school_code, stage, field, value, unit, cell FROM loaded_values
            ORDER BY year, school_code, stage, field
            """)
    }

    static let countedTables = ["source_files", "sheets", "loaded_values", "header_decisions", "skipped_rows", "rejects",
                                "empty_markers", "conflicts", "schools"]

    static func tableCounts(_ db: URL) throws -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for table in countedTables { counts[table] = try WarehouseQuery.count(db, table) }
        return counts
    }

    // MARK: 1. the same bytes again

    @Test func reloadingTheSameBytesChangesNothing() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")

        let first = try Self.ingest(Self.countyFiles, db: db, ["--county", "360321"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("eduetl ingest: 9 files: 9 loaded, 0 unchanged, 0 rejected;"))
        let before = try Self.tableCounts(db)
        let sumBefore = try WarehouseQuery.scalar(db, "SELECT sum(value) FROM loaded_values")
        #expect(before["loaded_values"]! > 0)
        #expect(before["source_files"] == 9)

        let second = try Self.ingest(Self.countyFiles, db: db, ["--county", "360321", "--json"])
        #expect(second.status == 0, "\(second.stderr)")
        let summary = try Self.summary(second)
        #expect(summary["files_unchanged"] as? Int == 9)
        #expect(summary["files_loaded"] as? Int == 0)
        #expect(summary["files_rejected"] as? Int == 0)
        #expect(summary["values"] as? Int == 0)
        let files = try Self.files(summary)
        #expect(files.count == 9)
        #expect(files.allSatisfy { $0["outcome"] as? String == "unchanged" })

        #expect(try Self.tableCounts(db) == before)
        #expect(try WarehouseQuery.scalar(db, "SELECT sum(value) FROM loaded_values") == sumBefore)
        #expect(try WarehouseQuery.lines(db, "SELECT id, status, files_loaded, files_unchanged FROM ingest_runs ORDER BY id")
                == ["1 | finished | 9 | 0", "2 | finished | 0 | 9"])

        // The same bytes under another name and place are the same return.
        let copy = folder.appendingPathComponent("copy-of-石门乡.xlsx")
        try FileManager.default.copyItem(at: Self.samples.appendingPathComponent("石门乡2024年中小学统计报表.xlsx"), to: copy)
        let third = try Self.ingest([copy.path], db: db, ["--county", "360321"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("unchanged  \(copy.path): these bytes are loaded already"))
        #expect(try Self.tableCounts(db) == before)
        #expect(try WarehouseQuery.count(db, "ingest_runs") == 3)
    }

    // MARK: 2. a new version at the same place

    @Test func aReplacedReturnSupersedesTheOldVersion() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let file = folder.appendingPathComponent("测试乡学校统计.csv")

        try Self.writeCSV([Self.header,
                           ["360321", "3603219001", "测试乡第一小学", "小学", "2024", "500", "12", "30"],
                           ["360321", "3603219002", "测试乡第二小学", "小学", "2024", "300", "8", "20"],
                           ["360321", "3603219003", "测试乡中学", "初中", "2024", "400", "10", "32"]],
                          to: file, encoding: Self.gb18030)
        let first = try Self.ingest([file.path], db: db, ["--json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Self.summary(first)["values"] as? Int == 9)
        let oldID = try WarehouseQuery.int(db, "SELECT id FROM source_files")

        // The township sends it again: one figure corrected, one school dropped.
        try Self.writeCSV([Self.header,
                           ["360321", "3603219001", "测试乡第一小学", "小学", "2024", "520", "12", "30"],
                           ["360321", "3603219002", "测试乡第二小学", "小学", "2024", "300", "8", "20"]],
                          to: file, encoding: Self.gb18030)
        let second = try Self.ingest([file.path], db: db, ["--json"])
        #expect(second.status == 0, "\(second.stderr)")
        let summary = try Self.summary(second)
        #expect(summary["files_loaded"] as? Int == 1)
        #expect(summary["values"] as? Int == 6)
        #expect(summary["conflicts"] as? Int == 0)
        let entry = try #require(try Self.files(summary).first)
        #expect(entry["outcome"] as? String == "loaded")
        #expect(entry["superseded"] as? [String] == [file.path])

        let newID = try WarehouseQuery.int(db, "SELECT id FROM source_files WHERE status = 'loaded'")
        #expect(newID != oldID)
        #expect(try WarehouseQuery.lines(db, "SELECT id, status, superseded_by FROM source_files ORDER BY id")
                == ["\(oldID) | superseded | \(newID)", "\(newID) | loaded | NULL"])
        // The corrected figure is the new file's; the dropped school has no values left.
        #expect(try WarehouseQuery.lines(db, """
            SELECT v.value, f.id, v.cell FROM loaded_values v JOIN sheets s ON s.id = v.sheet_id JOIN source_files f ON f.id = s.file_id
            WHERE v.school_code = '3603219001' AND v.field = 'students'
            """) == ["520.0 | \(newID) | F2"])
        #expect(try WarehouseQuery.count(db, "loaded_values", where: "school_code = '3603219003'") == 0)
        #expect(try WarehouseQuery.count(db, "school_values", where: "school_code = '3603219003'") == 0)
        #expect(try WarehouseQuery.count(db, "loaded_values") == 6)
        // Nothing is left pointing at the old version's sheets.
        #expect(try WarehouseQuery.count(db, "loaded_values v JOIN sheets s ON s.id = v.sheet_id", where: "s.file_id = \(oldID)") == 0)
        #expect(try WarehouseQuery.count(db, "conflicts") == 0)
        #expect(try WarehouseQuery.lines(db, "SELECT DISTINCT source_file FROM school_values") == [file.path])
    }

    /// File B wins a conflict over file A; then B's new version drops that school. A is still
    /// loaded and still gives the figures, so they should be A's again, not gone.
    @Test
    func supersedingAConflictsWinnerBringsBackTheOtherFilesFigures() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let a = folder.appendingPathComponent("a.csv"), b = folder.appendingPathComponent("b.csv")
        try Self.writeCSV([Self.header, ["360321", "3603219001", "一小", "小学", "2024", "500", "12", "30"]], to: a)
        try Self.writeCSV([Self.header, ["360321", "3603219001", "一小", "小学", "2024", "510", "12", "30"],
                           ["360321", "3603219002", "二小", "小学", "2024", "300", "8", "20"]], to: b)
        #expect(try Self.ingest([a.path, b.path], db: db).status == 0)
        try Self.writeCSV([Self.header, ["360321", "3603219002", "二小", "小学", "2024", "300", "8", "20"]], to: b)
        #expect(try Self.ingest([b.path], db: db).status == 0)
        #expect(try WarehouseQuery.lines(db, "SELECT path, status FROM source_files ORDER BY id")
                == ["\(a.path) | loaded", "\(b.path) | superseded", "\(b.path) | loaded"])
        #expect(try WarehouseQuery.lines(db, """
            SELECT v.field, v.value, f.path, v.cell FROM loaded_values v JOIN sheets s ON s.id = v.sheet_id
            JOIN source_files f ON f.id = s.file_id WHERE v.school_code = '3603219001' ORDER BY v.cell
            """) == ["students | 500.0 | \(a.path) | F2", "classes | 12.0 | \(a.path) | G2", "full_time_teachers | 30.0 | \(a.path) | H2"])
    }

    /// A return replaced by v2 and then put back as v1 at the same place: the file there now says
    /// v1, but v1's bytes are known (superseded), so the run reports it unchanged and the
    /// warehouse keeps v2's figures. If "the same bytes change nothing" is meant to win over
    /// "a new version at the same place supersedes", this test should go; otherwise it is a bug.
    @Test
    func aReturnPutBackToAnEarlierVersionLoadsThatVersion() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let file = folder.appendingPathComponent("测试乡.csv")
        let v1: [[String]] = [Self.header, ["360321", "3603219001", "一小", "小学", "2024", "500", "12", "30"]]
        let v2: [[String]] = [Self.header, ["360321", "3603219001", "一小", "小学", "2024", "520", "12", "30"]]
        for version in [v1, v2, v1] {
            try Self.writeCSV(version, to: file)
            #expect(try Self.ingest([file.path], db: db).status == 0)
        }
        #expect(try WarehouseQuery.lines(db, "SELECT value FROM loaded_values WHERE field = 'students'") == ["500.0"])
    }

    // MARK: 3. two files, one figure, two values

    @Test(arguments: [false, true])
    func theLaterFileWinsAConflictAndItIsRecorded(reversed: Bool) throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        // The township's return says 500 pupils (F2); the school's own return says 510 (G3).
        let township = folder.appendingPathComponent("乡镇汇总.csv")
        let school = folder.appendingPathComponent("学校自报.csv")
        try Self.writeCSV([Self.header,
                           ["360321", "3603219001", "测试乡第一小学", "小学", "2024", "500", "12", "30"],
                           ["360321", "3603219002", "测试乡第二小学", "小学", "2024", "300", "8", "20"]],
                          to: township)
        try Self.writeCSV([["序号"] + Self.header,
                           ["1", "360321", "3603219005", "测试乡第五小学", "小学", "2024", "100", "6", "9"],
                           ["2", "360321", "3603219001", "测试乡第一小学", "小学", "2024", "510", "12", "30"]],
                          to: school, encoding: Self.gb18030)
        let order = reversed ? [school, township] : [township, school]
        let (earlier, later) = (order[0], order[1])

        let result = try Self.ingest(order.map(\.path), db: db, ["--json", "--jobs", "4"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.summary(result)
        #expect(summary["conflicts"] as? Int == 1)
        let files = try Self.files(summary)
        #expect(files.map { $0["path"] as? String } == [earlier.path, later.path])
        #expect(files.map { $0["conflicts"] as? Int } == [0, 1])

        let (earlierValue, earlierCell) = reversed ? ("510.0", "G3") : ("500.0", "F2")
        let (laterValue, laterCell) = reversed ? ("500.0", "F2") : ("510.0", "G3")
        // The later file's figure is the one loaded, with its own cell.
        #expect(try WarehouseQuery.lines(db, """
            SELECT v.value, f.path, v.cell FROM loaded_values v JOIN sheets s ON s.id = v.sheet_id JOIN source_files f ON f.id = s.file_id
            WHERE v.school_code = '3603219001' AND v.stage = 'primary' AND v.field = 'students' AND v.current = 1
            """) == ["\(laterValue) | \(later.path) | \(laterCell)"])
        // Equal figures in both files (classes, teachers) are no conflict.
        #expect(try WarehouseQuery.lines(db, """
            SELECT year, school_code, stage, field, old_value, old_file, old_cell, new_value, new_file, new_cell FROM value_conflicts
            """) == ["2024 | 3603219001 | primary | students | \(earlierValue) | \(earlier.path) | \(earlierCell) | "
                     + "\(laterValue) | \(later.path) | \(laterCell)"])
        let run = try #require(summary["run"] as? Int)
        #expect(try WarehouseQuery.count(db, "conflicts", where: "run_id = \(run)") == 1)
        #expect(try WarehouseQuery.int(db, "SELECT conflicts FROM ingest_runs WHERE id = \(run)") == 1)
        // One current row per key: the overridden value stays, not current, in case the later file is superseded.
        #expect(try WarehouseQuery.count(db, "loaded_values", where: "current = 1") == 9)
        #expect(try WarehouseQuery.lines(db, """
            SELECT v.value, v.cell FROM loaded_values v
            WHERE v.school_code = '3603219001' AND v.stage = 'primary' AND v.field = 'students' AND v.current = 0
            """) == ["\(earlierValue) | \(earlierCell)"])

        // The text summary says so too (a fresh warehouse, same order).
        let textDB = folder.appendingPathComponent("text.sqlite")
        let text = try Self.ingest(order.map(\.path), db: textDB)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("values, 0 rejects, 1 conflicts →"))
        #expect(text.stdout.contains("loaded     \(later.path): 6 values, 1 conflicts (the later file wins)"))
    }

    // MARK: 4. a bad file among good ones

    @Test func aRejectedFileDoesNotStopTheBatch() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let good1 = Self.samples.appendingPathComponent("桃源乡2024年学校基本数据.csv").path
        let good2 = Self.samples.appendingPathComponent("龙潭镇中心小学2024年报.xlsx").path
        // A workbook saved under a .csv name, and a workbook cut short in transfer.
        let renamed = folder.appendingPathComponent("石门乡.csv")
        try FileManager.default.copyItem(at: Self.samples.appendingPathComponent("石门乡2024年中小学统计报表.xlsx"), to: renamed)
        let truncated = folder.appendingPathComponent("青石镇.xlsx")
        let whole = try Data(contentsOf: Self.samples.appendingPathComponent("青石镇2024年度中小学基本情况统计.xlsx"))
        try whole.prefix(whole.count / 2).write(to: truncated)

        let result = try Self.ingest([good1, renamed.path, truncated.path, good2], db: db, ["--county", "360321"])
        #expect(result.status == 1)
        #expect(!result.crashed)
        #expect(result.stdout.hasPrefix("eduetl ingest: 4 files: 2 loaded, 0 unchanged, 2 rejected;"))
        #expect(result.stdout.contains("rejected   \(renamed.path): this is a ZIP archive"))
        #expect(result.stdout.contains("rejected   \(truncated.path): the file is cut short"))

        let rows = try WarehouseQuery.rows(db, "SELECT path, status, message FROM source_files ORDER BY id")
        #expect(rows.map { $0[0].text } == [good1, renamed.path, truncated.path, good2])
        #expect(rows.map { $0[1].text } == ["loaded", "rejected", "rejected", "loaded"])
        let renamedMessage = try #require(rows[1][2].text)
        #expect(renamedMessage.contains("ZIP archive, most likely an .xlsx workbook renamed .csv"))
        let truncatedMessage = try #require(rows[2][2].text)
        #expect(truncatedMessage.contains("cut short"))

        // The good files' values are all there, as if the bad ones had not been named.
        let alone = folder.appendingPathComponent("alone.sqlite")
        #expect(try Self.ingest([good1, good2], db: alone, ["--county", "360321"]).status == 0)
        #expect(try Self.allValues(db) == Self.allValues(alone))
        #expect(try WarehouseQuery.count(db, "loaded_values") > 0)
        // The rejected files have no sheets and appear in rejected_cells with their reason.
        #expect(try WarehouseQuery.count(db, "sheets s JOIN source_files f ON f.id = s.file_id", where: "f.status = 'rejected'") == 0)
        #expect(try WarehouseQuery.lines(db, "SELECT source_file, file_status, reason FROM rejected_cells WHERE file_status = 'rejected' ORDER BY source_file")
                == [renamed.path, truncated.path].sorted().map { path in
                    "\(path) | rejected | \(path == renamed.path ? renamedMessage : truncatedMessage)"
                })
        #expect(try WarehouseQuery.lines(db, "SELECT status, files_loaded, files_rejected FROM ingest_runs") == ["finished | 2 | 2"])

        // A rejected file is not remembered as loaded: named again, it is read (and rejected) again.
        let again = try Self.ingest([renamed.path], db: db)
        #expect(again.status == 1)
        #expect(try WarehouseQuery.count(db, "source_files", where: "status = 'rejected'") == 3)
    }

    // MARK: 5. a bad figure names its cell

    @Test func aRejectedFigureNamesItsCellAndTheRestLoads() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let file = folder.appendingPathComponent("测试乡.csv")
        try Self.writeCSV([Self.header,
                           ["360321", "3603219001", "测试乡第一小学", "小学", "2024", "500", "12", "30"],
                           ["360321", "3603219002", "测试乡第二小学", "小学", "2024", "约300", "8", "20"],
                           ["360321", "3603219003", "测试乡中学", "初中", "2024", "400", "#DIV/0!", "32"]],
                          to: file, encoding: Self.gb18030)
        let result = try Self.ingest([file.path], db: db, ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.summary(result)
        #expect(summary["rejects"] as? Int == 2)
        #expect(summary["values"] as? Int == 7)

        let rejects = try WarehouseQuery.rows(db, "SELECT source_file, sheet, row, cell, field, raw_text, reason, file_status FROM rejected_cells ORDER BY row")
        #expect(rejects.count == 2)
        if rejects.count == 2 {
            #expect(rejects[0].prefix(6).map(\.description) == [file.path, "测试乡", "3", "F3", "students", "约300"])
            #expect(rejects[0][6].text?.contains("cannot read '约300' as a number") == true)
            #expect(rejects[1].prefix(6).map(\.description) == [file.path, "测试乡", "4", "G4", "classes", "#DIV/0!"])
            #expect(rejects[1][6].text?.contains("#DIV/0!") == true)
            #expect(rejects.allSatisfy { $0[7].text == "loaded" })
        }
        // Every other figure of the file is loaded, each with its cell.
        #expect(try WarehouseQuery.lines(db, "SELECT school_code, field, value, cell FROM loaded_values ORDER BY cell") == [
            "3603219001 | students | 500.0 | F2",
            "3603219003 | students | 400.0 | F4",
            "3603219001 | classes | 12.0 | G2",
            "3603219002 | classes | 8.0 | G3",
            "3603219001 | full_time_teachers | 30.0 | H2",
            "3603219002 | full_time_teachers | 20.0 | H3",
            "3603219003 | full_time_teachers | 32.0 | H4",
        ])
    }

    // MARK: 6. year and county: from the file, the title, or the flags; never guessed

    static let withoutYearOrCounty = ["学校标识码", "学校名称", "学段", "在校生数", "班级数"]

    @Test func aReturnWithoutAYearIsRejectedUnlessYearIsGiven() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("无年份.csv")
        try Self.writeCSV([["行政区划代码"] + Self.withoutYearOrCounty,
                           ["360321", "3603219001", "测试乡第一小学", "小学", "500", "12"],
                           ["360321", "3603219002", "测试乡第二小学", "小学", "300", "8"]], to: file)

        let without = folder.appendingPathComponent("without.sqlite")
        let refused = try Self.ingest([file.path], db: without, ["--json"])
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(try Self.summary(refused)["rejects"] as? Int == 2)
        #expect(try WarehouseQuery.count(without, "loaded_values") == 0)
        let rejects = try WarehouseQuery.rows(without, "SELECT row, raw_text, reason FROM rejected_cells ORDER BY row")
        #expect(rejects.map { $0[0].int } == [2, 3])
        #expect(rejects.map { $0[1].text } == ["测试乡第一小学", "测试乡第二小学"])
        #expect(rejects.allSatisfy { $0[2].text?.hasPrefix("no year for ") == true && $0[2].text?.contains("no --year was given") == true })

        let with = folder.appendingPathComponent("with.sqlite")
        let loaded = try Self.ingest([file.path], db: with, ["--year", "2024", "--json"])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(try Self.summary(loaded)["rejects"] as? Int == 0)
        #expect(try WarehouseQuery.lines(with, "SELECT DISTINCT year, county_code FROM loaded_values") == ["2024 | 360321"])
        #expect(try WarehouseQuery.count(with, "loaded_values") == 4)
        #expect(try WarehouseQuery.count(with, "rejects") == 0)
    }

    @Test func aReturnWithoutACountyIsRejectedUnlessCountyIsGiven() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("无县.csv")
        try Self.writeCSV([["统计年度"] + Self.withoutYearOrCounty,
                           ["2024", "3603219001", "测试乡第一小学", "小学", "500", "12"]], to: file)

        let without = folder.appendingPathComponent("without.sqlite")
        let refused = try Self.ingest([file.path], db: without)
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(try WarehouseQuery.count(without, "loaded_values") == 0)
        let reasons = try WarehouseQuery.rows(without, "SELECT reason FROM rejected_cells").compactMap { $0.first?.text }
        #expect(reasons.count == 1)
        #expect(reasons.first?.hasPrefix("no county for 测试乡第一小学") == true)
        #expect(reasons.first?.contains("no --county was given") == true)

        let with = folder.appendingPathComponent("with.sqlite")
        let loaded = try Self.ingest([file.path], db: with, ["--county", "360321"])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(try WarehouseQuery.lines(with, "SELECT DISTINCT year, county_code FROM loaded_values") == ["2024 | 360321"])
        #expect(try WarehouseQuery.count(with, "loaded_values") == 2)

        // A title row that names the county and year settles both without flags.
        let titled = folder.appendingPathComponent("青石县测试乡2024年小学统计表.csv")
        try Self.writeCSV([["青石县测试乡2024年小学教育事业统计表", "", "", "", ""], Self.withoutYearOrCounty,
                           ["3603219001", "测试乡第一小学", "小学", "500", "12"]], to: titled)
        let fromTitle = folder.appendingPathComponent("title.sqlite")
        #expect(try Self.ingest([titled.path], db: fromTitle).status == 0)
        #expect(try WarehouseQuery.lines(fromTitle, "SELECT DISTINCT year, county_code FROM loaded_values") == ["2024 | 360321"])
        #expect(try WarehouseQuery.count(fromTitle, "rejects") == 0)
    }

    /// The reject says "no --year was given", so the user runs again with --year, into the same
    /// warehouse. The bytes were loaded already (with every record rejected), so the file is
    /// reported unchanged and its figures never load: only a fresh warehouse or edited bytes help.
    @Test
    func givingTheMissingYearAfterwardsLoadsTheRecords() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let file = folder.appendingPathComponent("无年份.csv")
        try Self.writeCSV([["行政区划代码"] + Self.withoutYearOrCounty,
                           ["360321", "3603219001", "测试乡第一小学", "小学", "500", "12"]], to: file)
        #expect(try Self.ingest([file.path], db: db).status == 0)
        #expect(try WarehouseQuery.count(db, "loaded_values") == 0)
        let again = try Self.ingest([file.path], db: db, ["--year", "2024"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try WarehouseQuery.count(db, "loaded_values") == 2, "\(again.stdout)")
    }

    // MARK: 7. databases that cannot be used

    @Test func aCorruptDatabaseIsRefusedAndLeftAlone() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("warehouse.sqlite")
        var generator = SystemRandomNumberGenerator()
        let junk = Data((0..<16_384).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try junk.write(to: db)

        let result = try Self.ingest([Self.samples.appendingPathComponent("桃源乡2024年学校基本数据.csv").path], db: db)
        #expect(result.status == 3)
        #expect(!result.crashed)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("eduetl: \(db.path): this file is not a usable SQLite database"))
        #expect(result.stderr.hasSuffix(".\n"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(try Data(contentsOf: db) == junk)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left == ["warehouse.sqlite"], "no -wal or -shm beside it")
    }

    @Test func aDatabaseInAMissingFolderCannotBeOpened() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("no such folder/warehouse.sqlite")
        let result = try Self.ingest([Self.samples.appendingPathComponent("桃源乡2024年学校基本数据.csv").path], db: db)
        #expect(result.status == 3)
        #expect(!result.crashed)
        #expect(result.stderr.hasPrefix("eduetl: \(db.path): cannot open the warehouse"))
        #expect(result.stderr.contains("check that the folder exists and is writable"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: db.deletingLastPathComponent().path))
    }

    // MARK: 8. read-only places

    /// Root ignores mode bits, so as root the runs that must be refused are made as `nobody`
    /// through setpriv(1) when it is there and nobody can reach the binary and the inputs;
    /// otherwise the test falls back to a path no one can create (/proc), which checks only the
    /// new-database case.
    @Test func aReadOnlyPlaceIsRefusedWithASentence() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer {
            _ = chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let input = folder.appendingPathComponent("测试乡.csv")
        try Self.writeCSV([Self.header, ["360321", "3603219001", "测试乡第一小学", "小学", "2024", "500", "12", "30"]], to: input)
        let arguments = { (db: URL) in ["ingest", input.path, "--db", db.path, "--catalogue", Self.catalogue] }

        var run: ([String]) throws -> BinaryRunner.Result = { try BinaryRunner.run($0) }
        if getuid() == 0 {
            let asNobody = { (arguments: [String]) throws -> BinaryRunner.Result in
                try Self.runProgram("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", BinaryRunner.binary.path] + arguments)
            }
            let probe = FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
                ? try asNobody(["headers", "--catalogue", Self.catalogue, input.path]) : nil
            guard let probe, probe.status == 0 else {
                let db = URL(fileURLWithPath: "/proc/eduetl-\(UUID().uuidString).sqlite")
                let result = try BinaryRunner.run(arguments(db))
                #expect(result.status == 3)
                #expect(!result.crashed)
                #expect(result.stderr.hasPrefix("eduetl: \(db.path): cannot open the warehouse"))
                #expect(result.stderr.filter { $0 == "\n" }.count == 1)
                return
            }
            run = asNobody
        }

        // A new warehouse in a folder nobody may write.
        let locked = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        #expect(chmod(locked.path, 0o555) == 0)
        defer { _ = chmod(locked.path, 0o755) }
        let fresh = locked.appendingPathComponent("w.sqlite")
        let refused = try run(arguments(fresh))
        #expect(refused.status == 3)
        #expect(!refused.crashed)
        #expect(refused.stderr.hasPrefix("eduetl: \(fresh.path): cannot open the warehouse"))
        #expect(refused.stderr.contains("writable"))
        #expect(refused.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))

        // An existing warehouse, read-only, in a read-only folder.
        let shelf = folder.appendingPathComponent("shelf")
        try FileManager.default.createDirectory(at: shelf, withIntermediateDirectories: false)
        let existing = shelf.appendingPathComponent("w.sqlite")
        #expect(try Self.ingest([Self.samples.appendingPathComponent("桃源乡2024年学校基本数据.csv").path], db: existing).status == 0)
        let bytes = try Data(contentsOf: existing)
        #expect(chmod(existing.path, 0o444) == 0)
        #expect(chmod(shelf.path, 0o555) == 0)
        defer { _ = chmod(shelf.path, 0o755) }
        let readOnly = try run(arguments(existing))
        #expect(readOnly.status == 3)
        #expect(!readOnly.crashed)
        #expect(readOnly.stderr.hasPrefix("eduetl: \(existing.path): "))
        #expect(readOnly.stderr.contains("the warehouse is read-only"), "\(readOnly.stderr)")
        #expect(readOnly.stderr.filter { $0 == "\n" }.count == 1)
        #expect(try Data(contentsOf: existing) == bytes)
    }

    static func runProgram(_ path: String, _ arguments: [String]) throws -> BinaryRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return BinaryRunner.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                   stderr: String(decoding: stderr, as: UTF8.self),
                                   crashed: process.terminationReason == .uncaughtSignal)
    }

    // MARK: 9. kill -9 mid-load, then a rerun

    @Test(.enabled(if: BuildConfiguration.isDebug, "the stall hook exists in debug builds only"), .timeLimit(.minutes(2)))
    func aLoadKilledMidTransactionLeavesAConsistentWarehouse() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = ["--catalogue", Self.catalogue, "--county", "360321", "--jobs", "1"]

        // A clean load to compare with, and each file's number of values in the order they load.
        let clean = folder.appendingPathComponent("clean.sqlite")
        let cleanRun = try Self.ingest(Self.countyFiles, db: clean, ["--county", "360321", "--jobs", "1", "--json"])
        #expect(cleanRun.status == 0, "\(cleanRun.stderr)")
        let order = try Self.files(Self.summary(cleanRun)).map { ($0["path"] as? String ?? "?", $0["values"] as? Int ?? -1) }
        #expect(order.count == 9)
        // Stall after 100 values: the files with fewer commit first, the next one is killed mid-transaction.
        let stallAfter = 100
        let committed = order.prefix { $0.1 < stallAfter }.map(\.0)
        #expect(!committed.isEmpty && committed.count < order.count, "the stall point must fall inside a later file")

        let db = folder.appendingPathComponent("w.sqlite")
        let child = try ChildProcess(arguments: ["ingest"] + Self.countyFiles + ["--db", db.path] + options,
                                     environment: ["EDUETL_TEST_STALL_AFTER_VALUES": "\(stallAfter)"])
        defer { child.killHard() }
        guard child.waitForStderr(containing: Self.stallMarker) else {
            Issue.record("the child did not stall within 30 s: \(child.stderr)")
            return
        }
        let killedPID = child.pid
        #expect(child.killHard(), "the child did not die within 30 s of SIGKILL")
        #expect(child.process.terminationReason == .uncaughtSignal)
        #expect(child.process.terminationStatus == SIGKILL)

        // Consistent: intact, every reference resolves, and only whole committed files are there.
        #expect(try WarehouseQuery.lines(db, "PRAGMA integrity_check") == ["ok"])
        #expect(try WarehouseQuery.rows(db, "PRAGMA foreign_key_check").isEmpty)
        #expect(try WarehouseQuery.lines(db, "SELECT path, status FROM source_files ORDER BY id")
                == committed.map { "\($0) | loaded" })
        let perFile = try Self.valuesPerFile(db)
        let cleanPerFile = try Self.valuesPerFile(clean)
        for path in committed {
            #expect(perFile[path] == cleanPerFile[path], "\(path)")
        }
        #expect(try WarehouseQuery.count(db, "loaded_values") + WarehouseQuery.count(db, "county_values")
                == committed.reduce(0) { $0 + (cleanPerFile[$1] ?? 0) })
        #expect(try WarehouseQuery.count(db, "loaded_values v LEFT JOIN sheets s ON s.id = v.sheet_id LEFT JOIN source_files f ON f.id = s.file_id",
                                         where: "f.id IS NULL OR f.status <> 'loaded'") == 0)
        #expect(try WarehouseQuery.lines(db, "SELECT status, pid FROM ingest_runs") == ["running | \(killedPID)"])

        // The rerun loads the rest and ends where a clean load ends.
        let rerun = try BinaryRunner.run(["ingest"] + Self.countyFiles + ["--db", db.path, "--json"] + options)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let summary = try Self.summary(rerun)
        #expect(summary["files_unchanged"] as? Int == committed.count)
        #expect(summary["files_loaded"] as? Int == order.count - committed.count)
        #expect(summary["files_rejected"] as? Int == 0)
        #expect(try WarehouseQuery.count(db, "source_files", where: "status = 'loaded'") == 9)
        #expect(try WarehouseQuery.count(db, "loaded_values") == WarehouseQuery.count(clean, "loaded_values"))
        #expect(try WarehouseQuery.scalar(db, "SELECT sum(value) FROM loaded_values")
                == WarehouseQuery.scalar(clean, "SELECT sum(value) FROM loaded_values"))
        #expect(try Self.allValues(db) == Self.allValues(clean))
        #expect(try WarehouseQuery.lines(db, "PRAGMA integrity_check") == ["ok"])
        #expect(try WarehouseQuery.lines(db, "SELECT id, status FROM ingest_runs ORDER BY id") == ["1 | interrupted", "2 | finished"])
    }

    // MARK: 10. a reader sees each file whole or not at all

    @Test(.enabled(if: BuildConfiguration.isDebug, "the stall hook exists in debug builds only"), .timeLimit(.minutes(2)))
    func aReaderDuringALoadSeesWholeFilesOnly() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Small forms first, then a 78-value township file that stalls after 40 values.
        let paths = ["龙潭镇中心小学2024年报.xlsx", "龙潭镇枫林小学2024年报表.xls", "龙潭镇龙潭学校2024年报.xlsx", "桃源乡2024年学校基本数据.csv"]
            .map { Self.samples.appendingPathComponent($0).path }
        let stallAfter = 40

        let clean = folder.appendingPathComponent("clean.sqlite")
        let cleanRun = try Self.ingest(paths, db: clean, ["--county", "360321", "--json"])
        #expect(cleanRun.status == 0, "\(cleanRun.stderr)")
        let values = try Self.files(Self.summary(cleanRun)).map { $0["values"] as? Int ?? -1 }
        #expect(values.prefix(3).allSatisfy { $0 < stallAfter } && values[3] > stallAfter, "\(values)")
        let stalled = paths[3]
        let stalledSchools = try WarehouseQuery.rows(clean, """
            SELECT DISTINCT v.school_code FROM loaded_values v JOIN sheets s ON s.id = v.sheet_id JOIN source_files f ON f.id = s.file_id
            WHERE f.path = \(stalled.sqlQuoted)
            """).compactMap { $0.first?.text }
        #expect(stalledSchools.count == 6)
        let inStalled = "(" + stalledSchools.map(\.sqlQuoted).joined(separator: ", ") + ")"

        let db = folder.appendingPathComponent("w.sqlite")
        let child = try ChildProcess(arguments: ["ingest"] + paths + ["--db", db.path, "--catalogue", Self.catalogue,
                                                                     "--county", "360321", "--jobs", "1"],
                                     environment: ["EDUETL_TEST_STALL_AFTER_VALUES": "\(stallAfter)"])
        defer { child.killHard() }
        guard child.waitForStderr(containing: Self.stallMarker) else {
            Issue.record("the child did not stall within 30 s: \(child.stderr)")
            return
        }
        #expect(child.stderr.contains("\(Self.stallMarker) after \(stallAfter) values"))
        #expect(child.process.isRunning)

        // Read-only, beside the writer holding its transaction open: the three earlier files whole ...
        let cleanPerFile = try Self.valuesPerFile(clean)
        #expect(try WarehouseQuery.lines(db, "SELECT path, status FROM source_files ORDER BY id", readOnly: true)
                == paths.prefix(3).map { "\($0) | loaded" })
        let counts = try WarehouseQuery.rows(db, """
            SELECT f.path, count(v.id) FROM source_files f JOIN sheets s ON s.file_id = f.id
            LEFT JOIN loaded_values v ON v.sheet_id = s.id GROUP BY f.path
            """, readOnly: true)
        #expect(counts.count == 3)
        for row in counts {
            #expect(row[1].int == cleanPerFile[row[0].text ?? ""], "\(row)")
        }
        #expect(try WarehouseQuery.count(db, "loaded_values", readOnly: true) == Int64(values.prefix(3).reduce(0, +)))
        // ... and nothing of the stalled one: no file row, no sheet, no school, no value.
        #expect(try WarehouseQuery.count(db, "source_files", where: "path = \(stalled.sqlQuoted)", readOnly: true) == 0)
        #expect(try WarehouseQuery.count(db, "sheets", where: "file_id NOT IN (SELECT id FROM source_files)", readOnly: true) == 0)
        #expect(try WarehouseQuery.count(db, "loaded_values", where: "school_code IN \(inStalled)", readOnly: true) == 0)
        #expect(try WarehouseQuery.count(db, "schools", where: "code IN \(inStalled)", readOnly: true) == 0)
        #expect(try WarehouseQuery.lines(db, "SELECT status FROM ingest_runs", readOnly: true) == ["running"])
        // The writer is still inside that file's transaction.
        #expect(child.process.isRunning)
    }

    // MARK: 11. the JSON summary

    @Test func theJSONSummaryMatchesTheWarehouse() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let withRejects = folder.appendingPathComponent("测试乡.csv")
        try Self.writeCSV([Self.header,
                           ["360321", "3603219001", "测试乡第一小学", "小学", "2024", "500", "12", "30"],
                           ["360321", "3603219002", "测试乡第二小学", "小学", "2024", "约300", "#REF!", "20"]], to: withRejects)
        let renamed = folder.appendingPathComponent("石门乡.csv")
        try FileManager.default.copyItem(at: Self.samples.appendingPathComponent("石门乡2024年中小学统计报表.xlsx"), to: renamed)

        let result = try Self.ingest(Self.countyFiles + [withRejects.path, renamed.path], db: db, ["--county", "360321", "--json"])
        #expect(result.status == 1)
        let summary = try Self.summary(result)
        let run = try #require(summary["run"] as? Int)
        #expect(summary["database"] as? String == db.path)
        #expect(try WarehouseQuery.int(db, "SELECT max(id) FROM ingest_runs") == Int64(run))

        let filesLoaded = try #require(summary["files_loaded"] as? Int)
        let filesRejected = try #require(summary["files_rejected"] as? Int)
        let values = try #require(summary["values"] as? Int)
        let rejects = try #require(summary["rejects"] as? Int)
        let conflicts = try #require(summary["conflicts"] as? Int)
        #expect(filesLoaded == 10)
        #expect(filesRejected == 1)
        #expect(summary["files_unchanged"] as? Int == 0)
        #expect(rejects == 2)
        #expect(Int64(filesLoaded) == (try WarehouseQuery.count(db, "source_files", where: "status = 'loaded' AND run_id = \(run)")))
        #expect(Int64(filesRejected) == (try WarehouseQuery.count(db, "source_files", where: "status = 'rejected' AND run_id = \(run)")))
        #expect(Int64(values) == (try WarehouseQuery.count(db, "loaded_values")) + (try WarehouseQuery.count(db, "county_values")))
        #expect(Int64(rejects) == (try WarehouseQuery.count(db, "rejected_cells", where: "file_status = 'loaded'")))
        #expect(Int64(conflicts) == (try WarehouseQuery.count(db, "conflicts", where: "run_id = \(run)")))
        #expect(try WarehouseQuery.lines(db, """
            SELECT status, files_loaded, files_unchanged, files_rejected, values_loaded, rejects, conflicts FROM ingest_runs WHERE id = \(run)
            """) == ["finished | \(filesLoaded) | 0 | \(filesRejected) | \(values) | \(rejects) | \(conflicts)"])

        // Each file's entry matches its rows.
        let files = try Self.files(summary)
        #expect(files.count == 11)
        #expect(files.last?["path"] as? String == renamed.path)
        let perFile = try Self.valuesPerFile(db)
        for file in files {
            let path = try #require(file["path"] as? String)
            switch file["outcome"] as? String {
            case "loaded":
                #expect(Int64(file["values"] as? Int ?? -1) == perFile[path], "\(path)")
                #expect(Int64(file["rejects"] as? Int ?? -1)
                        == (try WarehouseQuery.count(db, "rejected_cells", where: "source_file = \(path.sqlQuoted)")), "\(path)")
                #expect(file["superseded"] as? [String] == [])
            case "rejected":
                let reason = try #require(file["reason"] as? String)
                #expect(try WarehouseQuery.lines(db, "SELECT status, message FROM source_files WHERE path = \(path.sqlQuoted)")
                        == ["rejected | \(reason)"])
            default:
                Issue.record("unexpected outcome for \(path): \(file)")
            }
        }
    }
}
