/// What a cell's number format says its number means (ECMA-376 Part 1, §18.8.30–31).
enum NumberFormatKind: Equatable, Sendable {
    /// A plain number (General, 0.00, #,##0"元", 0%, [Red]0.00 ...).
    case number
    /// A calendar date, with or without a time.
    case date
    /// A time of day or an elapsed time ([h]:mm:ss, mm:ss, h"时"mm"分").
    case duration

    /// Built-in format ids, including the ones Chinese (zh-CN) Excel gives its date formats.
    static func builtIn(_ id: Int) -> NumberFormatKind {
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
    static func classify(_ code: String) -> NumberFormatKind {
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

/// The cell formats of styles.xml: for each style index (a cell's s attribute), what its number
/// format means.
struct Styles {
    var kinds: [NumberFormatKind] = []

    @inline(__always)
    func kind(ofStyle index: Int) -> NumberFormatKind {
        index >= 0 && index < kinds.count ? kinds[index] : .number
    }

    static func parse(_ bytes: [UInt8]) throws(XLSXError.Reason) -> Styles {
        let handler = StylesHandler()
        try XMLPushParser.parse(bytes, with: handler)
        let kinds = handler.formatIDs.map { id in
            handler.customFormats[id].map(NumberFormatKind.classify) ?? NumberFormatKind.builtIn(id)
        }
        return Styles(kinds: kinds)
    }
}

private final class StylesHandler: XMLContentHandler {
    var customFormats: [Int: String] = [:]
    var formatIDs: [Int] = []
    let failure: XLSXError.Reason? = nil
    private var inCellFormats = false

    func startElement(_ name: XMLName, attributes: XMLAttributes) {
        guard name.namespace.isSpreadsheet else { return }
        if name.is("numFmt") {
            if let id = attributes.string("numFmtId").flatMap({ Int($0) }), let code = attributes.string("formatCode") {
                customFormats[id] = code
            }
        } else if name.is("cellXfs") {
            inCellFormats = true
        } else if name.is("xf"), inCellFormats {
            formatIDs.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }

    func endElement(_ name: XMLName) {
        if name.is("cellXfs"), name.namespace.isSpreadsheet { inCellFormats = false }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}
