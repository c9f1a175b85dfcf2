import EduAudit
import EduReports
import EduStandards
import EduWarehouse
import Foundation

/// The pages read from the warehouse. One warehouse connection, used by one request at a time (an
/// actor): SQLite connections are not shared across threads, and WAL lets the sqlite3 shell or an
/// ingest in another process read and write beside it.
actor WarehousePages {
    private let database: String
    private let rule: CountyReport.ComplianceRule?
    private let checksPath: String?
    private var opened: Warehouse?

    init(database: String, standards: Standards?, checksPath: String?) {
        self.database = database
        rule = standards.map { CountyReport.ComplianceRule(minMet: $0.minMet, unmetFloor: $0.unmetFloor) }
        self.checksPath = checksPath
    }

    /// The warehouse with the checks file read again and synced: an edited threshold shows on the next page.
    private func checkedWarehouse() throws -> Warehouse {
        let rules: AuditRules
        do {
            rules = try checksPath.map { try AuditRulesLoader.load(path: $0) } ?? AuditRulesLoader.loadDefault()
        } catch {
            throw PageProblem.brokenChecks("\(error)")
        }
        let warehouse = try warehouse()
        try warehouse.syncAuditRules(rules)
        return warehouse
    }

    private func warehouse() throws -> Warehouse {
        if let opened { return opened }
        let warehouse = try Warehouse(path: database)
        opened = warehouse
        return warehouse
    }

    /// The years and counties with school values, each county with its name.
    func held() throws -> [(year: Int, county: String, name: String?)] {
        let warehouse = try warehouse()
        return try warehouse.yearsAndCounties().map { ($0.year, $0.county, try warehouse.countyName(code: $0.county)) }
    }

    func home() throws -> String {
        let held = try held()
        guard !held.isEmpty else {
            return PageFrame.message("eduetl", "仓库 \(database) 中还没有学校数据：先用 eduetl ingest 导入各校报表。")
        }
        return PageFrame.page(title: "教育事业统计 · 县域义务教育均衡", subtitle: "仓库 \(database)", body: Choosers.years(held))
    }

    func county(year: Int?, county: String?) throws -> String {
        guard let year, let county else {
            return PageFrame.page(title: "县域报告", body: Choosers.counties(try held(), path: "/county", what: "县域义务教育均衡汇总"))
        }
        let warehouse = try checkedWarehouse()
        try requireHeld(warehouse, year: year, county: county)
        let report = CountyReport(summary: try CountySummary(warehouse: warehouse, year: year, county: county), rule: rule)
        return PageFrame.framed(HTMLCountyReport.page(report), below: PageFrame.downloads(
            "/download/county", query: "year=\(year)&amp;county=\(county)", formats: ReportFormat.allCases.map(\.rawValue)))
    }

    /// The county summary in one format, as `eduetl report` writes it (the CSV tables as one ZIP).
    func countyDownload(year: Int, county: String, format: ReportFormat) throws -> Download {
        let warehouse = try checkedWarehouse()
        try requireHeld(warehouse, year: year, county: county)
        let report = CountyReport(summary: try CountySummary(warehouse: warehouse, year: year, county: county), rule: rule)
        let name = try warehouse.countyName(code: county) ?? county
        return try Download.written(zipName: "\(name)-\(county)-\(year)-county-summary-csv.zip") { folder in
            try CountyReportExporter(folder: folder, formats: [format]).export(report)
        }
    }

    /// The checks' findings in one format, as `eduetl audit` writes them (XLSX: 汇总 and a sheet per township).
    func auditDownload(year: Int, county: String, format: AuditFormat) throws -> Download {
        let warehouse = try checkedWarehouse()
        try requireHeld(warehouse, year: year, county: county)
        let report = try AuditReport(warehouse: warehouse, year: year, county: county)
        let name = try warehouse.countyName(code: county) ?? county
        return try Download.written(zipName: "\(name)-\(county)-\(year)-audit-csv.zip") { folder in
            try AuditReportExporter(folder: folder, formats: [format]).export(report)
        }
    }

    private func requireHeld(_ warehouse: Warehouse, year: Int, county: String) throws {
        guard try warehouse.yearsAndCounties().contains(where: { $0.year == year && $0.county == county }) else {
            throw PageProblem.notFound("仓库中没有 \(county) \(year) 年的学校数据。")
        }
    }

    func ranking(year: Int?) throws -> String {
        let warehouse = try warehouse()
        guard let year else {
            return PageFrame.page(title: "县区排名", body: Choosers.yearsOnly(try held(), path: "/ranking"))
        }
        let rows = try warehouse.countyOverview(year: year)
        guard !rows.isEmpty else { throw PageProblem.notFound("仓库中没有 \(year) 年可排名的县区。") }
        return PageFrame.framed(HTMLProvinceRanking.page(ProvinceRanking(year: year, rows: rows)))
    }

    func audit(year: Int?, county: String?) throws -> String {
        guard let year, let county else {
            return PageFrame.page(title: "审核", body: Choosers.counties(try held(), path: "/audit", what: "审核结果"))
        }
        let warehouse = try checkedWarehouse()
        let name = try warehouse.countyName(code: county) ?? county
        let downloads = PageFrame.downloads("/download/audit", query: "year=\(year)&amp;county=\(county)",
                                            formats: AuditFormat.allCases.map(\.rawValue))
        return PageFrame.page(title: "\(name) \(year)年 审核结果", subtitle: "行政区划代码 \(county)",
                              body: downloads + AuditSection.html(try warehouse.auditFindings(year: year, county: county)))
    }

    func pipelineRuns(_ pipeline: String) throws -> [Warehouse.PipelineRun] {
        try warehouse().pipelineRuns(pipeline: pipeline)
    }
}

/// A request the pages cannot answer, as the status and sentence the page shows.
enum PageProblem: Error {
    case notFound(String)
    case badRequest(String)
    /// The checks file cannot be read: its sentence, with the line.
    case brokenChecks(String)
    /// A POST without the page's form token.
    case forbidden(String)
    /// An upload over the limits: nothing was saved.
    case tooLarge(String)
}
