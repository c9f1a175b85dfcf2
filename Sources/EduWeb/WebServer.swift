import EduAudit
import EduPipelines
import EduReports
import EduStandards
import Foundation
import Hummingbird

/// `eduetl serve`: the pages for the statistician who does not use a terminal, rendered on the
/// server from the same modules the commands use (no second copy of the report or the checks).
public struct WebServer: Sendable {
    public let settings: WebSettings
    private let pages: WarehousePages
    let queue: IngestQueue

    public init(settings: WebSettings, standards: Standards?) {
        self.settings = settings
        pages = WarehousePages(database: settings.database, standards: standards, checksPath: settings.checksPath)
        queue = IngestQueue(settings: settings)
    }

    /// The application, listening at the settings' host and port (0: any free port), calling
    /// `onRunning` with the port once it listens.
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "eduetl"),
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) })
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        if let token = settings.token { router.add(middleware: TokenCheck(token: token)) }
        let pages = pages, folder = settings.projectFolder
        router.get("/") { _, _ in try await Self.answer { try await pages.home() } }
        router.get("/county") { request, _ in
            try await Self.answer {
                try await pages.county(year: try Self.year(request), county: try Self.county(request))
            }
        }
        router.get("/ranking") { request, _ in try await Self.answer { try await pages.ranking(year: try Self.year(request)) } }
        router.get("/audit") { request, _ in
            try await Self.answer { try await pages.audit(year: try Self.year(request), county: try Self.county(request)) }
        }
        router.get("/download/county") { request, _ in
            try await Self.file {
                let (year, county, format) = try Self.download(request, as: ReportFormat.self, "格式须为 xlsx、csv、html 或 json。")
                return try await pages.countyDownload(year: year, county: county, format: format)
            }
        }
        router.get("/download/audit") { request, _ in
            try await Self.file {
                let (year, county, format) = try Self.download(request, as: AuditFormat.self, "格式须为 xlsx、csv 或 json。")
                return try await pages.auditDownload(year: year, county: county, format: format)
            }
        }
        let settings = settings, queue = queue
        router.get("/returns") { _, _ in try await Self.answer { ReturnsPage.form(settings, recent: queue.recent(10)) } }
        router.post("/returns") { request, _ in
            var request = request
            return try await Self.redirecting { try await Self.upload(&request, settings: settings, queue: queue) }
        }
        router.get("/returns/:upload") { _, context in
            try await Self.answer {
                let job = try Self.job(context, queue)
                return ReturnsPage.job(job, ahead: queue.ahead(of: job.id), catalogue: try? CatalogueFile(settings: settings).load(),
                                       csrf: settings.csrf)
            }
        }
        router.post("/returns/:upload/alias") { request, context in
            var request = request
            return try await Self.redirecting {
                let fields = try await Self.formFields(&request)
                try Self.checkForm(fields, settings, page: "上传报表")
                let job = try Self.job(context, queue)
                guard let field = fields["field"], !field.isEmpty else { throw PageProblem.badRequest("请先选择字段，再确认。") }
                let header = (fields["header"] ?? "").components(separatedBy: " / ")
                let change = try CatalogueFile(settings: settings).add(alias: fields["alias"] ?? "", to: field, headerPath: header)
                // The upload read again with the catalogue as it now is.
                let again = UploadJob(id: UploadedFiles.folderName(), folder: job.folder, saved: job.saved, refused: [], year: job.year,
                                      county: job.county, change: change, state: .queued)
                queue.submit(again)
                return .page("/returns/\(again.id)")
            }
        }
        let pipelinesFolder = (folder as NSString).appendingPathComponent("Pipelines")
        router.get("/pipelines") { _, _ in
            try await Self.answer { PipelinesPage.html(folder: pipelinesFolder, now: Date(), csrf: settings.csrf) }
        }
        router.post("/pipelines/run") { request, _ in
            var request = request
            return try await Self.answer {
                let fields = try await Self.formFields(&request)
                try Self.checkForm(fields, settings, page: "流水线")
                // Only a pipeline of the project's folder runs, named as that page lists it.
                let specs = (try? PipelineSpecLoader.loadAll(folder: pipelinesFolder).specs) ?? []
                guard let spec = specs.first(where: { $0.source == fields["pipeline"] }) else {
                    throw PageProblem.notFound("没有这条流水线：\(fields["pipeline"] ?? "")。")
                }
                let ran = try await queue.run(spec)
                return PipelinesPage.ran(spec.name, lines: ran.lines, result: ran.result)
            }
        }
        return router
    }

    /// `?year=2024`: nil when absent, refused when not a school year.
    static func year(_ request: Request) throws -> Int? { try year(request.uri.queryParameters["year"].map(String.init)) }

    /// `?county=360321`: nil when absent, refused unless six digits.
    static func county(_ request: Request) throws -> String? { try county(request.uri.queryParameters["county"].map(String.init)) }

    /// A year as a query or a form gives it: nil when absent or empty, refused when not a school year.
    static func year(_ text: String?) throws -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let year = Int(text), (1990...2100).contains(year) else { throw PageProblem.badRequest("“\(text)”不是学年（如 2024）。") }
        return year
    }

    /// A county code as a query or a form gives it: nil when absent or empty, refused unless six digits.
    static func county(_ text: String?) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard text.utf8.count == 6, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw PageProblem.badRequest("“\(text)”不是六位行政区划代码。")
        }
        return text
    }

    /// An upload: the form's token checked and the limits kept before anything is saved; then the
    /// files saved and put in line to be ingested, the browser sent to the upload's page.
    static func upload(_ request: inout Request, settings: WebSettings, queue: IngestQueue) async throws -> Redirect {
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: settings.uploadTotalLimit)
        } catch {
            throw PageProblem.tooLarge("一次上传超过 \(settings.uploadTotalLimit >> 20) MB，未保存任何文件；请分批上传。")
        }
        let parts = try UploadedFiles.parts(of: body, contentType: request.headers[.contentType] ?? "")
        let csrf = parts.first { $0.name == "csrf" && $0.filename == nil }.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        try checkForm(["csrf": csrf], settings, page: "上传报表")
        if let big = parts.first(where: { $0.filename != nil && $0.bytes.count > settings.uploadFileLimit }) {
            throw PageProblem.tooLarge("\(big.filename ?? "") 超过 \(settings.uploadFileLimit >> 20) MB，未保存任何文件。")
        }
        let form = parts.filter { $0.filename == nil }.reduce(into: [String: String]()) { $0[$1.name] = String(decoding: $1.bytes, as: UTF8.self) }
        let county = try county(form["county"]), year = try year(form["year"])
        let upload = try UploadedFiles(parts: parts, uploads: settings.uploadFolder)
        let refused = upload.refused.map { UploadJob.RefusedFile(name: $0.name, why: $0.why) }
        guard !upload.saved.isEmpty else { return .shown(ReturnsPage.nothingSaved(refused)) }
        let job = UploadJob(id: (upload.folder as NSString).lastPathComponent, folder: upload.folder, saved: upload.saved, refused: refused,
                            year: year, county: county, state: .queued)
        queue.submit(job)
        return .page("/returns/\(job.id)")
    }

    /// The upload a page's address names (`/returns/20261203-200815-3f2a7c1e`).
    static func job(_ context: BasicRequestContext, _ queue: IngestQueue) throws -> UploadJob {
        let id = context.parameters.get("upload") ?? ""
        guard let job = queue.job(id) else {
            throw PageProblem.notFound("没有这次上传（\(id)）的记录：服务重启后不再保留以前的上传页面，文件仍在 uploads 文件夹中。")
        }
        return job
    }

    /// A POST's form token: the page's own, or nothing is done.
    static func checkForm(_ fields: [String: String], _ settings: WebSettings, page: String) throws {
        guard TokenCheck<BasicRequestContext>.same(fields["csrf"] ?? "", settings.csrf) else {
            throw PageProblem.forbidden("这个请求不是从本页面的表单提交的，未做任何改动；请回到“\(page)”页面重新提交。")
        }
    }

    /// Where a form's POST ends: another page to load (303, so a reload does not post again), or a page shown at once.
    enum Redirect {
        case page(String)
        case shown(String)
    }

    static func redirecting(_ handle: () async throws -> Redirect) async throws -> Response {
        var target: Redirect?
        let failed = try await answer {
            target = try await handle()
            if case .shown(let page) = target { return page }
            return ""
        }
        guard case .page(let location) = target else { return failed }
        return Response(status: .seeOther, headers: [.location: location])
    }

    /// An application/x-www-form-urlencoded body (a page's form), at most 64 KB.
    static func formFields(_ request: inout Request) async throws -> [String: String] {
        let body = try await request.collectBody(upTo: 64 << 10)
        var components = URLComponents()
        components.percentEncodedQuery = String(buffer: body).replacingOccurrences(of: "+", with: "%20")
        var fields: [String: String] = [:]
        for item in components.queryItems ?? [] { fields[item.name] = item.value ?? "" }
        return fields
    }

    /// A download's year, county and format (`format=xlsx` …), each required.
    static func download<Format: RawRepresentable>(_ request: Request, as _: Format.Type, _ formats: String) throws -> (Int, String, Format)
        where Format.RawValue == String {
        guard let year = try year(request), let county = try county(request) else {
            throw PageProblem.badRequest("下载需要学年和县区代码（year、county）。")
        }
        guard let format = request.uri.queryParameters["format"].flatMap({ Format(rawValue: String($0).lowercased()) }) else {
            throw PageProblem.badRequest(formats)
        }
        return (year, county, format)
    }

    /// A file, or the page that says why there is none.
    static func file(_ produce: () async throws -> Download) async throws -> Response {
        let download: Download
        do {
            download = try await produce()
        } catch {
            return try await answer { throw error }
        }
        return Response(status: .ok, headers: [.contentType: download.contentType, .contentDisposition: download.disposition],
                        body: .init(byteBuffer: ByteBuffer(bytes: download.bytes)))
    }

    /// A page, or the page that says why there is none: 400 a bad request, 404 nothing held, 500 the warehouse failing.
    static func answer(_ render: () async throws -> String) async throws -> Response {
        do {
            return html(try await render())
        } catch PageProblem.badRequest(let sentence) {
            return html(PageFrame.message("请求有误", sentence), status: .badRequest)
        } catch PageProblem.notFound(let sentence) {
            return html(PageFrame.message("没有数据", sentence), status: .notFound)
        } catch PageProblem.forbidden(let sentence) {
            return html(PageFrame.message("未提交", sentence), status: .forbidden)
        } catch PageProblem.tooLarge(let sentence) {
            return html(PageFrame.message("文件太大", sentence), status: .contentTooLarge)
        } catch PageProblem.brokenChecks(let sentence) {
            return html(PageFrame.message("审核规则文件有误", "审核规则文件读不了，请改正后刷新：\(sentence)"), status: .internalServerError)
        } catch {
            return html(PageFrame.message("出错了", "读取仓库时出错：\(error)"), status: .internalServerError)
        }
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// Runs until SIGINT or SIGTERM.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await application(onRunning: onRunning).runService()
    }
}
