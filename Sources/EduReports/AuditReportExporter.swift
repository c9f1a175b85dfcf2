import EduWarehouse
import Foundation

/// The formats `eduetl audit` writes.
public enum AuditFormat: String, CaseIterable, Sendable {
    case xlsx, csv, json

    /// "xlsx,csv" → [.xlsx, .csv]; nil when a name is unknown or the list is empty. Duplicates
    /// are dropped, the order kept.
    public static func list(_ text: String) -> [AuditFormat]? {
        var formats: [AuditFormat] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            guard let format = AuditFormat(rawValue: name) else { return nil }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats.isEmpty ? nil : formats
    }
}

/// Writes a county's findings in the formats asked for into a folder, named like the county
/// report's exports (`青石县-360321-2024-audit-20261126.xlsx`, `.csv`, `.json`), never replacing an
/// earlier export: when any of them exists, the whole export takes the next free `-2`, `-3` ….
/// Each file is written to a temporary file first and appears under its name only once complete.
public struct AuditReportExporter: Sendable {
    public static let kind = "audit"
    public var folder: String
    public var formats: [AuditFormat]

    public init(folder: String, formats: [AuditFormat] = AuditFormat.allCases) {
        self.folder = folder
        self.formats = formats
    }

    /// Writes the report; returns the paths written, in format order.
    @discardableResult
    public func export(_ report: AuditReport) throws -> [String] {
        let files = ReportFiles(folder: folder, countyName: report.countyName, countyCode: report.countyCode, year: report.year,
                                generatedDay: report.generatedDay)
        try files.prepareFolder()
        let number = files.firstFreeNumber(formats.map { (Self.kind, $0.rawValue) })
        var written: [String] = []
        for format in formats {
            switch format {
            case .xlsx:
                written.append(try files.publish(Self.kind, "xlsx", from: number) { path in
                    try XLSXAuditReport.write(report, to: path)
                })
            case .csv:
                let bytes = CSVAuditReport.bytes(report)
                written.append(try files.publish(Self.kind, "csv", from: number) { path in
                    try ReportFiles.writeNew(bytes, to: path)
                })
            case .json:
                let bytes = Array(JSONAuditReport.text(report).utf8)
                written.append(try files.publish(Self.kind, "json", from: number) { path in
                    try ReportFiles.writeNew(bytes, to: path)
                })
            }
        }
        return written
    }
}
