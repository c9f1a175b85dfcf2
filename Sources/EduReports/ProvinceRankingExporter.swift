import Foundation

/// Writes the ranking in the formats asked for into the folder of the county summaries, named as
/// they are with 全部县区 for the county (`全部县区-2024-county-ranking-20261126.xlsx`, `.csv`, `.html`,
/// `.json`), never replacing an earlier export: when any of them exists, the whole export takes the
/// next free `-2`, `-3` …. Each file appears under its name only once complete.
public struct ProvinceRankingExporter: Sendable {
    public static let kind = "county-ranking"
    public var folder: String
    public var formats: [ReportFormat]

    public init(folder: String, formats: [ReportFormat] = ReportFormat.allCases) {
        self.folder = folder
        self.formats = formats
    }

    /// Writes the ranking; returns the paths written, in format order.
    @discardableResult
    public func export(_ ranking: ProvinceRanking) throws -> [String] {
        let files = ReportFiles(folder: folder, countyName: ProvinceRanking.heading, countyCode: "", year: ranking.year,
                                generatedDay: ranking.generatedDay)
        try files.prepareFolder()
        let number = files.firstFreeNumber(formats.map { (Self.kind, $0.rawValue) })
        var written: [String] = []
        for format in formats {
            let bytes: [UInt8]
            switch format {
            case .xlsx:
                written.append(try files.publish(Self.kind, "xlsx", from: number) { path in try XLSXProvinceRanking.write(ranking, to: path) })
                continue
            case .csv: bytes = CSVProvinceRanking.bytes(ranking)
            case .html: bytes = Array(HTMLProvinceRanking.page(ranking).utf8)
            case .json: bytes = Array(JSONProvinceRanking.text(ranking).utf8)
            }
            written.append(try files.publish(Self.kind, format.rawValue, from: number) { path in try ReportFiles.writeNew(bytes, to: path) })
        }
        return written
    }
}
