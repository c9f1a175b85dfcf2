@testable import EduPipelines
import Foundation
import Testing

let utc = TimeZone(identifier: "UTC")!
let shanghai = TimeZone(identifier: "Asia/Shanghai")!

/// A local time in `zone`: "2024-04-01 06:30".
func at(_ text: String, _ zone: TimeZone = utc) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.calendar = Calendar(identifier: .gregorian)
    formatter.timeZone = zone
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.date(from: text)!
}

func show(_ date: Date?, _ zone: TimeZone = utc) -> String {
    guard let date else { return "nil" }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.calendar = Calendar(identifier: .gregorian)
    formatter.timeZone = zone
    formatter.dateFormat = "yyyy-MM-dd HH:mm EEE"
    return formatter.string(from: date)
}

struct CronParsingTests {
    struct Case: CustomStringConvertible, Sendable {
        var expression: String
        var minute: [Int]? = nil
        var hour: [Int]? = nil
        var dayOfMonth: [Int]? = nil
        var month: [Int]? = nil
        var dayOfWeek: [Int]? = nil
        var description: String { expression }
    }

    static let cases: [Case] = [
        Case(expression: "* * * * *", minute: Array(0...59), hour: Array(0...23), dayOfMonth: Array(1...31), month: Array(1...12), dayOfWeek: Array(0...6)),
        Case(expression: "1,15 * * * *", minute: [1, 15]),
        Case(expression: "15,1,15 * * * *", minute: [1, 15]),
        Case(expression: "0 1-5 * * *", minute: [0], hour: [1, 2, 3, 4, 5]),
        Case(expression: "*/15 * * * *", minute: [0, 15, 30, 45]),
        Case(expression: "10-50/10 * * * *", minute: [10, 20, 30, 40, 50]),
        Case(expression: "5/20 * * * *", minute: [5, 25, 45]),
        Case(expression: "0 0-23/6 * * *", hour: [0, 6, 12, 18]),
        Case(expression: "0 9,12-14,20 * * *", hour: [9, 12, 13, 14, 20]),
        Case(expression: "0 0 1,15,31 * *", dayOfMonth: [1, 15, 31]),
        Case(expression: "0 0 * JAN,jun,Dec *", month: [1, 6, 12]),
        Case(expression: "0 0 * sep-NOV *", month: [9, 10, 11]),
        Case(expression: "0 0 * */3 *", month: [1, 4, 7, 10]),
        Case(expression: "0 0 * * MON-FRI", dayOfWeek: [1, 2, 3, 4, 5]),
        Case(expression: "0 0 * * sun,Sat", dayOfWeek: [0, 6]),
        Case(expression: "0 0 * * 0", dayOfWeek: [0]),
        Case(expression: "0 0 * * 7", dayOfWeek: [0]),
        Case(expression: "0 0 * * 5-7", dayOfWeek: [0, 5, 6]),
        Case(expression: "0 0 * * 0,7", dayOfWeek: [0]),
        Case(expression: "0 0 * * */2", dayOfWeek: [0, 2, 4, 6]),
        Case(expression: "  30\t7 * 9-11 MON ", minute: [30], hour: [7], month: [9, 10, 11], dayOfWeek: [1]),
        Case(expression: "@daily", minute: [0], hour: [0], dayOfMonth: Array(1...31)),
        Case(expression: "@YEARLY", minute: [0], hour: [0], dayOfMonth: [1], month: [1]),
        Case(expression: "@weekly", dayOfWeek: [0]),
    ]

    @Test(arguments: cases) func parses(_ c: Case) throws {
        let schedule = try CronSchedule(c.expression)
        if let minute = c.minute { #expect(schedule.minute.values == minute) }
        if let hour = c.hour { #expect(schedule.hour.values == hour) }
        if let dayOfMonth = c.dayOfMonth { #expect(schedule.dayOfMonth.values == dayOfMonth) }
        if let month = c.month { #expect(schedule.month.values == month) }
        if let dayOfWeek = c.dayOfWeek { #expect(schedule.dayOfWeek.values == dayOfWeek) }
    }

    struct Wrong: CustomStringConvertible, Sendable {
        var expression: String
        var field: CronField.Kind?
        var message: String
        var description: String { expression }
    }

    static let wrong: [Wrong] = [
        Wrong(expression: "61 * * * *", field: .minute, message: "minute 61 is out of range 0-59"),
        Wrong(expression: "0 24 * * *", field: .hour, message: "hour 24 is out of range 0-23"),
        Wrong(expression: "0 0 32 * *", field: .dayOfMonth, message: "day-of-month 32 is out of range 1-31"),
        Wrong(expression: "0 0 0 * *", field: .dayOfMonth, message: "day-of-month 0 is out of range 1-31"),
        Wrong(expression: "0 0 * 13 *", field: .month, message: "month 13 is out of range 1-12"),
        Wrong(expression: "0 0 * * 8", field: .dayOfWeek, message: "day-of-week 8 is out of range 0-7"),
        Wrong(expression: "0 0 * FOO *", field: .month, message: "month \"FOO\" is not a number 1-12 or a name JAN-DEC"),
        Wrong(expression: "0 0 * * MONDAY", field: .dayOfWeek, message: "day-of-week \"MONDAY\" is not a number 0-7 or a name SUN-SAT"),
        Wrong(expression: "0 0 * MON *", field: .month, message: "month \"MON\" is not a number 1-12 or a name JAN-DEC"),
        Wrong(expression: "0 0 * * JAN", field: .dayOfWeek, message: "day-of-week \"JAN\" is not a number 0-7 or a name SUN-SAT"),
        Wrong(expression: "*/0 * * * *", field: .minute, message: "minute step 0 in \"*/0\" must be at least 1"),
        Wrong(expression: "*/x * * * *", field: .minute, message: "minute step \"x\" in \"*/x\" is not a whole number"),
        Wrong(expression: "0 10-5 * * *", field: .hour, message: "hour range 10-5 runs backwards (10 is after 5)"),
        Wrong(expression: "1,,2 * * * *", field: .minute, message: "minute \"1,,2\" has an empty item in its list"),
        Wrong(expression: "-5 * * * *", field: .minute, message: "minute has an empty value; expected a number 0-59"),
        Wrong(expression: "0 0 31 4 *", field: .dayOfMonth, message: "day-of-month 31 never falls in month 4"),
        Wrong(expression: "0 0 30,31 FEB *", field: .dayOfMonth, message: "day-of-month 30,31 never falls in month FEB"),
        Wrong(expression: "0 0 * *", field: nil, message: "a schedule has five fields (minute hour day-of-month month day-of-week); \"0 0 * *\" has 4"),
        Wrong(expression: "0 0 * * * 2024", field: nil, message: "a schedule has five fields (minute hour day-of-month month day-of-week); \"0 0 * * * 2024\" has 6"),
        Wrong(expression: "", field: nil, message: "a schedule has five fields (minute hour day-of-month month day-of-week); \"\" has 0"),
        Wrong(expression: "@often", field: nil, message: "\"@often\" is not one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly"),
    ]

    @Test(arguments: wrong) func refuses(_ w: Wrong) {
        let error = #expect(throws: CronError.self) { try CronSchedule(w.expression) }
        #expect(error?.field == w.field)
        #expect(error?.description == w.message)
    }

    @Test func feb29AndDayOfWeekEscapesTheNeverFallsCheck() throws {
        // Feb 29 falls in leap years: accepted, and it does fall.
        let leap = try CronSchedule("0 0 29 2 *")
        #expect(show(leap.next(after: at("2024-01-01 00:00"), in: utc)) == "2024-02-29 00:00 Thu")
        // With a day of the week too, either matches (OR rule): April's Mondays, though April has no 31st.
        let mondays = try CronSchedule("0 0 31 4 MON")
        #expect(show(mondays.next(after: at("2024-03-31 00:00"), in: utc)) == "2024-04-01 00:00 Mon")
        #expect(!mondays.matches(at("2024-04-02 00:00"), in: utc))
    }
}

struct CronMatchingTests {
    @Test func matchesMoments() throws {
        let schedule = try CronSchedule("30 7 * 9-11 MON")
        #expect(schedule.matches(.init(minute: 30, hour: 7, day: 2, month: 9, weekday: 1)))
        #expect(!schedule.matches(.init(minute: 30, hour: 7, day: 2, month: 9, weekday: 2)))
        #expect(!schedule.matches(.init(minute: 31, hour: 7, day: 2, month: 9, weekday: 1)))
        #expect(!schedule.matches(.init(minute: 30, hour: 7, day: 2, month: 12, weekday: 1)))
        // 2024-09-02 was a Monday.
        #expect(schedule.matches(at("2024-09-02 07:30"), in: utc))
        #expect(schedule.matches(at("2024-09-02 07:30", shanghai), in: shanghai))
        #expect(!schedule.matches(at("2024-09-02 07:30"), in: shanghai))
    }

    @Test func sevenAndZeroAreBothSunday() throws {
        let sunday = at("2024-09-01 00:00") // a Sunday
        #expect(try CronSchedule("0 0 * * 0").matches(sunday, in: utc))
        #expect(try CronSchedule("0 0 * * 7").matches(sunday, in: utc))
        #expect(try CronSchedule("0 0 * * SUN").matches(sunday, in: utc))
        #expect(!(try CronSchedule("0 0 * * 1-6").matches(sunday, in: utc)))
    }

    @Test func dayOfMonthOrDayOfWeekWhenBothAreRestricted() throws {
        // The 13th, or any Friday.
        let schedule = try CronSchedule("0 12 13 * FRI")
        #expect(schedule.matches(.init(minute: 0, hour: 12, day: 13, month: 3, weekday: 3)))  // 13th, a Wednesday
        #expect(schedule.matches(.init(minute: 0, hour: 12, day: 6, month: 3, weekday: 5)))   // a Friday, the 6th
        #expect(!schedule.matches(.init(minute: 0, hour: 12, day: 7, month: 3, weekday: 6)))
        // The next after 2024-09-01: Friday the 6th, then the 13th (also a Friday), then Friday the 20th.
        var slots: [String] = []
        var cursor = at("2024-09-01 00:00")
        for _ in 0..<4 {
            cursor = try #require(schedule.next(after: cursor, in: utc))
            slots.append(show(cursor))
        }
        #expect(slots == ["2024-09-06 12:00 Fri", "2024-09-13 12:00 Fri", "2024-09-20 12:00 Fri", "2024-09-27 12:00 Fri"])
        let after = try #require(schedule.next(after: at("2024-09-27 12:00"), in: utc))
        #expect(show(after) == "2024-10-04 12:00 Fri")
        #expect(show(schedule.next(after: at("2024-10-04 12:00"), in: utc)) == "2024-10-11 12:00 Fri")
        #expect(show(schedule.next(after: at("2024-10-11 12:00"), in: utc)) == "2024-10-13 12:00 Sun")
    }

    @Test func aStarredFieldIsNotARestriction() throws {
        // Day-of-month `*` (or `*/n`): only the day of the week decides.
        let mondays = try CronSchedule("0 0 * * MON")
        #expect(!mondays.matches(.init(minute: 0, hour: 0, day: 3, month: 9, weekday: 2)))
        let everyOtherDayOnMondays = try CronSchedule("0 0 */2 * MON")
        #expect(!everyOtherDayOnMondays.matches(.init(minute: 0, hour: 0, day: 3, month: 9, weekday: 2)))
        #expect(!everyOtherDayOnMondays.matches(.init(minute: 0, hour: 0, day: 2, month: 9, weekday: 1)))
        #expect(everyOtherDayOnMondays.matches(.init(minute: 0, hour: 0, day: 9, month: 9, weekday: 1)))
    }
}

struct CronNextTests {
    struct Case: CustomStringConvertible, Sendable {
        var expression: String
        var after: String
        var next: String
        var description: String { "\(expression) after \(after)" }
    }

    static let cases: [Case] = [
        Case(expression: "0 0 31 * *", after: "2024-04-01 00:00", next: "2024-05-31 00:00 Fri"),
        Case(expression: "0 0 31 * *", after: "2024-05-31 00:00", next: "2024-07-31 00:00 Wed"),
        Case(expression: "0 0 29 2 *", after: "2025-03-01 00:00", next: "2028-02-29 00:00 Tue"),
        Case(expression: "0 0 29 2 *", after: "2024-01-01 00:00", next: "2024-02-29 00:00 Thu"),
        Case(expression: "0 0 29 2 *", after: "2096-03-01 00:00", next: "2104-02-29 00:00 Fri"),  // 2100 is no leap year
        Case(expression: "0 0 30 * *", after: "2024-01-30 00:00", next: "2024-03-30 00:00 Sat"),
        Case(expression: "0 0 L * *".replacingOccurrences(of: "L", with: "28-31"), after: "2023-02-27 00:00", next: "2023-02-28 00:00 Tue"),
        Case(expression: "*/15 * * * *", after: "2024-12-31 23:59", next: "2025-01-01 00:00 Wed"),
        Case(expression: "*/15 * * * *", after: "2024-06-01 10:15", next: "2024-06-01 10:30 Sat"),
        Case(expression: "* * * * *", after: "2024-06-01 10:15", next: "2024-06-01 10:16 Sat"),
        Case(expression: "0 6 1 9 *", after: "2024-09-01 06:00", next: "2025-09-01 06:00 Mon"),
        Case(expression: "0 6 1 9 *", after: "2024-09-01 05:59", next: "2024-09-01 06:00 Sun"),
        Case(expression: "30 7 * 9-11 MON", after: "2024-11-25 07:30", next: "2025-09-01 07:30 Mon"),
        Case(expression: "0 0 * * 7", after: "2024-09-01 00:00", next: "2024-09-08 00:00 Sun"),
        Case(expression: "0 9 * * MON-FRI", after: "2024-09-06 09:00", next: "2024-09-09 09:00 Mon"),
    ]

    @Test(arguments: cases) func next(_ c: Case) throws {
        let schedule = try CronSchedule(c.expression)
        #expect(show(schedule.next(after: at(c.after), in: utc)) == c.next)
    }

    @Test func nextIsStrictlyAfterEvenWithinTheMinute() throws {
        let schedule = try CronSchedule("* * * * *")
        let mid = at("2024-06-01 10:15").addingTimeInterval(30)
        #expect(show(schedule.next(after: mid, in: utc)) == "2024-06-01 10:16 Sat")
        #expect(show(schedule.previous(atOrBefore: mid, in: utc)) == "2024-06-01 10:15 Sat")
    }

    @Test func previousAcrossMonthEndsAndLeapYears() throws {
        #expect(show(try CronSchedule("0 0 31 * *").previous(atOrBefore: at("2024-07-30 00:00"), in: utc)) == "2024-05-31 00:00 Fri")
        #expect(show(try CronSchedule("0 0 29 2 *").previous(atOrBefore: at("2028-02-28 23:59"), in: utc)) == "2024-02-29 00:00 Thu")
        #expect(show(try CronSchedule("0 6 1 9 *").previous(atOrBefore: at("2024-09-01 06:00"), in: utc)) == "2024-09-01 06:00 Sun")
    }

    @Test func theSearchIsBounded() throws {
        // Eight years by default: enough for 29 February across 2100, which is no leap year.
        let schedule = try CronSchedule("0 0 29 2 *")
        #expect(show(schedule.next(after: at("2096-03-01 00:00"), in: utc)) == "2104-02-29 00:00 Fri")
        #expect(show(schedule.previous(atOrBefore: at("2104-02-28 00:00"), in: utc)) == "2096-02-29 00:00 Wed")
        // A shorter bound gives up with nil rather than looping.
        #expect(schedule.next(after: at("2096-03-01 00:00"), in: utc, withinYears: 5) == nil)
        #expect(schedule.previous(atOrBefore: at("2104-02-28 00:00"), in: utc, withinYears: 5) == nil)
        #expect(show(schedule.next(after: at("2025-03-01 00:00"), in: utc, withinYears: 5)) == "2028-02-29 00:00 Tue")
    }

    @Test func timeZonesAreTheLocalClockOfTheZoneGiven() throws {
        let schedule = try CronSchedule("0 6 1 9 *")
        let next = try #require(schedule.next(after: at("2024-08-31 00:00", shanghai), in: shanghai))
        #expect(show(next, shanghai) == "2024-09-01 06:00 Sun")
        #expect(show(next, utc) == "2024-08-31 22:00 Sat")
        #expect(next == at("2024-08-31 22:00"))
        // The same instant in UTC's view runs eight hours later.
        #expect(show(schedule.next(after: at("2024-08-31 00:00", shanghai), in: utc)) == "2024-09-01 06:00 Sun")
        // Monday 07:30 in Shanghai is Sunday 23:30 UTC.
        let weekly = try CronSchedule("30 7 * 9-11 MON")
        let monday = try #require(weekly.next(after: at("2024-09-01 00:00"), in: shanghai))
        #expect(show(monday, utc) == "2024-09-01 23:30 Sun")
        #expect(show(monday, shanghai) == "2024-09-02 07:30 Mon")
    }

    @Test func daylightSavingDaysDoNotLoseOrRepeatASlot() throws {
        let newYork = TimeZone(identifier: "America/New_York")!
        // 2024-03-10: 02:00 became 03:00; the 02:30 slot falls at the shifted time, once.
        let schedule = try CronSchedule("30 2 * * *")
        let spring = try #require(schedule.next(after: at("2024-03-09 03:00", newYork), in: newYork))
        #expect(show(spring, newYork).hasPrefix("2024-03-10"))
        let after = try #require(schedule.next(after: spring, in: newYork))
        #expect(show(after, newYork) == "2024-03-11 02:30 Mon")
        // 2024-11-03: 01:30 happens twice; it runs once.
        let fall = try CronSchedule("30 1 * * *")
        let first = try #require(fall.next(after: at("2024-11-02 12:00", newYork), in: newYork))
        #expect(show(first, newYork) == "2024-11-03 01:30 Sun")
        #expect(show(fall.next(after: first, in: newYork), newYork) == "2024-11-04 01:30 Mon")
    }
}

struct CronDueTests {
    @Test func severalMissedSlotsRunOnceForTheLatest() throws {
        let schedule = try CronSchedule("0 * * * *")
        let lastRun = at("2024-09-02 03:00")
        let now = at("2024-09-02 08:20")
        #expect(show(schedule.isDue(lastRun: lastRun, now: now, timeZone: utc)) == "2024-09-02 08:00 Mon")
        #expect(schedule.slots(after: lastRun, through: now, in: utc).map { show($0) } ==
                ["2024-09-02 04:00 Mon", "2024-09-02 05:00 Mon", "2024-09-02 06:00 Mon", "2024-09-02 07:00 Mon", "2024-09-02 08:00 Mon"])
        // Once run for 08:00, nothing more is due until 09:00.
        let ran = at("2024-09-02 08:20")
        #expect(schedule.isDue(lastRun: ran, now: at("2024-09-02 08:59"), timeZone: utc) == nil)
        #expect(show(schedule.isDue(lastRun: ran, now: at("2024-09-02 09:00"), timeZone: utc)) == "2024-09-02 09:00 Mon")
    }

    @Test func missedWeeklyRunsAcrossTheSeasonEnd() throws {
        // Last run on the first Monday of November; the machine was off until mid-December.
        let schedule = try CronSchedule("30 7 * 9-11 MON")
        let due = schedule.isDue(lastRun: at("2024-11-04 07:30", shanghai), now: at("2024-12-16 09:00", shanghai), timeZone: shanghai)
        #expect(show(due, shanghai) == "2024-11-25 07:30 Mon")
        #expect(schedule.slots(after: at("2024-11-04 07:30", shanghai), through: at("2024-12-16 09:00", shanghai), in: shanghai).count == 3)
    }

    @Test func theAnnualRunIsDueOnceAYear() throws {
        let schedule = try CronSchedule("0 6 1 9 *")
        let lastRun = at("2022-09-01 06:00", shanghai)
        // Two years missed: one run, for 2024.
        #expect(show(schedule.isDue(lastRun: lastRun, now: at("2024-10-01 12:00", shanghai), timeZone: shanghai), shanghai) == "2024-09-01 06:00 Sun")
        // A slot at `now` exactly is due; the boundary is (lastRun, now].
        #expect(schedule.isDue(lastRun: at("2024-09-01 06:00", shanghai), now: at("2024-09-01 06:00", shanghai), timeZone: shanghai) == nil)
        #expect(schedule.isDue(lastRun: at("2024-09-01 05:00", shanghai), now: at("2024-09-01 06:00", shanghai), timeZone: shanghai) != nil)
        // 06:00 Shanghai is 22:00 UTC the day before: not yet due at 05:59 Shanghai.
        #expect(schedule.isDue(lastRun: lastRun, now: at("2024-08-31 21:59"), timeZone: shanghai).map { show($0, shanghai) } == "2023-09-01 06:00 Fri")
    }

    @Test func aPipelineNeverRunWaitsForItsFirstSlot() throws {
        let schedule = try CronSchedule("0 6 1 9 *")
        #expect(schedule.isDue(lastRun: nil, now: at("2024-10-01 12:00", shanghai), timeZone: shanghai) == nil)
        let inTheMinute = at("2024-09-01 06:00", shanghai).addingTimeInterval(42)
        #expect(schedule.isDue(lastRun: nil, now: inTheMinute, timeZone: shanghai) == at("2024-09-01 06:00", shanghai))
    }
}
