import EduCore

/// The value of a t="d" cell: an ISO 8601 date, date-time or time (ECMA-376 Part 1, §18.17.4).
enum ISODateParser {
    static func value(_ bytes: [UInt8]) -> CellValue? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces()
        guard !text.isEmpty else { return nil }
        if let time = parseTime(Substring(text)) {
            return .duration(time)
        }
        let datePart = text.prefix(10)
        let fields = datePart.split(separator: "-")
        guard fields.count == 3, let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2]) else {
            return .string(text)
        }
        var timeOfDay = 0.0
        if text.count > 10 {
            let rest = text.dropFirst(11)
            guard let time = parseTime(rest) else { return .string(text) }
            timeOfDay = time
        }
        guard let date = SpreadsheetDate(year: year, month: month, day: day) else { return .string(text) }
        return .date(SpreadsheetDate(serial: date.serial + timeOfDay))
    }

    /// "HH:MM[:SS[.fff]]" with an optional zone suffix ignored; the fraction of a day.
    private static func parseTime(_ text: Substring) -> Double? {
        var clock = text
        if let zone = clock.firstIndex(where: { $0 == "Z" || $0 == "+" }) { clock = clock[..<zone] }
        let fields = clock.split(separator: ":")
        guard fields.count == 2 || fields.count == 3, let hours = Int(fields[0]), let minutes = Int(fields[1]),
              (0...24).contains(hours), (0...59).contains(minutes) else { return nil }
        let seconds = fields.count == 3 ? Double(fields[2]) : 0
        guard let seconds, seconds >= 0, seconds < 61 else { return nil }
        return (Double(hours * 3600 + minutes * 60) + seconds) / 86_400
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
