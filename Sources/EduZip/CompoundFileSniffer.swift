import EduCore

/// What a file is when it is not a ZIP archive, from its first bytes, so the error can say
/// what to do: an Office 97-2003 compound file (OLE2, [MS-CFB] 2.2) is a legacy .xls, or an
/// encrypted .xlsx when it holds an "EncryptedPackage" stream ([MS-OFFCRYPTO] 2.3.4.1);
/// otherwise an HTML page, an Excel 2003 XML Spreadsheet, text, or something unknown.
enum CompoundFileSniffer {
    static let compoundFileSignature = FileLook.compoundFileSignature
    /// An encrypted package's directory lies near the start; larger files are not scanned further.
    static let maxScan: UInt64 = 64 << 20
    static let sniffLength = 4096
    static let chunkSize = 1 << 20

    /// Returns when the file starts like a ZIP archive (a local header, or the end record of an
    /// empty archive); otherwise throws the error that says what the file is.
    static func requireZip(_ file: FileReader) throws(ZipError) {
        let location = SourceLocation(file: file.path)
        let head = try file.bytes(at: 0, count: sniffLength)
        if head.count >= 4, head[0] == 0x50, head[1] == 0x4B {
            let signature = head.le32(0)
            if signature == Signature.localHeader || signature == Signature.endOfCentralDirectory { return }
        }
        if head.starts(with: compoundFileSignature) {
            throw try containsEncryptedPackage(file) ? .passwordProtected(location) : .legacyExcelFile(location)
        }
        throw .notZipArchive(location, classify(head))
    }

    /// Whether the stream name "EncryptedPackage" appears in UTF-16LE within the first 64 MiB.
    static func containsEncryptedPackage(_ file: FileReader) throws(ZipError) -> Bool {
        let pattern = "EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let end = min(file.size, maxScan)
        var offset: UInt64 = 0
        while offset < end {
            let chunk = try file.bytes(at: offset, count: Int(min(UInt64(chunkSize), end - offset)))
            if contains(pattern, in: chunk) { return true }
            guard chunk.count >= pattern.count else { return false }
            offset += UInt64(chunk.count - pattern.count + 1)  // overlap, so a name across chunks is found
        }
        return false
    }

    static func contains(_ pattern: [UInt8], in bytes: [UInt8]) -> Bool {
        guard let first = pattern.first, bytes.count >= pattern.count else { return false }
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }

    static func classify(_ head: [UInt8]) -> ZipError.NotZipKind {
        switch FileLook.of(head) {
        case .empty: .empty
        case .html: .html
        case .xmlSpreadsheet: .xmlSpreadsheet
        case .text: .text
        case .zip, .compoundFile, .unknown: .unknown
        }
    }
}
