import Foundation
import Testing
import EduReports

/// With EDUETL_KEEP_XLSX=folder, writes the sample report (shared and inline strings) there,
/// for opening by hand in Excel, WPS or LibreOffice. Otherwise does nothing.
@Suite("Sample report for manual checks")
struct KeepSample {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EDUETL_KEEP_XLSX"] != nil, "EDUETL_KEEP_XLSX is unset"))
    func writeSampleForManualChecks() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["EDUETL_KEEP_XLSX"])
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try SampleReport.workbook().write(to: folder + "/青石县_2024_小学达标.xlsx")
        try SampleReport.workbook(storage: .inline).write(to: folder + "/inline.xlsx")
    }
}
