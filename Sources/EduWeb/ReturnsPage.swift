import EduIngest
import EduReports
import EduWarehouse
import Foundation

/// 上传报表: the form (files or a whole folder), and after an upload each file's outcome and, per
/// sheet, how its headers were mapped (as `eduetl headers` shows them), the unmapped ones marked.
enum ReturnsPage {
    static func form(_ settings: WebSettings) -> String {
        let limit = settings.uploadFileLimit >> 20, csrf = settings.csrf
        let body = """
        <section><h2>上传各校报表</h2>
        <form method="post" action="/returns" enctype="multipart/form-data">
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
        return PageFrame.page(title: "上传报表", body: body)
    }

    static func result(_ upload: UploadedFiles, _ outcome: IngestQueue.Outcome?) -> String {
        var body = ""
        if !upload.refused.isEmpty {
            body += "<section><h2>未接收的文件</h2><ul>\n"
                + upload.refused.map { "<li class=\"bad\">\(HTMLPage.escape($0.name))：\(HTMLPage.escape($0.why))</li>" }.joined(separator: "\n")
                + "\n</ul></section>\n"
        }
        guard let outcome else { return PageFrame.page(title: "上传结果", body: body + "<section><p>没有可导入的文件。</p></section>") }
        body += "<section><h2>导入结果</h2><div class=\"tablebox\"><table><thead><tr><th>文件</th><th>结果</th><th>详情</th><th>提示</th></tr></thead><tbody>\n"
        for file in outcome.files {
            let name = HTMLPage.escape((file.path as NSString).lastPathComponent)
            body += "<tr><td>\(name)</td>\(cells(file.outcome))<td>\(HTMLPage.escape(file.warnings.joined(separator: "；")))</td></tr>\n"
        }
        body += "</tbody></table></div></section>\n"
        for file in outcome.files {
            guard let rows = outcome.mappings[file.path], !rows.isEmpty else { continue }
            body += "<section><h2>\(HTMLPage.escape((file.path as NSString).lastPathComponent)) 的表头识别</h2>\n"
                + "<div class=\"tablebox\"><table><thead><tr><th>工作表</th><th>列</th><th>表头</th><th>字段</th><th>方法</th><th>单位</th>"
                + "<th>说明</th></tr></thead><tbody>\n"
            for row in rows {
                let field = row.field.map { HTMLPage.escape($0) } ?? "<span class=\"bad\">未识别</span>"
                body += "<tr><td>\(HTMLPage.escape(row.sheet))</td><td>\(HTMLPage.escape(row.column))</td><td>\(HTMLPage.escape(row.headerPath))</td>"
                    + "<td>\(field)</td><td>\(HTMLPage.escape(row.method))</td><td>\(HTMLPage.escape(row.unit ?? ""))</td>"
                    + "<td>\(HTMLPage.escape(row.note ?? ""))</td></tr>\n"
            }
            body += "</tbody></table></div></section>\n"
        }
        return PageFrame.page(title: "上传结果", subtitle: "已保存到 \(upload.folder)", body: body)
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
