import CEduXML2

/// The two floors: what reading the sheet costs with zlib and libxml2 doing only their own work.
enum FloorCases {
    /// `floor-inflate FILE ENTRY`: raw inflate of the entry, output discarded.
    static func inflate(path: String, entry name: String) throws -> CaseResult {
        let file = try BenchFile(path: path)
        let (entry, dataOffset) = try ZipLookup.locate(name, in: file)
        guard entry.method == 8 else { throw BenchError("\(path) › \(name): not deflated (method \(entry.method))") }
        var touched: UInt64 = 0
        let (bytes, seconds) = try timed {
            try RawInflater.inflate(file, dataOffset: dataOffset, compressedSize: entry.compressedSize) {
                touched &+= UInt64($0[$0.count - 1])
            }
        }
        guard bytes == entry.uncompressedSize else {
            throw BenchError("\(path) › \(name): inflated \(bytes) bytes, the directory says \(entry.uncompressedSize)")
        }
        return CaseResult(name: "floor-inflate", seconds: seconds, cells: 0, xmlBytes: bytes,
                          peakRSSBytes: peakRSSBytes(), checksum: touched)
    }

    /// `floor-sax FILE ENTRY`: the entry is inflated into an unlinked temporary file first (not
    /// timed); then libxml2's SAX2 push parser reads it in 64 KiB chunks with empty callbacks.
    static func sax(path: String, entry name: String) throws -> CaseResult {
        let file = try BenchFile(path: path)
        let (entry, dataOffset) = try ZipLookup.locate(name, in: file)
        guard entry.method == 8 else { throw BenchError("\(path) › \(name): not deflated (method \(entry.method))") }
        let inflated = try BenchFile(temporaryIn: BenchFile.temporaryDirectory)
        let bytes = try RawInflater.inflate(file, dataOffset: dataOffset, compressedSize: entry.compressedSize) {
            try inflated.write($0)
        }
        xmlInitParser()
        let (_, seconds) = try timed { try EmptySAXParser.parse(inflated, byteCount: bytes, label: "\(path) › \(name)") }
        return CaseResult(name: "floor-sax", seconds: seconds, cells: 0, xmlBytes: bytes,
                          peakRSSBytes: peakRSSBytes())
    }
}

/// xmlCreatePushParserCtxt with an XML_SAX2_MAGIC handler whose startElementNs, endElementNs
/// and characters are empty functions (not NULL, so libxml2 builds every name, attribute array
/// and text run), fed with xmlParseChunk. Options as the real reader's: XML_PARSE_NONET only;
/// no entity substitution (NOENT), no DTD load (DTDLOAD), no HUGE.
enum EmptySAXParser {
    static func parse(_ file: BenchFile, byteCount: Int, label: String) throws {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { _, _, _, _, _, _, _, _, _ in }
        handler.endElementNs = { _, _, _, _ in }
        handler.characters = { _, _, _ in }
        handler.ignorableWhitespace = handler.characters
        guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil) else {
            throw BenchError("\(label): xmlCreatePushParserCtxt failed")
        }
        defer { xmlFreeParserCtxt(context) }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))

        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: RawInflater.chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        let chars = chunk.bindMemory(to: CChar.self)
        var offset = 0
        while offset < byteCount {
            let got = try file.read(into: chunk, at: offset)
            guard got > 0 else { throw BenchError("\(label): temporary file ends early") }
            offset += got
            guard xmlParseChunk(context, chars.baseAddress, Int32(got), 0) == 0 else { break }
        }
        xmlParseChunk(context, nil, 0, 1)
        guard context.pointee.wellFormed != 0 else {
            let message = eduetl_xml_last_error_message(context).map { String(cString: $0) } ?? "not well-formed"
            throw BenchError("\(label) line \(eduetl_xml_last_error_line(context)): \(message)")
        }
    }
}
