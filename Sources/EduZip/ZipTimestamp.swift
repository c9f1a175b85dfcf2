import EduCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ZIP entry's modification time: local calendar fields, stored as an MS-DOS date and time
/// (APPNOTE 4.4.6: two-second resolution, years 1980 to 2107; times outside are clamped).
public struct ZipTimestamp: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The calendar fields of a Unix time at a fixed offset from UTC (0: UTC itself).
    public init(secondsSince1970 seconds: Int64, utcOffsetSeconds offset: Int = 0) {
        let local = seconds + Int64(offset)
        let (days, secondOfDay) = local.quotientAndRemainder(dividingBy: 86_400)
        let (wholeDays, daySeconds) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        let (year, month, day) = SpreadsheetDate.civilFromDays(Int(wholeDays))
        self.init(year: year, month: month, day: day, hour: Int(daySeconds / 3600),
                  minute: Int(daySeconds / 60 % 60), second: Int(daySeconds % 60))
    }

    /// A Unix time in this machine's time zone (localtime_r), as ZIP tools show entry times.
    public static func local(secondsSince1970 seconds: Int64) -> ZipTimestamp {
        var time = time_t(seconds)
        var fields = tm()
        guard localtime_r(&time, &fields) != nil else { return ZipTimestamp(secondsSince1970: seconds) }
        return ZipTimestamp(year: Int(fields.tm_year) + 1900, month: Int(fields.tm_mon) + 1, day: Int(fields.tm_mday),
                            hour: Int(fields.tm_hour), minute: Int(fields.tm_min), second: Int(fields.tm_sec))
    }

    /// Now, in this machine's time zone.
    public static func now() -> ZipTimestamp {
        local(secondsSince1970: Int64(time(nil)))
    }

    /// "2024-09-01 08:30:00".
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }

    /// The MS-DOS date: bits 15–9 years since 1980, 8–5 month, 4–0 day. Before 1980 is
    /// 1980-01-01 00:00:00, after 2107 is 2107-12-31 23:59:58.
    var dosDate: UInt16 { clamped.date }

    /// The MS-DOS time: bits 15–11 hour, 10–5 minute, 4–0 seconds / 2.
    var dosTime: UInt16 { clamped.time }

    private var clamped: (date: UInt16, time: UInt16) {
        if year < 1980 { return (UInt16(1 << 5 | 1), 0) }
        if year > 2107 { return (UInt16(127 << 9 | 12 << 5 | 31), UInt16(23 << 11 | 59 << 5 | 29)) }
        let month = min(max(self.month, 1), 12), day = min(max(self.day, 1), 31)
        let hour = min(max(self.hour, 0), 23), minute = min(max(self.minute, 0), 59)
        let second = min(max(self.second, 0), 59)
        return (UInt16((year - 1980) << 9 | month << 5 | day), UInt16(hour << 11 | minute << 5 | second / 2))
    }
}
