import EduWarehouse
import Foundation

/// The formats `eduetl report` writes.
public enum ReportFormat: String, CaseIterable, Sendable {
    case xlsx, csv, html, json

    /// "xlsx,csv" → [.xlsx, .csv]; nil when a name is unknown or the list is empty. Duplicates
    /// are dropped, the order kept.
    public static func list(_ text: String) -> [ReportFormat]? {
        var formats: [ReportFormat] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            guard let format = ReportFormat(rawValue: name) else { return nil }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats.isEmpty ? nil : formats
    }
}

/// Writes a county report in the formats asked for into a folder, under dated names that never
/// replace an earlier export: `青石县-360321-2024-county-summary-20261126.xlsx`, `.html`, `.json`, and
/// `…-county-balance-…`, `…-school-indicators-…`, `…-school-compliance-…`, `…-school-scale-…`, `…-county-targets-…`,
/// `…-urban-rural-…`, `…-balance-trend-…`, `…-school-movers-…`, `…-checks-summary-…`, `…-checks-errors-….csv`; when any of them exists already, the whole
/// export takes the next free `-2`, `-3` ….
/// Each file is written to a temporary file first and appears under its name only once complete.
public struct CountyReportExporter: Sendable {
    public var folder: String
    public var formats: [ReportFormat]

    public init(folder: String, formats: [ReportFormat] = ReportFormat.allCases) {
        self.folder = folder
        self.formats = formats
    }

    /// The files of each format: (kind in the name, extension).
    static func files(_ format: ReportFormat, _ report: CountyReport) -> [(kind: String, ext: String)] {
        switch format {
        case .xlsx: return [("county-summary", "xlsx")]
        case .html: return [("county-summary", "html")]
        case .json: return [("county-summary", "json")]
        case .csv: return CSVCountyReport.tables(report).map { ($0.kind, "csv") }
        }
    }

    /// Writes the report; returns the paths written, in format order.
    @discardableResult
    public func export(_ report: CountyReport) throws -> [String] {
        let files = ReportFiles(folder: folder, report: report)
        try files.prepareFolder()
        let number = files.firstFreeNumber(formats.flatMap { Self.files($0, report) })
        var written: [String] = []
        for format in formats {
            switch format {
            case .xlsx:
                written.append(try files.publish("county-summary", "xlsx", from: number) { path in
                    try XLSXCountyReport.write(report, to: path)
                })
            case .html:
                let bytes = Array(HTMLCountyReport.page(report).utf8)
                written.append(try files.publish("county-summary", "html", from: number) { path in
                    try ReportFiles.writeNew(bytes, to: path)
                })
            case .json:
                let bytes = Array(JSONCountyReport.text(report).utf8)
                written.append(try files.publish("county-summary", "json", from: number) { path in
                    try ReportFiles.writeNew(bytes, to: path)
                })
            case .csv:
                for (kind, table) in CSVCountyReport.tables(report) {
                    let bytes = CSVCountyReport.bytes(table)
                    written.append(try files.publish(kind, "csv", from: number) { path in
                        try ReportFiles.writeNew(bytes, to: path)
                    })
                }
            }
        }
        return written
    }
}
