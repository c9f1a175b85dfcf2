/// What a cell's number format says its number means (ECMA-376 Part 1, §18.8.30–31; the same
/// built-in ids and format codes in .xls FORMAT and XF records), shared by the workbook readers.
public enum NumberFormatKind: Equatable, Sendable {
    /// A plain number (General, 0.00, #,##0"元", 0%, [Red]0.00 ...).
    case number
    /// A calendar date, with or without a time.
    case date
    /// A time of day or an elapsed time ([h]:mm:ss, mm:ss, h"时"mm"分").
    case duration

    /// Built-in format ids, including the ones Chinese (zh-CN) Excel gives its date formats.
    public static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 14...17, 22: return .date              // m/d/yyyy, d-mmm-yy, d-mmm, mmm-yy, m/d/yyyy h:mm
        case 18...21, 45...47: return .duration     // h:mm AM/PM ... h:mm:ss, mm:ss, [h]:mm:ss, mmss.0
        case 27...31, 36, 50...54, 57, 58: return .date  // yyyy"年"m"月", m"月"d"日", yyyy"年"m"月"d"日" ...
        case 32...35, 55, 56: return .duration      // h"时"mm"分", 上午/下午h"时"mm"分" ...
        default: return .number
        }
    }

    /// Classifies a format code by its first section's date and time tokens, skipping quoted
    /// text, escaped characters, fill and padding characters and bracketed colours, locales and
    /// conditions; [h], [mm], [ss] mean elapsed time.
    public static func classify(_ code: String) -> NumberFormatKind {
        var hasDate = false, hasTime = false, hasMonthOrMinute = false, hasElapsed = false
        var characters = code.lowercased().unicodeScalars.makeIterator()
        scan: while let character = characters.next() {
            switch character {
            case ";":
                break scan                              // only the first (positive) section
            case "\"":
                while let next = characters.next(), next != "\"" {}
            case "\\", "_", "*":
                _ = characters.next()
            case "[":
                var inside = ""
                while let next = characters.next(), next != "]" { inside.unicodeScalars.append(next) }
                if !inside.isEmpty, inside.allSatisfy({ "hms".contains($0) }) { hasElapsed = true }
            case "g":
                // "General" holds letters that are not date tokens.
                if code.lowercased().contains("general") { return .number }
            case "y", "d":
                hasDate = true
            case "h", "s":
                hasTime = true
            case "m":
                hasMonthOrMinute = true
            default:
                continue
            }
        }
        if hasElapsed { return .duration }
        if hasDate { return .date }
        if hasTime { return .duration }
        return hasMonthOrMinute ? .date : .number
    }
}
