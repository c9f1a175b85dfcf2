import CEduXML2

/// Receives the events of one XML part. Names and values are libxml2's own buffers, valid only
/// during the call: copy what you keep.
protocol XMLContentHandler: AnyObject {
    /// Returns false to stop the parser (the handler's `failure` says why).
    func startElement(_ name: XMLName, attributes: XMLAttributes) -> Bool
    func endElement(_ name: XMLName) -> Bool
    func characters(_ text: UnsafeBufferPointer<UInt8>)
    /// A problem the handler found; the parser stops and reports it.
    var failure: XLSXError.Reason? { get }
}

/// A handler for the small parts (relationships, workbook, styles, shared strings) that never stops the parser.
protocol PartContentHandler: XMLContentHandler {
    func start(_ name: XMLName, attributes: XMLAttributes)
    func end(_ name: XMLName)
}

extension PartContentHandler {
    var failure: XLSXError.Reason? { nil }

    func startElement(_ name: XMLName, attributes: XMLAttributes) -> Bool {
        start(name, attributes: attributes)
        return true
    }

    func endElement(_ name: XMLName) -> Bool {
        end(name)
        return true
    }
}

/// libxml2's SAX2 push parser, owned: the one place this module calls libxml2.
///
/// Options are an allow-list (xmlCtxtUseOptions): XML_PARSE_NONET only. No entity substitution
/// (NOENT off), no DTD loading (DTDLOAD off), default size limits (HUGE off). On top of that a
/// DOCTYPE is refused outright: OPC (ECMA-376 Part 2, §8.1.4) forbids DTDs in package parts, and
/// refusing them stops XXE and entity-expansion attacks before any entity is declared.
final class XMLPushParser {
    private let context: xmlParserCtxtPtr
    private let box: HandlerBox
    private(set) var finished = false

    fileprivate final class HandlerBox {
        // Strong and immutable: reached through a guaranteed reference to the box, calling the
        // handler retains nothing (a retain per SAX event was a tenth of the sheet's time).
        let handler: XMLContentHandler
        var context: xmlParserCtxtPtr?
        var sawDoctype = false
        var libxmlMessage: String?
        var libxmlLine = 0
        init(handler: XMLContentHandler) { self.handler = handler }
    }

    init(handler: XMLContentHandler) throws(XLSXError.Reason) {
        box = HandlerBox(handler: handler)
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        // libxml2 always passes the context's user data and an element's name; a guard, not a trap, if not.
        sax.startElementNs = { userData, localName, _, uri, _, _, attributeCount, _, attributes in
            guard let userData, let localName else { return }
            Unmanaged<HandlerBox>.fromOpaque(userData)._withUnsafeGuaranteedRef { box in
                if !box.handler.startElement(XMLName(localName: localName, uri: uri),
                                             attributes: XMLAttributes(base: attributes, count: Int(attributeCount))) {
                    box.stop()
                }
            }
        }
        sax.endElementNs = { userData, localName, _, uri in
            guard let userData, let localName else { return }
            Unmanaged<HandlerBox>.fromOpaque(userData)._withUnsafeGuaranteedRef { box in
                if !box.handler.endElement(XMLName(localName: localName, uri: uri)) { box.stop() }
            }
        }
        let characters: charactersSAXFunc = { userData, bytes, length in
            guard let userData else { return }
            Unmanaged<HandlerBox>.fromOpaque(userData)._withUnsafeGuaranteedRef { box in
                box.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
            }
        }
        sax.characters = characters
        sax.cdataBlock = characters
        sax.ignorableWhitespace = characters
        sax.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            let box = Unmanaged<HandlerBox>.fromOpaque(userData).takeUnretainedValue()
            box.sawDoctype = true
            if let context = box.context { xmlStopParser(context) }
        }
        sax.serror = { userData, error in
            guard let userData, let error else { return }
            let box = Unmanaged<HandlerBox>.fromOpaque(userData).takeUnretainedValue()
            guard box.libxmlMessage == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            box.libxmlMessage = error.pointee.message.map { LibXMLMessage.oneLine(String(cString: $0)) } ?? "malformed XML"
            box.libxmlLine = Int(error.pointee.line)
        }
        let userData = Unmanaged.passUnretained(box).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&sax, userData, nil, 0, nil) else {
            throw .malformedXML(message: "libxml2 could not create a parser", line: nil)
        }
        self.context = context
        box.context = context
        // The structured error handler receives ctxt->userData only when it is the SAX's own.
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
    }

    deinit {
        xmlFreeParserCtxt(context)
    }

    /// Feeds the next bytes of the document; `isLast` ends it.
    func feed(_ bytes: UnsafeRawBufferPointer, isLast: Bool = false) throws(XLSXError.Reason) {
        precondition(!finished, "XMLPushParser fed after the end")
        let status = bytes.withMemoryRebound(to: CChar.self) { chars in
            xmlParseChunk(context, chars.baseAddress, Int32(chars.count), isLast ? 1 : 0)
        }
        if isLast { finished = true }
        if let failure = box.handler.failure { throw failure }
        if box.sawDoctype { throw .doctypeForbidden }
        if status != 0 || context.pointee.wellFormed == 0 {
            throw .malformedXML(message: box.libxmlMessage ?? "malformed XML (libxml2 error \(status))",
                                line: box.libxmlLine > 0 ? box.libxmlLine : nil)
        }
    }

    /// Parses a whole part held in memory.
    static func parse(_ bytes: [UInt8], with handler: XMLContentHandler) throws(XLSXError.Reason) {
        let parser = try XMLPushParser(handler: handler)
        let chunk = 1 << 20
        var offset = 0
        repeat {
            let end = min(offset + chunk, bytes.count)
            let result = bytes.withUnsafeBytes { raw in
                Result { () throws(XLSXError.Reason) in
                    try parser.feed(UnsafeRawBufferPointer(rebasing: raw[offset..<end]), isLast: end == bytes.count)
                }
            }
            try result.get()
            offset = end
        } while offset < bytes.count
    }
}

private extension XMLPushParser.HandlerBox {
    func stop() {
        if let context { xmlStopParser(context) }
    }
}
