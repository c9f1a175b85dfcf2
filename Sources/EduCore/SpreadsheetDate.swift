#if canImport(Glibc)
import Glibc  // links libm, which rounded(.down) calls
#endif

/// A calendar date and time from a spreadsheet, kept as a day serial in the 1900 date system
/// (days since 1899-12-30, the fraction being the time of day). Workbooks in the 1904 system are
/// converted when read, so a serial always means the same day.
public struct SpreadsheetDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1899-12-30 (what Excel stores for dates after 1900-03-01).
    public var serial: Double

    /// Days between the 1904 and the 1900 systems' epochs.
    public static let offset1904 = 1462.0

    public init(serial: Double) {
        self.serial = serial
    }

    /// The serials Excel shows as dates, in the 1900 system: 0 (which it shows as 1900-01-00) up to
    /// the end of 9999-12-31. Excel shows anything else in a date format as ####.
    public static let excelSerialRange = 0.0..<2_958_466.0

    /// A serial as Excel writes it. Excel's 1900 system counts a 29 February 1900 that never
    /// was, so serials below 60 are shifted by a day to land on the right date. Nil outside the
    /// dates Excel can show (negative, after 9999-12-31, NaN, infinite): such a number is no date,
    /// and a reader keeps it as the number it is.
    public init?(excelSerial: Double, uses1904System: Bool) {
        let inSystem1900 = uses1904System ? excelSerial + Self.offset1904 : excelSerial
        guard Self.excelSerialRange.contains(inSystem1900), !uses1904System || excelSerial >= 0 else { return nil }
        if uses1904System {
            self.serial = inSystem1900
        } else {
            self.serial = excelSerial < 60 ? excelSerial + 1 : excelSerial
        }
    }

    /// Years 0 to 9999 (ISO 8601's four digits); nil for another year or a day that does not exist.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
              (0...59).contains(minute), second >= 0, second < 61 else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        guard Self.civilFromDays(days) == (year, month, day) else { return nil }
        let epoch = Self.daysFromCivil(year: 1899, month: 12, day: 30)
        serial = Double(days - epoch) + (Double(hour * 3600 + minute * 60) + second) / 86_400
    }

    public struct Components: Hashable, Sendable {
        public var year, month, day, hour, minute, second: Int
    }

    /// Beyond this many days from the epoch (2.7 million years) components are those of the limit:
    /// no reader makes such a date (they refuse what Excel cannot show), and the integer
    /// conversions below must not trap on a serial built by hand (or NaN, taken as the epoch).
    static let componentLimit = 1e9

    /// Calendar fields, the time rounded to the nearest millisecond and then cut to the second.
    public var components: Components {
        let bounded = serial.isNaN ? 0 : min(max(serial, -Self.componentLimit), Self.componentLimit)
        let totalMilliseconds = (bounded * 86_400_000).rounded()
        let dayMilliseconds = 86_400_000.0
        let wholeDays = (totalMilliseconds / dayMilliseconds).rounded(.down)
        let secondsOfDay = Int((totalMilliseconds - wholeDays * dayMilliseconds) / 1000)
        let epoch = Self.daysFromCivil(year: 1899, month: 12, day: 30)
        let (year, month, day) = Self.civilFromDays(epoch + Int(wholeDays))
        return Components(year: year, month: month, day: day, hour: secondsOfDay / 3600,
                          minute: secondsOfDay / 60 % 60, second: secondsOfDay % 60)
    }

    /// ISO 8601: "YYYY-MM-DD" at midnight, else "YYYY-MM-DDTHH:MM:SS".
    public var iso8601: String {
        let c = components
        let date = "\(Self.pad(c.year, 4))-\(Self.pad(c.month, 2))-\(Self.pad(c.day, 2))"
        if c.hour == 0 && c.minute == 0 && c.second == 0 { return date }
        return date + "T\(Self.pad(c.hour, 2)):\(Self.pad(c.minute, 2)):\(Self.pad(c.second, 2))"
    }

    public var description: String { iso8601 }

    public static func < (lhs: SpreadsheetDate, rhs: SpreadsheetDate) -> Bool { lhs.serial < rhs.serial }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - text.count)) + text
        return value < 0 ? "-" + padded : padded
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian, day 0 = 1970-01-01).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
