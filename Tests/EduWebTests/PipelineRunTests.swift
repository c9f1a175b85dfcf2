@testable import EduWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// 流水线: a pipeline of the project's folder run from the page (the form's token checked), its
/// progress shown, its run recorded as the scheduler's are.
struct PipelineRunTests {
    @Test func aPipelineRunsFromThePage() async throws {
        let root = WebServerTests.root
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-pipe-\(UUID().uuidString)")
        let pipelines = project.appendingPathComponent("Pipelines"), returns = project.appendingPathComponent("returns")
        try FileManager.default.createDirectory(at: pipelines, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: returns, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("SampleInputs/桃源乡2024年学校基本数据.csv"),
                                         to: returns.appendingPathComponent("桃源乡2024年学校基本数据.csv"))
        let warehouse = project.appendingPathComponent("warehouse.sqlite").path
        let yaml = """
            name: township-returns
            inputs:
              - \(returns.path)
            warehouse: \(warehouse)
            county: "360321"
            catalogue: \(root.appendingPathComponent("Pipelines/catalogue.yml").path)
            standards: \(root.appendingPathComponent("Pipelines/standards.yml").path)
            schedule: "0 6 1 9 *"

            """
        let file = pipelines.appendingPathComponent("township-returns.yml")
        try Data(yaml.utf8).write(to: file)
        let settings = WebSettings(database: warehouse, port: 0, projectFolder: project.path,
                                   standardsPath: root.appendingPathComponent("Pipelines/standards.yml").path,
                                   checksPath: root.appendingPathComponent("Pipelines/checks.yml").path)
        let server = WebServer(settings: settings, standards: nil)
        let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        @Sendable func body(_ csrf: String, _ pipeline: String) -> ByteBuffer {
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            return ByteBuffer(string: "csrf=\(csrf)&pipeline=\(pipeline.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")")
        }
        try await server.application().test(.live) { client in
            let listed = WebServerTests.text(try await client.execute(uri: "/pipelines", method: .get))
            #expect(listed.contains("township-returns") && listed.contains("立即运行") && listed.contains("尚未运行"))
            #expect(listed.contains("name=\"csrf\" value=\"\(settings.csrf)\""))

            let forged = try await client.execute(uri: "/pipelines/run", method: .post, headers: form, body: body("guess", file.path))
            #expect(forged.status == .forbidden)
            let elsewhere = try await client.execute(uri: "/pipelines/run", method: .post, headers: form, body: body(settings.csrf, "/etc/passwd"))
            #expect(elsewhere.status == .notFound)
            #expect(!FileManager.default.fileExists(atPath: warehouse), "nothing ran yet")

            let ran = try await client.execute(uri: "/pipelines/run", method: .post, headers: form, body: body(settings.csrf, file.path))
            #expect(ran.status == .ok)
            let page = WebServerTests.text(ran)
            #expect(page.contains("运行完成") && page.contains("导入 1"), "\(page.prefix(800))")
            let after = WebServerTests.text(try await client.execute(uri: "/pipelines", method: .get))
            #expect(after.contains("完成：导入 1"))
        }
    }
}
