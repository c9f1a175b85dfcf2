import Foundation

/// The county summary as CSV, one file per table (the CVs of every stage, the schools'
/// indicators, the schools that do not comply, the schools over a class or school size limit,
/// the county targets, urban and rural means, the years compared, the checks' counts and errors): UTF-8 with a byte-order mark, so Excel opens the
/// Chinese headers correctly; CRLF line ends and RFC 4180 quoting; numbers rounded to the
/// decimals the tables show; the canonical ids in the last columns.
public enum CSVCountyReport {
    /// The byte-order mark Excel looks for.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The tables, in file order, with the kind each file is named by (the county targets and the
    /// urban-rural comparison when the warehouse has them).
    public static func tables(_ report: CountyReport) -> [(kind: String, table: ReportTable)] {
        var tables = [("county-balance", report.balanceTable(stage: nil)),
                      ("school-indicators", report.schoolsTable()),
                      ("school-compliance", report.complianceTable()),
                      ("school-scale", report.scaleTable())]
        if !report.summary.targets.isEmpty { tables.append(("county-targets", report.targetsTable())) }
        if !report.summary.urbanRuralMeans.isEmpty { tables.append(("urban-rural", report.urbanRuralTable())) }
        if report.comparesYears { tables += [("balance-trend", report.trendTable()), ("school-movers", report.moversTable())] }
        return tables + auditTables(report)
    }

    /// One table's file contents, BOM first.
    public static func bytes(_ table: ReportTable) -> [UInt8] {
        var text = line(table.columns)
        for row in table.rows {
            text += line(row.map { cell in
                if case .text(let value) = cell.value { return guarded(value) }
                return cell.display
            })
        }
        return byteOrderMark + Array(text.utf8)
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// A field quoted when it holds a comma, a quote or a line break (quotes doubled).
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text Excel would take for a formula (=, +, -, @ first) gets a leading apostrophe, so a
    /// school name can never run as a formula when the file is opened.
    static func guarded(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }
}
