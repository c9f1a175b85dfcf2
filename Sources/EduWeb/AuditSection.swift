import EduAudit
import EduReports
import EduWarehouse

/// The checks' findings (审核) of a county and year, by township and school, each with the file,
/// sheet and cell the figure came from.
enum AuditSection {
    static func html(_ findings: [AuditFindingRow]) -> String {
        guard !findings.isEmpty else { return "<section><p>审核没有发现问题。</p></section>" }
        let errors = findings.filter { $0.severity == .error }.count
        var html = "<section><p>共 \(findings.count) 条：错误 \(errors) 条，提示 \(findings.count - errors) 条。</p></section>\n"
        var townships: [String] = []
        var byTownship: [String: [AuditFindingRow]] = [:]
        for finding in findings {
            let township = finding.township ?? "（未注明乡镇）"
            if byTownship[township] == nil { townships.append(township) }
            byTownship[township, default: []].append(finding)
        }
        for township in townships {
            html += "<section><h2>\(HTMLPage.escape(township))</h2>\n"
            html += "<div class=\"tablebox\"><table><thead><tr><th>学校</th><th>学段</th><th>严重程度</th><th>规则</th><th>指标</th><th>说明</th>"
                + "<th>文件</th><th>工作表</th><th>单元格</th></tr></thead><tbody>\n"
            for finding in (byTownship[township] ?? []).sorted(by: { ($0.schoolCode, $0.cell ?? "") < ($1.schoolCode, $1.cell ?? "") }) {
                let school = HTMLPage.escape(finding.schoolName.map { "\($0)（\(finding.schoolCode)）" } ?? finding.schoolCode)
                let severity = finding.severity == .error ? "<td class=\"bad\">错误</td>" : "<td>提示</td>"
                html += "<tr><td>\(school)</td><td>\(ReportLabels.stage(finding.stage))</td>\(severity)"
                    + "<td>\(HTMLPage.escape(AuditLabels.rule(finding.rule)))</td><td>\(HTMLPage.escape(AuditLabels.indicator(finding)))</td>"
                    + "<td>\(HTMLPage.escape(finding.message))</td><td>\(HTMLPage.escape(finding.sourceFile))</td>"
                    + "<td>\(HTMLPage.escape(finding.sheet))</td><td>\(HTMLPage.escape(finding.cell ?? "—"))</td></tr>\n"
            }
            html += "</tbody></table></div></section>\n"
        }
        return html
    }
}
