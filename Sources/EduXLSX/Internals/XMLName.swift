import CEduXML2

/// An element or attribute name as libxml2 reports it: the local name and namespace URI
/// (NUL-terminated, interned by the parser). Elements are matched by URI and local name, never by prefix.
struct XMLName {
    let localName: UnsafePointer<UInt8>
    let uri: UnsafePointer<UInt8>?

    /// Compares the local name with an ASCII literal without building a String.
    @inline(__always)
    func `is`(_ literal: StaticString) -> Bool {
        Self.equal(localName, literal)
    }

    var namespace: OOXMLNamespace {
        OOXMLNamespace(uri: uri)
    }

    @inline(__always)
    static func equal(_ cString: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let bytes = literal.utf8Start
        let count = literal.utf8CodeUnitCount
        for index in 0..<count where cString[index] != bytes[index] { return false }
        return cString[count] == 0
    }
}

/// SAX2 attributes: five pointers each (local name, prefix, URI, value start, value end).
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The value of the attribute with this local name (any namespace unless one is given).
    @inline(__always)
    func value(_ localName: StaticString, in namespace: OOXMLNamespace.Family? = nil) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for index in 0..<count {
            let entry = base + index * 5
            guard let name = entry[0], XMLName.equal(name, localName) else { continue }
            if let namespace, OOXMLNamespace(uri: entry[2]).family != namespace { continue }
            guard let start = entry[3], let end = entry[4] else { return nil }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    func string(_ localName: StaticString, in namespace: OOXMLNamespace.Family? = nil) -> String? {
        value(localName, in: namespace).map { String(decoding: $0, as: UTF8.self) }
    }
}
