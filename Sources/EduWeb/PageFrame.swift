import EduReports

/// The pages' frame: the report's head and styles, and a bar of links to every page.
enum PageFrame {
    static let links: [(path: String, label: String)] = [("/", "首页"), ("/returns", "上传报表"), ("/county", "县域报告"),
                                                         ("/ranking", "县区排名"), ("/audit", "审核"), ("/pipelines", "流水线")]

    static var navigation: String {
        "<nav class=\"meta\">" + links.map { "<a href=\"\($0.path)\">\($0.label)</a>" }.joined(separator: " · ") + "</nav>\n"
    }

    /// A whole page: title, the navigation, then `body` (HTML already escaped where it holds data);
    /// with `refreshSeconds`, the browser loads it again after that long (a progress line, no script).
    static func page(title: String, subtitle: String = "", body: String, refreshSeconds: Int? = nil) -> String {
        var start = HTMLPage.start(title: title, generator: "eduetl serve")
        if let refreshSeconds, let head = start.range(of: "</head>") {
            start.replaceSubrange(head, with: "<meta http-equiv=\"refresh\" content=\"\(refreshSeconds)\">\n</head>")
        }
        return start
            + (subtitle.isEmpty ? "" : "<p class=\"meta\">\(HTMLPage.escape(subtitle))</p>\n")
            + navigation + "</header>\n" + body + "\n</body>\n</html>\n"
    }

    /// A page written elsewhere (the county summary, the ranking) with the navigation put under its body's start.
    static func framed(_ html: String, below extra: String = "") -> String {
        guard let body = html.range(of: "<body>\n") else { return html }
        return html.replacingCharacters(in: body, with: "<body>\n" + navigation + extra)
    }

    /// A line of download links: each format's name linking to `path` with `format=`.
    static func downloads(_ path: String, query: String, formats: [String]) -> String {
        "<p class=\"meta\">下载：" + formats.map { "<a href=\"\(path)?\(query)&amp;format=\($0)\">\($0.uppercased())</a>" }
            .joined(separator: " · ") + "</p>\n"
    }

    /// A sentence in place of a page: what went wrong and what to do.
    static func message(_ title: String, _ sentence: String) -> String {
        page(title: title, body: "<section><p>\(HTMLPage.escape(sentence))</p></section>")
    }
}
