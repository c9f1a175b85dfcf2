import EduIngest
import EduNormalise
import EduReports
import EduWarehouse
import Foundation

/// 上传报表: the form (files or a whole folder) with the latest uploads; an upload's page, which
/// refreshes itself with a progress line while the files are read, then shows each file's outcome
/// and, per sheet, how its headers were mapped (as `eduetl headers` shows them), each unmapped
/// header with a choice of field that, once confirmed, goes into the catalogue.
enum ReturnsPage {
    static func form(_ settings: WebSettings, recent: [UploadJob]) -> String {
        let limit = settings.uploadFileLimit >> 20, csrf = settings.csrf
        var body = """
        <section><h2>上传各校报表</h2>
        <form id="upload" method="post" action="/returns" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="\(HTMLPage.escape(csrf))">
        <p><label>报表文件（.xlsx、.xls、.csv，可多选，也可拖放到此处）：<br><input type="file" name="files" multiple accept=".xlsx,.xlsm,.xls,.xlt,.csv,.tsv,.txt"></label></p>
        <p><label>或整个文件夹：<br><input type="file" name="folder" webkitdirectory multiple></label></p>
        <p><label>报表未写明时的行政区划代码（可不填）：<input type="text" name="county" size="8" pattern="[0-9]{6}"></label>
           <label>学年（可不填）：<input type="text" name="year" size="6" pattern="[0-9]{4}"></label></p>
        <p><button type="submit">上传并导入</button></p>
        </form>
        <p class="note">每个文件不超过 \(limit) MB，一次共不超过 \(settings.uploadTotalLimit >> 20) MB；同时只导入一批，后到的排队等候。</p>
        </section>

        """
        if !recent.isEmpty {
            body += "<section><h2>最近的上传</h2><ul>\n"
                + recent.map { "<li><a href=\"/returns/\($0.id)\">\($0.id)</a>：\($0.saved.count) 个文件，\(HTMLPage.escape(status($0)))</li>" }
                    .joined(separator: "\n")
                + "\n</ul></section>\n"
        }
        return PageFrame.page(title: "上传报表", body: body)
    }

    /// 排队中, 导入中 3/12, 已完成, 失败: a job's state in a few words.
    static func status(_ job: UploadJob) -> String {
        switch job.state {
        case .queued: return "排队中"
        case .reading(let done, let total, _): return "导入中 \(done)/\(total)"
        case .finished: return "已完成"
        case .failed: return "失败"
        }
    }

    /// An upload's page: the progress line (the page reloads itself each second) until the files are
    /// read, then the outcome.
    static func job(_ job: UploadJob, ahead: Int, catalogue: Catalogue?, csrf: String) -> String {
        var body = change(job.change) + refused(job.refused)
        switch job.state {
        case .queued:
            body += "<section><p id=\"progress\">排队等候：前面还有 \(ahead) 批上传在导入，\(job.saved.count) 个文件已保存。</p></section>"
            return PageFrame.page(title: "上传 \(job.id)", subtitle: "已保存到 \(job.folder)", body: body, refreshSeconds: 1)
        case .reading(let done, let total, let last):
            let just = last.map { $0.isEmpty ? "" : "（刚完成：\(HTMLPage.escape($0))）" } ?? ""
            let bar = "<progress value=\"\(done)\" max=\"\(max(total, 1))\"></progress>"
            body += "<section><p id=\"progress\">正在导入：已完成 \(done)/\(total) 个文件\(just) \(bar)</p></section>"
            return PageFrame.page(title: "上传 \(job.id)", subtitle: "已保存到 \(job.folder)", body: body, refreshSeconds: 1)
        case .failed(let why):
            body += "<section id=\"outcome\"><p class=\"bad\">导入未完成，仓库保持导入前的样子：\(HTMLPage.escape(why))</p></section>"
            return PageFrame.page(title: "上传 \(job.id)", subtitle: "已保存到 \(job.folder)", body: body)
        case .finished(let outcome):
            if let started = job.started, let finished = job.finished {
                body += "<p class=\"meta\">导入用时 \(String(format: "%.1f", finished.timeIntervalSince(started))) 秒。</p>\n"
            }
            body += outcomeTable(outcome) + mappings(outcome, job: job, catalogue: catalogue, csrf: csrf)
            return PageFrame.page(title: "上传 \(job.id)", subtitle: "已保存到 \(job.folder)", body: body)
        }
    }

    /// An upload with no file to read: why each was refused.
    static func nothingSaved(_ refused: [UploadJob.RefusedFile]) -> String {
        PageFrame.page(title: "上传结果", body: Self.refused(refused) + "<section id=\"outcome\"><p>没有可导入的文件。</p></section>")
    }

    static func refused(_ refused: [UploadJob.RefusedFile]) -> String {
        guard !refused.isEmpty else { return "" }
        return "<section><h2>未接收的文件</h2><ul>\n"
            + refused.map { "<li class=\"bad\">\(HTMLPage.escape($0.name))：\(HTMLPage.escape($0.why))</li>" }.joined(separator: "\n")
            + "\n</ul></section>\n"
    }

    /// The catalogue line a confirmed header changed, as before and after.
    static func change(_ change: CatalogueFile.Change?) -> String {
        guard let change else { return "" }
        let what = change.created ? "已新建目录文件 \(change.path)（以内置目录为底）" : "已修改目录文件 \(change.path)"
        let lines = (change.before.map { "- " + $0 + "\n" } ?? "") + "+ " + change.after
        return "<section id=\"catalogue-change\"><h2>目录已更新</h2><p>\(HTMLPage.escape(what))，第 \(change.line) 行：</p>"
            + "<pre>\(HTMLPage.escape(lines))</pre><p class=\"note\">本次上传已按新目录重新导入。</p></section>\n"
    }

    static func outcomeTable(_ outcome: UploadJob.Outcome) -> String {
        var body = "<section id=\"outcome\"><h2>导入结果</h2><div class=\"tablebox\"><table><thead><tr><th>文件</th><th>结果</th><th>详情</th><th>提示</th>"
            + "</tr></thead><tbody>\n"
        for file in outcome.files {
            let name = HTMLPage.escape((file.path as NSString).lastPathComponent)
            body += "<tr><td>\(name)</td>\(cells(file.outcome))<td>\(HTMLPage.escape(file.warnings.joined(separator: "；")))</td></tr>\n"
        }
        return body + "</tbody></table></div></section>\n"
    }

    static func mappings(_ outcome: UploadJob.Outcome, job: UploadJob, catalogue: Catalogue?, csrf: String) -> String {
        let matcher = catalogue.map { HeaderMatcher(catalogue: $0) }
        var body = ""
        for file in outcome.files {
            guard let rows = outcome.mappings[file.path], !rows.isEmpty else { continue }
            body += "<section><h2>\(HTMLPage.escape((file.path as NSString).lastPathComponent)) 的表头识别</h2>\n"
                + "<div class=\"tablebox\"><table><thead><tr><th>工作表</th><th>列</th><th>表头</th><th>字段</th><th>方法</th><th>单位</th>"
                + "<th>说明</th></tr></thead><tbody>\n"
            for row in rows {
                var field = row.field.map { HTMLPage.escape($0) } ?? "<span class=\"bad\">未识别</span>"
                if row.field == nil, let catalogue, let matcher, let form = aliasForm(row, job: job, catalogue: catalogue, matcher: matcher, csrf: csrf) {
                    field += form
                }
                body += "<tr><td>\(HTMLPage.escape(row.sheet))</td><td>\(HTMLPage.escape(row.column))</td><td>\(HTMLPage.escape(row.headerPath))</td>"
                    + "<td>\(field)</td><td>\(HTMLPage.escape(row.method))</td><td>\(HTMLPage.escape(row.unit ?? ""))</td>"
                    + "<td>\(HTMLPage.escape(row.note ?? ""))</td></tr>\n"
            }
            body += "</tbody></table></div></section>\n"
        }
        return body
    }

    /// For an unmapped header: the spelling to add (editable) and the field to add it to. A breakdown
    /// column (一年级 under 在校生数) is left without: its 合计 column carries the field.
    static func aliasForm(_ row: HeaderMappingRow, job: UploadJob, catalogue: Catalogue, matcher: HeaderMatcher, csrf: String) -> String? {
        guard !(row.note ?? "").hasPrefix("a breakdown of"), let spelling = AliasProposal.spelling(for: row.headerPath, catalogue: catalogue, matcher: matcher)
        else { return nil }
        let options = catalogue.fields.filter { $0.kind != .rate }.map {
            "<option value=\"\(HTMLPage.escape($0.id))\">\(HTMLPage.escape($0.name))（\(HTMLPage.escape($0.id))）</option>"
        }.joined()
        return """
            <form class="alias" method="post" action="/returns/\(job.id)/alias">\
            <input type="hidden" name="csrf" value="\(HTMLPage.escape(csrf))">\
            <input type="hidden" name="header" value="\(HTMLPage.escape(row.headerPath))">\
            <label>把<input type="text" name="alias" size="12" value="\(HTMLPage.escape(spelling))"></label>\
            <label>作为<select name="field"><option value="">选择字段…</option>\(options)</select></label>\
            <button type="submit">确认并重新导入</button></form>
            """
    }

    /// 结果 and its figures: 导入 (values, rejects, conflicts), 未变, or 拒收 with why.
    static func cells(_ outcome: Ingest.FileOutcome) -> String {
        switch outcome {
        case .loaded(let values, let rejects, let conflicts, let superseded):
            var said = "\(values) 个数值"
            if rejects > 0 { said += "，\(rejects) 个单元格未能读取" }
            if conflicts > 0 { said += "，\(conflicts) 处与其他文件不一致" }
            if !superseded.isEmpty { said += "，替换了同名的旧版本" }
            return "<td>已导入</td><td>\(HTMLPage.escape(said))</td>"
        case .unchanged:
            return "<td>未变</td><td>与已导入的文件相同</td>"
        case .rejected(let why):
            return "<td class=\"bad\">拒收</td><td>\(HTMLPage.escape(why))</td>"
        }
    }
}

/// The spelling offered for an unmapped header: its innermost cell's words as the matcher compares
/// them, or the cell above where the innermost is only 合计 / 计.
enum AliasProposal {
    static func spelling(for headerPath: String, catalogue: Catalogue, matcher: HeaderMatcher) -> String? {
        let cells = headerPath.components(separatedBy: " / ").map { matcher.headerText($0).core }.filter { !$0.isEmpty }
        guard var spelling = cells.last else { return nil }
        if catalogue.totalsWords.contains(spelling) || spelling == "计" {
            guard cells.count > 1 else { return nil }
            spelling = cells[cells.count - 2]
        }
        return spelling
    }
}
