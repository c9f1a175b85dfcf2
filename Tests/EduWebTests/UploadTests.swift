import EduWarehouse
@testable import EduWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Returns uploaded through the page: ingested into the warehouse with each file's outcome and
/// header mapping shown; a POST without the form's token, a name that would leave the upload
/// folder, a file of another kind and an upload over the limits change nothing.
struct UploadTests {
    static let boundary = "----eduetl-test-boundary"

    /// A multipart/form-data body: text fields, then files (sent name, bytes).
    static func body(fields: [(String, String)], files: [(String, [UInt8])]) -> ByteBuffer {
        var buffer = ByteBuffer()
        for (name, value) in fields {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for (name, bytes) in files {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\n"
                               + "Content-Type: application/octet-stream\r\n\r\n")
            buffer.writeBytes(bytes)
            buffer.writeString("\r\n")
        }
        buffer.writeString("--\(boundary)--\r\n")
        return buffer
    }

    static let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]

    static func setup(fileLimit: Int = 64 << 20) throws -> (server: WebServer, database: String, uploads: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = WebServerTests.root
        var settings = WebSettings(database: folder.appendingPathComponent("warehouse.sqlite").path, port: 0, projectFolder: root.path,
                                   standardsPath: root.appendingPathComponent("Pipelines/standards.yml").path,
                                   checksPath: root.appendingPathComponent("Pipelines/checks.yml").path,
                                   cataloguePath: root.appendingPathComponent("Pipelines/catalogue.yml").path,
                                   uploadFolder: folder.appendingPathComponent("uploads").path)
        settings.uploadFileLimit = fileLimit
        return (WebServer(settings: settings, standards: nil), settings.database, settings.uploadFolder)
    }

    static func sample(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: WebServerTests.root.appendingPathComponent("SampleInputs").appendingPathComponent(name)))
    }

    static func savedFiles(_ uploads: String) -> [String] {
        (FileManager.default.enumerator(atPath: uploads)?.allObjects as? [String] ?? []).filter { !$0.hasSuffix("/") && $0.contains(".") }.sorted()
    }

    /// The upload's page a POST sent the browser to, loaded again (as its refresh does) until the files are read.
    static func outcome(_ posted: TestResponse, _ client: some TestClientProtocol) async throws -> (page: String, sawProgress: Bool) {
        #expect(posted.status == .seeOther, "\(String(buffer: posted.body).prefix(400))")
        let location = try #require(posted.headers[.location])
        #expect(location.hasPrefix("/returns/"))
        var sawProgress = false
        for _ in 0..<600 {
            let page = WebServerTests.text(try await client.execute(uri: location, method: .get))
            if page.contains("id=\"outcome\"") { return (page, sawProgress) }
            #expect(page.contains("id=\"progress\"") && page.contains("http-equiv=\"refresh\""), "\(page.prefix(600))")
            sawProgress = true
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the upload at \(location) did not finish in a minute")
        return ("", sawProgress)
    }

    @Test func aReturnUploadedIsIngestedWithItsOutcomeAndHeaderMapping() async throws {
        let (server, database, uploads) = try Self.setup()
        let csv = try Self.sample("桃源乡2024年学校基本数据.csv")
        try await server.application().test(.live) { client in
            let form = WebServerTests.text(try await client.execute(uri: "/returns", method: .get))
            #expect(form.contains("enctype=\"multipart/form-data\"") && form.contains("name=\"csrf\" value=\"\(server.settings.csrf)\""))
            let posted = try await client.execute(uri: "/returns", method: .post, headers: Self.headers,
                                                  body: Self.body(fields: [("csrf", server.settings.csrf), ("county", "360321")],
                                                                  files: [("桃源乡/桃源乡2024年学校基本数据.csv", csv),
                                                                          ("notes.docx", Array("not a return".utf8))]))
            let page = try await Self.outcome(posted, client).page
            #expect(page.contains("已导入") && page.contains("桃源乡2024年学校基本数据.csv"), "\(page.prefix(600))")
            #expect(page.contains("表头识别") && page.contains("students"))
            #expect(page.contains("notes.docx") && page.contains("不是 .xlsx"))
            // Uploaded again: the same bytes are unchanged.
            let again = try await client.execute(uri: "/returns", method: .post, headers: Self.headers,
                                                 body: Self.body(fields: [("csrf", server.settings.csrf), ("county", "360321")],
                                                                 files: [("桃源乡2024年学校基本数据.csv", csv)]))
            #expect(try await Self.outcome(again, client).page.contains("未变"))
            // The form lists both uploads, newest first, each linking to its page.
            let listed = WebServerTests.text(try await client.execute(uri: "/returns", method: .get))
            #expect(listed.contains("最近的上传") && listed.components(separatedBy: "已完成").count == 3, "\(listed)")
            #expect(try await client.execute(uri: "/returns/20000101-000000-unknown", method: .get).status == .notFound)
        }
        let warehouse = try Warehouse(path: database)
        #expect(try warehouse.yearsAndCounties().contains { $0.year == 2024 && $0.county == "360321" })
        #expect(Self.savedFiles(uploads).filter { $0.hasSuffix("桃源乡2024年学校基本数据.csv") }.count == 2)
        #expect(!Self.savedFiles(uploads).contains { $0.hasSuffix(".docx") })
    }

    @Test func withoutTheFormsTokenNothingIsSaved() async throws {
        let (server, database, uploads) = try Self.setup()
        try await server.application().test(.live) { client in
            let forged = try await client.execute(uri: "/returns", method: .post, headers: Self.headers,
                                                  body: Self.body(fields: [("csrf", "guessed")], files: [("a.csv", try Self.sample("白沙乡_2024_中小学.csv"))]))
            #expect(forged.status == .forbidden && WebServerTests.text(forged).contains("未做任何改动"))
            let missing = try await client.execute(uri: "/returns", method: .post, headers: Self.headers,
                                                   body: Self.body(fields: [], files: [("a.csv", try Self.sample("白沙乡_2024_中小学.csv"))]))
            #expect(missing.status == .forbidden)
            let notAForm = try await client.execute(uri: "/returns", method: .post, headers: [.contentType: "text/plain"],
                                                    body: ByteBuffer(string: "csrf=\(server.settings.csrf)"))
            #expect(notAForm.status == .badRequest)
        }
        #expect(Self.savedFiles(uploads).isEmpty)
        #expect(try Warehouse(path: database).yearsAndCounties().isEmpty)
    }

    @Test func namesCannotLeaveTheUploadFolderAndOversizedUploadsSaveNothing() async throws {
        let (server, _, uploads) = try Self.setup(fileLimit: 4096)
        try await server.application().test(.live) { client in
            let small = Array("学校标识码,学校名称,学段,统计年度,在校学生数\r\n3603219701,甲小学,小学,2024,500\r\n".utf8)
            let escaping = try await client.execute(uri: "/returns", method: .post, headers: Self.headers,
                                                    body: Self.body(fields: [("csrf", server.settings.csrf), ("county", "360321")],
                                                                    files: [("../../../etc/甲.csv", small), ("..", small), (".hidden.csv", small)]))
            let page = try await Self.outcome(escaping, client).page
            #expect(page.contains("文件名不可用") && page.contains("已导入"))
            let oversized = try await client.execute(uri: "/returns", method: .post, headers: Self.headers,
                                                     body: Self.body(fields: [("csrf", server.settings.csrf)],
                                                                     files: [("大.csv", [UInt8](repeating: 0x41, count: 5000))]))
            #expect(oversized.status == .contentTooLarge && WebServerTests.text(oversized).contains("未保存任何文件"))
            let badCounty = try await client.execute(uri: "/returns", method: .post, headers: Self.headers,
                                                     body: Self.body(fields: [("csrf", server.settings.csrf), ("county", "36032x")],
                                                                     files: [("乙.csv", small)]))
            #expect(badCounty.status == .badRequest)
        }
        // Only 甲.csv, cut to its name: the refused names, the oversized upload and the one with a bad county saved nothing.
        let saved = Self.savedFiles(uploads)
        #expect(saved.count == 1 && saved.allSatisfy { $0.hasSuffix("/甲.csv") }, "\(saved)")
        // Every saved file is inside the upload folder.
        #expect(saved.allSatisfy { !$0.contains("..") })
    }
}
