import EduIngest
import EduNormalise
import EduStandards
import EduWarehouse
@testable import EduWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `eduetl serve` driven over HTTP (a live server on a free port): every page, the refusals, and
/// the token asked when it listens beyond this machine.
struct WebServerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The three sample counties in a new warehouse, as the demo loads them.
    static func sampleWarehouse() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("warehouse.sqlite").path
        let warehouse = try Warehouse(path: path)
        let catalogue = try CatalogueLoader.load(path: root.appendingPathComponent("Pipelines/catalogue.yml").path)
        let standards = try StandardsLoader.load(path: root.appendingPathComponent("Pipelines/standards.yml").path)
        let inputs = [IngestInput(path: root.appendingPathComponent("SampleInputs").path),
                      IngestInput(path: root.appendingPathComponent("SampleInputs/东湖区").path, county: "360392"),
                      IngestInput(path: root.appendingPathComponent("SampleInputs/柳溪县").path, county: "360399")]
        _ = try Ingest(options: Ingest.Options(inputs: inputs, county: "360321"), catalogue: catalogue, standards: standards,
                       warehouse: warehouse).run()
        return path
    }

    static func server(database: String, host: String = "127.0.0.1", token: String? = nil) throws -> WebServer {
        let standards = try StandardsLoader.load(path: root.appendingPathComponent("Pipelines/standards.yml").path)
        return WebServer(settings: WebSettings(database: database, host: host, port: 0, projectFolder: root.path,
                                               standardsPath: root.appendingPathComponent("Pipelines/standards.yml").path,
                                               checksPath: root.appendingPathComponent("Pipelines/checks.yml").path, token: token),
                         standards: standards)
    }

    static func text(_ response: TestResponse) -> String {
        String(buffer: response.body)
    }

    @Test func everyPageAnswersFromTheWarehouse() async throws {
        let database = try Self.sampleWarehouse()
        let app = try Self.server(database: database).application()
        try await app.test(.live) { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            #expect(Self.text(home).contains("/county?year=2024&amp;county=360321") && Self.text(home).contains("柳溪县"))

            let county = try await client.execute(uri: "/county?year=2024&county=360321", method: .get)
            #expect(county.status == .ok)
            let page = Self.text(county)
            #expect(page.contains("综合差异系数") && page.contains("<svg") && page.contains("<nav"), "\(page.prefix(300))")
            #expect(!page.contains("<script"))

            let ranking = try await client.execute(uri: "/ranking?year=2024", method: .get)
            #expect(ranking.status == .ok && Self.text(ranking).contains("青石县") && Self.text(ranking).contains("<svg"))

            let audit = try await client.execute(uri: "/audit?year=2024&county=360399", method: .get)
            #expect(audit.status == .ok)
            let findings = Self.text(audit)
            #expect(findings.contains("白石镇") && findings.contains("错误") && findings.contains("单元格"), "\(findings.prefix(400))")

            let pipelines = try await client.execute(uri: "/pipelines", method: .get)
            #expect(pipelines.status == .ok && Self.text(pipelines).contains("annual-returns") && Self.text(pipelines).contains("0 6 1 9 *"))

            // Choosers when no year or county is given.
            let chooser = try await client.execute(uri: "/county", method: .get)
            #expect(chooser.status == .ok && Self.text(chooser).contains("/county?year=2024&amp;county=360392"))
        }
    }

    @Test func theExportsDownloadAsTheCommandsWriteThem() async throws {
        let database = try Self.sampleWarehouse()
        let app = try Self.server(database: database).application()
        try await app.test(.live) { client in
            let page = Self.text(try await client.execute(uri: "/county?year=2024&county=360321", method: .get))
            #expect(page.contains("/download/county?year=2024&amp;county=360321&amp;format=xlsx"))
            let xlsx = try await client.execute(uri: "/download/county?year=2024&county=360321&format=xlsx", method: .get)
            #expect(xlsx.status == .ok && xlsx.headers[.contentType]?.contains("spreadsheetml") == true)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B], "a ZIP (XLSX) starts PK")
            let disposition = try #require(xlsx.headers[.contentDisposition])
            #expect(disposition.hasPrefix("attachment;") && disposition.contains("filename*=UTF-8''") && disposition.contains("360321-2024-county-summary"))
            let csv = try await client.execute(uri: "/download/county?year=2024&county=360321&format=csv", method: .get)
            #expect(csv.status == .ok && csv.headers[.contentType] == "application/zip" && Array(csv.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let json = try await client.execute(uri: "/download/county?year=2024&county=360321&format=json", method: .get)
            #expect(json.status == .ok && Self.text(json).hasPrefix("{"))
            let audit = try await client.execute(uri: "/download/audit?year=2024&county=360399&format=xlsx", method: .get)
            #expect(audit.status == .ok && Array(audit.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let badFormat = try await client.execute(uri: "/download/county?year=2024&county=360321&format=pdf", method: .get)
            #expect(badFormat.status == .badRequest && Self.text(badFormat).contains("xlsx"))
            let notHeld = try await client.execute(uri: "/download/audit?year=2020&county=360321&format=json", method: .get)
            #expect(notHeld.status == .notFound)
        }
    }

    @Test func badRequestsGetAClearPage() async throws {
        let database = try Self.sampleWarehouse()
        let app = try Self.server(database: database).application()
        try await app.test(.live) { client in
            let notAYear = try await client.execute(uri: "/county?year=abc&county=360321", method: .get)
            #expect(notAYear.status == .badRequest && Self.text(notAYear).contains("不是学年"))
            let notACounty = try await client.execute(uri: "/audit?year=2024&county=../etc", method: .get)
            #expect(notACounty.status == .badRequest && Self.text(notACounty).contains("六位行政区划代码"))
            let notHeld = try await client.execute(uri: "/county?year=2019&county=360321", method: .get)
            #expect(notHeld.status == .notFound && Self.text(notHeld).contains("没有 360321 2019"))
            let nothing = try await client.execute(uri: "/no-such-page", method: .get)
            #expect(nothing.status == .notFound)
        }
    }

    @Test func beyondLoopbackEveryRequestCarriesTheToken() async throws {
        let database = try Self.sampleWarehouse()
        let token = WebSettings.newToken()
        #expect(token.count == 32)
        let app = try Self.server(database: database, token: token).application()
        try await app.test(.live) { client in
            let refused = try await client.execute(uri: "/county?year=2024&county=360321", method: .get)
            #expect(refused.status == .unauthorized && Self.text(refused).contains("口令"))
            #expect(!Self.text(refused).contains("综合差异系数"))
            let wrong = try await client.execute(uri: "/?token=\(String(token.reversed()))", method: .get)
            #expect(wrong.status == .unauthorized)
            let admitted = try await client.execute(uri: "/?token=\(token)", method: .get)
            #expect(admitted.status == .ok)
            let cookie = try #require(admitted.headers[.setCookie])
            #expect(cookie.contains("eduetl_token=\(token)") && cookie.contains("HttpOnly"))
            let withCookie = try await client.execute(uri: "/county?year=2024&county=360321", method: .get,
                                                      headers: [.cookie: "eduetl_token=\(token)"])
            #expect(withCookie.status == .ok && Self.text(withCookie).contains("综合差异系数"))
        }
        #expect(WebSettings.isLoopback("127.0.0.1") && WebSettings.isLoopback("::1") && !WebSettings.isLoopback("0.0.0.0"))
    }
}
