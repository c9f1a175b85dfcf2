import EduReports
import EduXLSX
import Foundation
import Testing

/// With EDUETL_KEEP_XLSX=folder, writes the sample report (shared and inline strings) there,
/// for opening by hand in Excel, WPS or LibreOffice, and checks that both read back whole.
/// Otherwise skipped.
@Suite("Sample report for manual checks")
struct KeepSample {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EDUETL_KEEP_XLSX"] != nil, "EDUETL_KEEP_XLSX is unset"))
    func writeSampleForManualChecks() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["EDUETL_KEEP_XLSX"])
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let paths = [folder + "/青石县_2024_小学达标.xlsx", folder + "/inline.xlsx"]
        try SampleReport.workbook().write(to: paths[0])
        try SampleReport.workbook(storage: .inline).write(to: paths[1])
        for path in paths {
            #expect(try Workbook(path: path).sheets.map(\.name) == SampleReport.sheetNames, "\(path)")
        }
    }
}
