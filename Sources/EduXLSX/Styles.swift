import EduCore

/// The cell formats of styles.xml: for each style index (a cell's s attribute), what its number
/// format means.
struct Styles {
    var kinds: [NumberFormatKind] = []

    @inline(__always)
    func kind(ofStyle index: Int) -> NumberFormatKind {
        index >= 0 && index < kinds.count ? kinds[index] : .number
    }

    static func parse(_ bytes: [UInt8]) throws(XLSXError.Reason) -> Styles {
        let handler = StylesHandler()
        try XMLPushParser.parse(bytes, with: handler)
        let kinds = handler.formatIDs.map { id in
            handler.customFormats[id].map(NumberFormatKind.classify) ?? NumberFormatKind.builtIn(id)
        }
        return Styles(kinds: kinds)
    }
}

private final class StylesHandler: PartContentHandler {
    var customFormats: [Int: String] = [:]
    var formatIDs: [Int] = []
    private var inCellFormats = false

    func start(_ name: XMLName, attributes: XMLAttributes) {
        guard name.namespace.isSpreadsheet else { return }
        if name.is("numFmt") {
            if let id = attributes.string("numFmtId").flatMap({ Int($0) }), let code = attributes.string("formatCode") {
                customFormats[id] = code
            }
        } else if name.is("cellXfs") {
            inCellFormats = true
        } else if name.is("xf"), inCellFormats {
            formatIDs.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }

    func end(_ name: XMLName) {
        if name.is("cellXfs"), name.namespace.isSpreadsheet { inCellFormats = false }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}
