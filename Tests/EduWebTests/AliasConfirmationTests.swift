@testable import EduWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// An unmapped header confirmed on the upload's page: the alias goes into the catalogue file (one
/// line changed, shown), the upload is read again with it and the column now loads; a spelling
/// another field holds, or a POST without the page's token, leaves the file as it was.
struct AliasConfirmationTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func encoded(_ fields: [(String, String)]) -> ByteBuffer {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&"))
    }

    @Test func aConfirmedHeaderGoesIntoTheCatalogueAndTheUploadIsReadAgain() async throws {
        let (server, _, _) = try UploadTests.setup()
        // The server's own copy of the project catalogue, so the edit touches nothing of the repository.
        let catalogue = try #require(server.settings.cataloguePath)
        let copy = URL(fileURLWithPath: server.settings.uploadFolder).deletingLastPathComponent().appendingPathComponent("catalogue.yml")
        try FileManager.default.copyItem(atPath: catalogue, toPath: copy.path)
        var ownCopy = server.settings
        ownCopy.cataloguePath = copy.path
        let settings = ownCopy
        let edited = WebServer(settings: settings, standards: nil)
        let original = try String(contentsOf: copy, encoding: .utf8)
        let csv = Array("学校标识码,学校名称,学段,统计年度,在校学生数,体育活动场地,在册教师\r\n3603219701,甲小学,小学,2024,500,1200,30\r\n".utf8)

        try await edited.application().test(.live) { client in
            let posted = try await client.execute(uri: "/returns", method: .post, headers: UploadTests.headers,
                                                  body: UploadTests.body(fields: [("csrf", settings.csrf), ("county", "360321")],
                                                                         files: [("甲小学.csv", csv)]))
            let location = try #require(posted.headers[.location])
            let first = try await UploadTests.outcome(posted, client).page
            #expect(first.contains("已导入") && first.contains("1 个数值"), "\(first.prefix(900))")
            #expect(first.contains("class=\"alias\" method=\"post\" action=\"\(location)/alias\""))
            #expect(first.contains("value=\"体育活动场地\"") && first.contains("<option value=\"sports_area\">"))

            // Another field's spelling, and a forged form: refused, the file as it was.
            let taken = try await client.execute(uri: "\(location)/alias", method: .post, headers: Self.form,
                                                 body: Self.encoded([("csrf", settings.csrf), ("header", "体育活动场地"), ("alias", "学校名称"),
                                                                     ("field", "sports_area")]))
            #expect(taken.status == .badRequest && WebServerTests.text(taken).contains("已经是字段 school_name 的别名"))
            let forged = try await client.execute(uri: "\(location)/alias", method: .post, headers: Self.form,
                                                  body: Self.encoded([("csrf", "guess"), ("header", "体育活动场地"), ("alias", "体育活动场地"),
                                                                      ("field", "sports_area")]))
            #expect(forged.status == .forbidden)
            let unchosen = try await client.execute(uri: "\(location)/alias", method: .post, headers: Self.form,
                                                    body: Self.encoded([("csrf", settings.csrf), ("header", "体育活动场地"), ("alias", "体育活动场地"),
                                                                        ("field", "")]))
            #expect(unchosen.status == .badRequest)
            #expect(try String(contentsOf: copy, encoding: .utf8) == original)

            let confirmed = try await client.execute(uri: "\(location)/alias", method: .post, headers: Self.form,
                                                     body: Self.encoded([("csrf", settings.csrf), ("header", "体育活动场地"), ("alias", "体育活动场地"),
                                                                         ("field", "sports_area")]))
            let again = try await UploadTests.outcome(confirmed, client).page
            #expect(try #require(confirmed.headers[.location]) != location)
            #expect(again.contains("目录已更新") && again.contains("第 224 行") && again.contains("运动场地面积, 体育活动场地]"), "\(again.prefix(1200))")
            // Read again with the new catalogue: the column is the sports area now, its value loaded.
            #expect(again.contains("已导入") && again.contains("2 个数值"), "\(again)")
            #expect(again.contains("<td>体育活动场地</td><td>sports_area</td>"))
        }
        let after = try String(contentsOf: copy, encoding: .utf8)
        #expect(CatalogueAliasEditTestsSupport.changedLines(original, after) == ["    aliases: [体育运动场馆面积, 体育运动场(馆)面积, 体育运动场面积, 运动场馆面积, 体育运动场馆, 体育场馆面积, 运动场地面积, 体育活动场地]"])
        // No temporary file left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy.deletingLastPathComponent().path).filter { $0.hasPrefix("catalogue") } == ["catalogue.yml"])
    }
}

enum CatalogueAliasEditTestsSupport {
    static func changedLines(_ before: String, _ after: String) -> [String] {
        let old = before.components(separatedBy: "\n"), new = after.components(separatedBy: "\n")
        guard old.count == new.count else { return new.filter { !old.contains($0) } }
        return zip(old, new).filter { $0 != $1 }.map(\.1)
    }
}
