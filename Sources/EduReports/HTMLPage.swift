/// What eduetl's other pages (the local web page, `eduetl serve`) share with the county summary:
/// the same escaping, head and styles, so a page served looks like the file written.
public enum HTMLPage {
    public static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A page's start, up to its header's title (the header and body left open).
    public static func start(title: String, generator: String) -> String {
        HTMLText.pageStart(title: title, generator: generator)
    }
}
