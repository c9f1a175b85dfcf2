import EduPipelines
import EduReports
import EduWarehouse
import Foundation

/// Each pipeline of the project's Pipelines folder: its schedule, its latest run and when it is next
/// due (China Standard Time, as the scheduler reads schedules); a broken file with its sentence.
enum PipelinesPage {
    static func html(folder: String, now: Date, csrf: String) -> String {
        let pipelines: PipelineFolder
        do {
            pipelines = try PipelineSpecLoader.loadAll(folder: folder)
        } catch {
            return PageFrame.message("流水线", "读不了流水线文件夹：\(error)")
        }
        let zone = DueRuns.defaultTimeZone
        var body = "<section><div class=\"tablebox\"><table><thead><tr><th>流水线</th><th>文件</th><th>计划</th><th>下次运行</th><th>最近一次运行</th>"
            + "<th>结果</th><th></th></tr></thead><tbody>\n"
        for spec in pipelines.specs {
            let next = spec.schedule.flatMap { $0.next(after: now, in: zone) }.map { format($0, zone) } ?? "—"
            let latest = (try? DueRuns.latestRun(of: spec)) ?? nil
            let outcome = latest.map { run in
                "\(label(run.status))：导入 \(run.filesLoaded)，未变 \(run.filesUnchanged)，拒收 \(run.filesRejected)，导出 \(run.exports.count) 个文件"
            } ?? "尚未运行"
            body += "<tr><td>\(HTMLPage.escape(spec.name))</td><td>\(HTMLPage.escape(spec.source))</td>"
                + "<td>\(HTMLPage.escape(spec.schedule?.expression ?? "手动"))</td><td>\(HTMLPage.escape(next))</td>"
                + "<td>\(HTMLPage.escape(latest?.startedAt ?? "—"))</td><td>\(HTMLPage.escape(outcome))</td>"
                + "<td><form method=\"post\" action=\"/pipelines/run\"><input type=\"hidden\" name=\"csrf\" value=\"\(HTMLPage.escape(csrf))\">"
                + "<input type=\"hidden\" name=\"pipeline\" value=\"\(HTMLPage.escape(spec.source))\"><button type=\"submit\">立即运行</button></form></td></tr>\n"
        }
        body += "</tbody></table></div></section>\n"
        if !pipelines.broken.isEmpty {
            body += "<section><h2>无法读取的流水线文件</h2><ul>\n"
                + pipelines.broken.map { "<li class=\"bad\">\(HTMLPage.escape("\($0)"))</li>" }.joined(separator: "\n") + "\n</ul></section>\n"
        }
        return PageFrame.page(title: "流水线", subtitle: "\(folder) · 时间为北京时间", body: body)
    }

    /// After a run by hand: how it ended and its progress lines.
    static func ran(_ name: String, lines: [String], result: PipelineRunner.Result) -> String {
        let ending = result.failed ? "<p class=\"bad\">运行失败：\(HTMLPage.escape(result.message ?? ""))</p>"
            : "<p>运行完成：导入 \(result.filesLoaded)，未变 \(result.filesUnchanged)，拒收 \(result.filesRejected)，导出 \(result.exports.count) 个文件。</p>"
        let log = "<pre>" + lines.map(HTMLPage.escape).joined(separator: "\n") + "</pre>"
        return PageFrame.page(title: "流水线 \(name)", subtitle: "第 \(result.runID) 次运行",
                              body: "<section>\(ending)\n\(log)\n<p><a href=\"/pipelines\">返回流水线</a></p></section>")
    }

    static func label(_ status: PipelineRunStatus) -> String {
        switch status {
        case .running: return "运行中"
        case .finished: return "完成"
        case .failed: return "失败"
        }
    }

    static func format(_ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
