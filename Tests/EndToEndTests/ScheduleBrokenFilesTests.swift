import Foundation
import Testing

/// `eduetl schedule` over a folder with a broken pipeline file: the broken one is reported with its
/// line, the good one is still listed (and run), and the command ends with status 1.
struct ScheduleBrokenFilesTests {
    @Test func aBrokenFileIsReportedAndTheGoodOnesStillRun() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let warehouse = folder.appendingPathComponent("w.sqlite").path
        try Data("name: good\ninputs: \(folder.appendingPathComponent("drop").path)\nwarehouse: \(warehouse)\nschedule: \"0 6 * * *\"\n".utf8)
            .write(to: folder.appendingPathComponent("a-good.yml"))
        try Data("name: bad\ninputs: returns/\nwarehous: w.sqlite\n".utf8).write(to: folder.appendingPathComponent("b-bad.yml"))

        let list = try BinaryRunner.run(["schedule", "list", "--pipelines", folder.path, "--now", "2024-09-01T06:00:00+08:00"])
        #expect(list.status == 1)
        #expect(list.stdout.contains("good ("))
        #expect(list.stderr.contains("b-bad.yml line 3"), "\(list.stderr)")

        let due = try BinaryRunner.run(["schedule", "run-due", "--pipelines", folder.path, "--now", "2024-09-01T06:00:00+08:00"])
        #expect(due.status == 1)
        #expect(due.stdout.contains("pipeline good finished"), "\(due.stdout)\n\(due.stderr)")
        #expect(due.stderr.contains("b-bad.yml line 3"))
    }
}
