import Testing
@testable import EduCore

@Suite struct SpreadsheetDateTests {
    @Test(arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (61.0, "1900-03-01"),
        (44197.0, "2021-01-01"), (44197.5, "2021-01-01T12:00:00"), (45292.25, "2024-01-01T06:00:00"),
    ])
    func serialsIn1900System(serial: Double, iso: String) {
        #expect(SpreadsheetDate(excelSerial: serial, uses1904System: false)?.iso8601 == iso)
    }

    @Test func serialsIn1904System() {
        // 1904 system: serial 0 is 1904-01-01; 42735 is 2021-01-01.
        #expect(SpreadsheetDate(excelSerial: 0, uses1904System: true)?.iso8601 == "1904-01-01")
        #expect(SpreadsheetDate(excelSerial: 42_736, uses1904System: true)?.iso8601 == "2021-01-02")
    }

    @Test func componentsRoundTrip() {
        let date = SpreadsheetDate(year: 2023, month: 9, day: 1, hour: 8, minute: 30, second: 15)
        #expect(date?.iso8601 == "2023-09-01T08:30:15")
        #expect(SpreadsheetDate(year: 2023, month: 2, day: 29) == nil)
    }

    @Test func timesRoundToTheNearestMillisecondBeforeCutting() {
        // 23:59:59.9999 must not show as the next day's midnight nor lose a second.
        let almostMidnight = SpreadsheetDate(serial: 44197 + (86_399.9999 / 86_400))
        #expect(almostMidnight.iso8601 == "2021-01-02")
        let justBefore = SpreadsheetDate(serial: 44197 + (86_399.4 / 86_400))
        #expect(justBefore.iso8601 == "2021-01-01T23:59:59")
    }

    /// Excel shows these as ####: no date, and no trap converting them (1E19 used to trap).
    @Test(arguments: [1e19, -1e19, 9.3e18, 1e300, -1, 2_958_466, .infinity, -.infinity, .nan])
    func serialsExcelCannotShowAreNoDate(serial: Double) {
        #expect(SpreadsheetDate(excelSerial: serial, uses1904System: false) == nil)
        #expect(SpreadsheetDate(excelSerial: serial, uses1904System: true) == nil)
    }

    @Test func theLastDayExcelShowsIsADate() {
        #expect(SpreadsheetDate(excelSerial: 2_958_465.5, uses1904System: false)?.iso8601 == "9999-12-31T12:00:00")
        #expect(SpreadsheetDate(excelSerial: 2_958_465 - 1462, uses1904System: true)?.iso8601 == "9999-12-31")
    }

    /// A date built by hand far outside any calendar still has components (clamped), never a trap.
    @Test(arguments: [1e19, -1e300, .infinity, .nan])
    func componentsOfAnyHandBuiltSerialDoNotTrap(serial: Double) {
        #expect(!SpreadsheetDate(serial: serial).iso8601.isEmpty)
    }

    @Test(arguments: [Int.max, Int.min, 10_000, -1])
    func yearsOutsideFourDigitsAreNoDate(year: Int) {
        #expect(SpreadsheetDate(year: year, month: 1, day: 1) == nil)
    }
}
