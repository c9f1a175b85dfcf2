import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A written part parsed by Foundation's XMLParser (libxml2's SAX underneath), not by the
/// writer's own code: each element in document order with its depth (the root 0), its
/// attributes and its text.
struct ParsedXML {
    struct Element {
        var name: String
        var depth: Int
        var attributes: [String: String]
        var text = ""
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var elements: [Element] = []

    init(_ bytes: [UInt8]) throws {
        let parser = XMLParser(data: Data(bytes))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else {
            throw Failure(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
        elements = collector.elements
    }

    /// The root's children, in order.
    var topLevel: [String] { elements.filter { $0.depth == 1 }.map(\.name) }

    func first(_ name: String) -> Element? { elements.first { $0.name == name } }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, depth: open.count - 1, attributes: attributes))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = open.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }
    }
}

/// ECMA-376 Part 1, §18.3.1.99 CT_Worksheet: the order a worksheet's children must come in
/// (a sequence; Excel refuses a sheet whose children are out of it).
enum WorksheetSchema {
    static let order = [
        "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
        "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
        "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup",
        "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
        "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
    ]

    /// Whether `children` are all worksheet children, each at most once, in the schema's order
    /// (conditionalFormatting, which may repeat, is never written).
    static func isInOrder(_ children: [String]) -> Bool {
        let positions = children.map { order.firstIndex(of: $0) ?? -1 }
        return !positions.contains(-1) && zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 }
    }
}
