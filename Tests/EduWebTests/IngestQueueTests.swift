import EduIngest
@testable import EduWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Uploads in line: two posted at once are read one after the other, each page following its own;
/// while waiting or reading, the page is a progress line that reloads itself.
struct IngestQueueTests {
    @Test func twoUploadsPostedAtOnceAreReadOneAfterTheOther() async throws {
        let (server, _, _) = try UploadTests.setup()
        let csrf = server.settings.csrf
        let first = try UploadTests.sample("桃源乡2024年学校基本数据.csv"), second = try UploadTests.sample("白沙乡_2024_中小学.csv")
        try await server.application().test(.live) { client in
            async let one = client.execute(uri: "/returns", method: .post, headers: UploadTests.headers,
                                           body: UploadTests.body(fields: [("csrf", csrf), ("county", "360321")], files: [("a.csv", first)]))
            async let two = client.execute(uri: "/returns", method: .post, headers: UploadTests.headers,
                                           body: UploadTests.body(fields: [("csrf", csrf), ("county", "360321")], files: [("b.csv", second)]))
            let (postedOne, postedTwo) = try await (one, two)
            let pages = [try await UploadTests.outcome(postedOne, client).page, try await UploadTests.outcome(postedTwo, client).page]
            #expect(pages.allSatisfy { $0.contains("已导入") && $0.contains("导入用时") })
            let jobs = [postedOne, postedTwo].compactMap { $0.headers[.location].flatMap { server.queue.job(String($0.dropFirst("/returns/".count))) } }
            #expect(jobs.count == 2)
            let ordered = jobs.sorted { ($0.started ?? .distantPast) < ($1.started ?? .distantPast) }
            let earlierEnd = try #require(ordered.first?.finished), laterStart = try #require(ordered.last?.started)
            #expect(laterStart >= earlierEnd, "the second upload was read while the first still was")
        }
    }

    @Test func waitingAndReadingPagesAreAProgressLineThatReloads() {
        var job = UploadJob(id: "20261203-210000-abcdef12", folder: "uploads/20261203-210000-abcdef12", saved: ["甲.xlsx", "乙.csv"],
                            refused: [.init(name: "说明.docx", why: "不是 .xlsx、.xls 或 .csv 文件")], state: .queued)
        let waiting = ReturnsPage.job(job, ahead: 2, catalogue: nil, csrf: "t")
        #expect(waiting.contains("<p id=\"progress\">排队等候：前面还有 2 批上传在导入，2 个文件已保存。</p>"))
        #expect(waiting.contains("<meta http-equiv=\"refresh\" content=\"1\">") && waiting.contains("说明.docx"))
        job.state = .reading(done: 1, total: 2, last: "甲.xlsx")
        let reading = ReturnsPage.job(job, ahead: 0, catalogue: nil, csrf: "t")
        #expect(reading.contains("正在导入：已完成 1/2 个文件（刚完成：甲.xlsx）") && reading.contains("<progress value=\"1\" max=\"2\">"))
        #expect(reading.contains("http-equiv=\"refresh\"") && !reading.contains("id=\"outcome\""))
        job.state = .failed("the warehouse is locked")
        let failed = ReturnsPage.job(job, ahead: 0, catalogue: nil, csrf: "t")
        #expect(failed.contains("id=\"outcome\"") && failed.contains("仓库保持导入前的样子") && !failed.contains("http-equiv=\"refresh\""))
    }
}
