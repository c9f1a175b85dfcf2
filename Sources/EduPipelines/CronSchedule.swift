import Foundation

/// A cron expression that cannot be used, naming the field and why:
/// `day-of-month 32 is out of range 1-31`.
public struct CronError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The field at fault; nil when the expression as a whole is wrong (the number of fields).
    public var field: CronField.Kind?
    /// Why, without the field's name (`32 is out of range 1-31`).
    public var problem: String

    public init(field: CronField.Kind?, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String {
        guard let field else { return problem }
        return "\(field.rawValue) \(problem)"
    }
}

/// One of the five fields of a cron expression: the values it allows, sorted.
public struct CronField: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case minute
        case hour
        case dayOfMonth = "day-of-month"
        case month
        case dayOfWeek = "day-of-week"

        /// The values the field may name (day-of-week: 0-7, both 0 and 7 Sunday).
        public var range: ClosedRange<Int> {
            switch self {
            case .minute: return 0...59
            case .hour: return 0...23
            case .dayOfMonth: return 1...31
            case .month: return 1...12
            case .dayOfWeek: return 0...7
            }
        }

        /// The names the field accepts, case-insensitive, each with its number.
        var names: [String: Int] {
            switch self {
            case .month:
                return ["JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
                        "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12]
            case .dayOfWeek:
                return ["SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6]
            default:
                return [:]
            }
        }

        var expected: String {
            switch self {
            case .month: return "a number 1-12 or a name JAN-DEC"
            case .dayOfWeek: return "a number 0-7 or a name SUN-SAT"
            default: return "a number \(range.lowerBound)-\(range.upperBound)"
            }
        }
    }

    public let kind: Kind
    /// The values allowed, ascending (day-of-week: 0-6, Sunday 0).
    public let values: [Int]
    /// False when the field began with `*` (as `*` or `*/n`): for the day-of-month/day-of-week
    /// rule, only fields that do not begin with `*` count as restricted (as Vixie cron does).
    public let isRestricted: Bool
    private let mask: UInt64

    public func contains(_ value: Int) -> Bool {
        value >= 0 && value < 64 && mask & (1 << UInt64(value)) != 0
    }

    init(_ text: String, kind: Kind) throws(CronError) {
        self.kind = kind
        var mask: UInt64 = 0
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        for item in items {
            guard !item.isEmpty else {
                throw CronError(field: kind, problem: "\"\(text)\" has an empty item in its list")
            }
            for value in try Self.values(of: String(item), kind: kind) {
                let stored = kind == .dayOfWeek && value == 7 ? 0 : value
                mask |= 1 << UInt64(stored)
            }
        }
        self.mask = mask
        self.values = (0..<64).filter { mask & (1 << UInt64($0)) != 0 }
        self.isRestricted = !text.hasPrefix("*")
    }

    /// The values of one list item: `*`, `5`, `1-5`, `MON-FRI`, `*/15`, `10-50/10`, `5/15` (5 to the end, by 15).
    private static func values(of item: String, kind: Kind) throws(CronError) -> [Int] {
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            throw CronError(field: kind, problem: "\"\(item)\" has more than one step (/)")
        }
        var step = 1
        if parts.count == 2 {
            let stepText = String(parts[1])
            guard let value = Int(stepText), stepText.allSatisfy(\.isASCII) else {
                throw CronError(field: kind, problem: "step \"\(stepText)\" in \"\(item)\" is not a whole number")
            }
            guard value >= 1 else {
                throw CronError(field: kind, problem: "step \(value) in \"\(item)\" must be at least 1")
            }
            guard value <= kind.range.upperBound else {
                throw CronError(field: kind, problem: "step \(value) in \"\(item)\" is larger than \(kind.range.upperBound)")
            }
            step = value
        }
        let base = String(parts[0])
        let low: Int
        let high: Int
        if base == "*" {
            // Day-of-week `*` is 0-6: 7 would only repeat Sunday (and spoil `*/2`).
            low = kind.range.lowerBound
            high = kind == .dayOfWeek ? 6 : kind.range.upperBound
        } else if let dash = base.firstIndex(of: "-") {
            let lowText = String(base[..<dash])
            let highText = String(base[base.index(after: dash)...])
            low = try value(lowText, kind: kind)
            high = try value(highText, kind: kind)
            guard low <= high else {
                throw CronError(field: kind, problem: "range \(base) runs backwards (\(lowText) is after \(highText))")
            }
        } else {
            low = try value(base, kind: kind)
            // `5/15` is 5 to the end of the range by 15, as Vixie cron reads it.
            high = parts.count == 2 ? (kind == .dayOfWeek ? 6 : kind.range.upperBound) : low
        }
        return Array(stride(from: low, through: high, by: step))
    }

    private static func value(_ text: String, kind: Kind) throws(CronError) -> Int {
        if text.isEmpty {
            throw CronError(field: kind, problem: "has an empty value; expected \(kind.expected)")
        }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard let number = Int(text), kind.range.contains(number) else {
                throw CronError(field: kind, problem: "\(text) is out of range \(kind.range.lowerBound)-\(kind.range.upperBound)")
            }
            return number
        }
        if let number = kind.names[text.uppercased()] { return number }
        throw CronError(field: kind, problem: "\"\(text)\" is not \(kind.expected)")
    }
}

/// A five-field cron expression — minute hour day-of-month month day-of-week — read as Vixie cron
/// reads it: `*`, lists `1,15`, ranges `1-5`, steps `*/15` and `10-50/10`, month names JAN-DEC and
/// day names SUN-SAT (any case), 0 and 7 both Sunday, and the macros @yearly (@annually), @monthly,
/// @weekly, @daily (@midnight) and @hourly. When both day-of-month and day-of-week are restricted
/// (neither begins with `*`), a day matches when either matches.
///
/// Time is always passed in: nothing here reads the clock or sleeps. Slots are whole minutes of
/// the local time of the time zone given, on the Gregorian calendar. On a day a clock goes forward,
/// a slot in the skipped hour falls at the shifted time; on a day it goes back, a slot in the
/// repeated hour falls once, at its first occurrence.
public struct CronSchedule: Sendable, Equatable, CustomStringConvertible {
    /// How far `next(after:in:)` and `previous(atOrBefore:in:)` look before giving up: eight years,
    /// the longest gap between two 29 Februaries (2096 to 2104). Every expression the parser takes
    /// has a slot within it.
    public static let searchYears = 8

    public let expression: String
    public let minute: CronField
    public let hour: CronField
    public let dayOfMonth: CronField
    public let month: CronField
    public let dayOfWeek: CronField

    /// The local time of one minute, as the fields see it (weekday 0 is Sunday).
    public struct Moment: Sendable, Equatable {
        public var minute: Int
        public var hour: Int
        public var day: Int
        public var month: Int
        public var weekday: Int

        public init(minute: Int, hour: Int, day: Int, month: Int, weekday: Int) {
            self.minute = minute
            self.hour = hour
            self.day = day
            self.month = month
            self.weekday = weekday % 7
        }

        /// The local time of `date` in `timeZone`.
        public init(_ date: Date, in timeZone: TimeZone) {
            // A Gregorian calendar always gives these components; the defaults only keep a bad date from trapping.
            let parts = CronSchedule.calendar(timeZone).dateComponents([.minute, .hour, .day, .month, .weekday], from: date)
            self.init(minute: parts.minute ?? 0, hour: parts.hour ?? 0, day: parts.day ?? 1, month: parts.month ?? 1,
                      weekday: (parts.weekday ?? 1) - 1)
        }
    }

    private static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    public init(_ expression: String) throws(CronError) {
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        self.expression = trimmed
        var text = trimmed
        if trimmed.hasPrefix("@") {
            guard let expanded = Self.macros[trimmed.lowercased()] else {
                throw CronError(field: nil, problem: "\"\(trimmed)\" is not one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly")
            }
            text = expanded
        }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw CronError(field: nil, problem: "a schedule has five fields (minute hour day-of-month month day-of-week); \"\(trimmed)\" has \(fields.count)")
        }
        minute = try CronField(fields[0], kind: .minute)
        hour = try CronField(fields[1], kind: .hour)
        dayOfMonth = try CronField(fields[2], kind: .dayOfMonth)
        month = try CronField(fields[3], kind: .month)
        dayOfWeek = try CronField(fields[4], kind: .dayOfWeek)
        // A day of the month that no month chosen has (31 in APR, 30 in FEB) would never run.
        if !(dayOfMonth.isRestricted && dayOfWeek.isRestricted) {
            let possible = month.values.contains { month in dayOfMonth.values.contains { $0 <= Self.longestMonth(month) } }
            guard possible else {
                throw CronError(field: .dayOfMonth, problem: "\(fields[2]) never falls in month \(fields[3])")
            }
        }
    }

    public var description: String { expression }

    /// Whether the minute `moment` is a slot.
    public func matches(_ moment: Moment) -> Bool {
        guard minute.contains(moment.minute), hour.contains(moment.hour), month.contains(moment.month) else { return false }
        return dayMatches(day: moment.day, weekday: moment.weekday)
    }

    /// Whether the minute that holds `date` is a slot in `timeZone`.
    public func matches(_ date: Date, in timeZone: TimeZone) -> Bool {
        matches(Moment(date, in: timeZone))
    }

    /// The first slot strictly after `date`, or nil when none falls within `searchYears` years.
    public func next(after date: Date, in timeZone: TimeZone) -> Date? {
        search(from: date, forward: true, timeZone: timeZone, years: Self.searchYears)
    }

    func next(after date: Date, in timeZone: TimeZone, withinYears years: Int) -> Date? {
        search(from: date, forward: true, timeZone: timeZone, years: years)
    }

    /// The last slot at or before `date`, or nil when none falls within `searchYears` years before it.
    public func previous(atOrBefore date: Date, in timeZone: TimeZone) -> Date? {
        search(from: date, forward: false, timeZone: timeZone, years: Self.searchYears)
    }

    func previous(atOrBefore date: Date, in timeZone: TimeZone, withinYears years: Int) -> Date? {
        search(from: date, forward: false, timeZone: timeZone, years: years)
    }

    /// The slot a run is due for at `now`: the latest slot in (lastRun, now], so a pipeline that
    /// missed several slots (the machine was off) runs once, for the latest. Nil when none fell.
    /// With no last run (a pipeline never run), only a slot in the current minute is due: a new
    /// pipeline waits for its first slot rather than running at once for one long past.
    public func isDue(lastRun: Date?, now: Date, timeZone: TimeZone) -> Date? {
        guard let slot = previous(atOrBefore: now, in: timeZone) else { return nil }
        if let lastRun { return slot > lastRun ? slot : nil }
        return now.timeIntervalSince(slot) < 60 ? slot : nil
    }

    /// Every slot in (lastRun, now], oldest first, at most `limit` of them (the latest ones kept):
    /// for reporting what was missed. A run is for `isDue`'s one slot.
    public func slots(after lastRun: Date, through now: Date, in timeZone: TimeZone, limit: Int = 1000) -> [Date] {
        var found: [Date] = []
        var cursor = now
        while found.count < limit, let slot = previous(atOrBefore: cursor, in: timeZone), slot > lastRun {
            found.append(slot)
            cursor = slot.addingTimeInterval(-1)
        }
        return found.reversed()
    }

    // MARK: the search

    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private func dayMatches(day: Int, weekday: Int) -> Bool {
        if dayOfMonth.isRestricted && dayOfWeek.isRestricted {
            return dayOfMonth.contains(day) || dayOfWeek.contains(weekday)
        }
        return dayOfMonth.contains(day) && dayOfWeek.contains(weekday)
    }

    /// Walks local days from the day of `date` (forward or back), and in each day that matches,
    /// its hours and minutes in order, turning each into a Date in `timeZone`.
    private func search(from date: Date, forward: Bool, timeZone: TimeZone, years: Int) -> Date? {
        let calendar = Self.calendar(timeZone)
        let start = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let startYear = start.year, let startMonth = start.month, let startDate = start.day, let startHour = start.hour,
              let startMinute = start.minute, var day = LocalDay(year: startYear, month: startMonth, day: startDate) else { return nil }
        let startDay = day
        let startTime = startHour * 60 + startMinute
        let hours = forward ? hour.values : hour.values.reversed()
        let minutes = forward ? minute.values : minute.values.reversed()
        let days = years * 366 + 2
        for _ in 0..<days {
            if month.contains(day.month) && dayMatches(day: day.day, weekday: day.weekday) {
                for h in hours {
                    for m in minutes {
                        if day == startDay {
                            // Whole minutes on the first day: past the start going forward, at or before it going back.
                            let time = h * 60 + m
                            if forward ? time < startTime : time > startTime { continue }
                        }
                        let parts = DateComponents(year: day.year, month: day.month, day: day.day, hour: h, minute: m, second: 0)
                        guard let candidate = calendar.date(from: parts) else { continue }
                        if forward ? candidate > date : candidate <= date { return candidate }
                    }
                }
            }
            day = forward ? day.following : day.preceding
        }
        return nil
    }

    static func longestMonth(_ month: Int) -> Int {
        switch month {
        case 2: return 29
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A day of the proleptic Gregorian calendar, stepped without time zones.
struct LocalDay: Equatable {
    var year: Int
    var month: Int
    var day: Int

    init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.length(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func length(year: Int, month: Int) -> Int {
        month == 2 ? (isLeap(year) ? 29 : 28) : CronSchedule.longestMonth(month)
    }

    /// 0 Sunday ... 6 Saturday.
    var weekday: Int {
        // Days from 1970-01-01 (a Thursday), by Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return ((days % 7) + 7 + 4) % 7
    }

    var following: LocalDay {
        var next = self
        if day < Self.length(year: year, month: month) {
            next.day += 1
        } else if month < 12 {
            next.month += 1
            next.day = 1
        } else {
            next.year += 1
            next.month = 1
            next.day = 1
        }
        return next
    }

    var preceding: LocalDay {
        var previous = self
        if day > 1 {
            previous.day -= 1
        } else if month > 1 {
            previous.month -= 1
            previous.day = Self.length(year: year, month: previous.month)
        } else {
            previous.year -= 1
            previous.month = 12
            previous.day = 31
        }
        return previous
    }
}
