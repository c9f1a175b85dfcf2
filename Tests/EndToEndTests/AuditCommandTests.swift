import Foundation
import Testing

/// `eduetl audit` through the binary: the summary, the files, exit 1 on an error finding and 0 on warnings only.
struct AuditCommandTests {
    static let catalogue = BinaryRunner.root.appendingPathComponent("Pipelines/catalogue.yml").path

    /// Ingests one CSV return into a new warehouse in `folder`.
    static func ingest(_ lines: [String], in folder: URL) throws -> URL {
        let csv = folder.appendingPathComponent("示例县2024.csv")
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: csv)
        let db = folder.appendingPathComponent("warehouse.sqlite")
        let result = try BinaryRunner.run(["ingest", csv.path, "--db", db.path, "--catalogue", catalogue, "--county", "360321"])
        try #require(result.status == 0, "\(result.stderr)")
        return db
    }

    @Test func anErrorFindingEndsWithStatus1AfterWritingTheFiles() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Self.ingest(["学校标识码,学校名称,乡镇,办学类型,统计年度,在校学生数,班级数,教学及辅助用房面积",
                                  "3603219701,甲小学,白鹭镇,小学,2024,500,10,-500"], in: folder)
        let out = folder.appendingPathComponent("out")
        let result = try BinaryRunner.run(["audit", "--year", "2024", "--db", db.path, "--out", out.path])
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("错误 数值为负 (negative_value, error): 1"), "\(result.stdout)")
        #expect(result.stderr.contains("the checks found"), "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.count == 3 && files.allSatisfy { $0.contains("-360321-2024-audit-") }, "\(files)")
        #expect(files.map { URL(fileURLWithPath: $0).pathExtension } == ["csv", "json", "xlsx"])
    }

    @Test func warningsOnlyEndWithStatus0() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Self.ingest(["学校标识码,学校名称,乡镇,办学类型,统计年度,在校学生数,班级数",
                                  "3603219703,丙小学,东湖街道,小学,2024,600,10"], in: folder)
        let out = folder.appendingPathComponent("out")
        let result = try BinaryRunner.run(["audit", "--year", "2024", "--county", "360321", "--db", db.path, "--out", out.path,
                                           "--format", "csv"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("提示 班额异常 (class_size, warning): 1"), "\(result.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 1)
        let usage = try BinaryRunner.run(["audit", "--year", "2024", "--db", db.path, "--format", "html"])
        #expect(usage.status == 2)
    }

    /// The checks are read again at every audit: an edited severity counts without a new ingest, and a
    /// broken file is refused with its line, the warehouse's checks left as they were.
    @Test func theChecksAreReadAgainAtEveryAudit() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Self.ingest(["学校标识码,学校名称,乡镇,办学类型,统计年度,在校学生数,班级数,教学及辅助用房面积",
                                  "3603219701,甲小学,白鹭镇,小学,2024,500,10,-500"], in: folder)
        let text = try String(contentsOf: BinaryRunner.root.appendingPathComponent("Pipelines/checks.yml"), encoding: .utf8)
        let lenient = folder.appendingPathComponent("lenient.yml")
        try text.replacingOccurrences(of: "  negative_value:\n    severity: error", with: "  negative_value:\n    severity: warning")
            .write(to: lenient, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let edited = try BinaryRunner.run(["audit", "--year", "2024", "--db", db.path, "--out", out, "--format", "csv", "--checks", lenient.path])
        #expect(edited.status == 0, "\(edited.stdout)\n\(edited.stderr)")
        #expect(edited.stdout.contains("(negative_value, warning): 1"), "\(edited.stdout)")

        let broken = folder.appendingPathComponent("broken.yml")
        try "version: 1\nrules:\n  negative_value:\n    severity: fatal\n    message: x\n".write(to: broken, atomically: true, encoding: .utf8)
        let refused = try BinaryRunner.run(["audit", "--year", "2024", "--db", db.path, "--out", out, "--checks", broken.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("broken.yml line 4"), "\(refused.stderr)")
        let report = try BinaryRunner.run(["report", "--year", "2024", "--db", db.path, "--out", out, "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("1 error"), "the default checks again at the report: \(report.stdout)")
    }
}
