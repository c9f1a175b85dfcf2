import Foundation
import Testing
@testable import EduZip

/// Real workbooks from other producers (Excel, LibreOffice, openpyxl…), from calamine's test
/// suite in ../shared/conformance/calamine, read in place.
@Suite("calamine's workbooks",
       .enabled(if: Fixture.sharedDirectory != nil, "../shared is absent: no conformance workbooks to read"))
struct ConformanceTests {
    static var workbooks: [String] {
        guard let shared = Fixture.sharedDirectory else { return [] }
        let folder = shared.appendingPathComponent("conformance/calamine")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".xlsm") }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    @Test func thereAreWorkbooksToRead() {
        #expect(Self.workbooks.count > 10)
    }

    /// Workbooks of the corpus that are bad at the ZIP level (unzip -t agrees).
    static let refused: [String: @Sendable (ZipError) -> Bool] = [
        // Excel's encryption: an OLE2 container holding EncryptedPackage.
        "pass_protected.xlsx": { if case .passwordProtected = $0 { true } else { false } },
        // xl/_rels/workbook.xml.rels inflates past its declared 697 bytes (a bad CRC to unzip).
        "issue252.xlsx": {
            if case .damaged(let location, _) = $0 { location.entry == "xl/_rels/workbook.xml.rels" } else { false }
        },
    ]

    @Test(arguments: workbooks)
    func everyEntryStreamsWithItsCRCVerified(_ path: String) throws {
        let name = URL(fileURLWithPath: path).lastPathComponent
        if let expected = Self.refused[name] {
            let error = #expect(throws: ZipError.self) { try Self.readEveryEntry(path) }
            #expect(error.map(expected) == true, "unexpected \(String(describing: error))")
            return
        }
        try Self.readEveryEntry(path)
    }

    static func readEveryEntry(_ path: String) throws {
        let archive = try ZipArchive(path: path)
        let types = try #require(archive.entry(named: "[Content_Types].xml"))
        let text = String(decoding: try archive.contents(of: types, limit: 1 << 20), as: UTF8.self)
        #expect(text.contains("<Types") && text.contains("application/vnd.openxmlformats"))
        #expect(archive.entry(named: "_rels/.rels") != nil)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        for entry in archive.entries {
            let stream = try archive.openStream(entry)
            while try buffer.withUnsafeMutableBytes({ try stream.read(into: $0) }) > 0 {}
            #expect(stream.isAtEnd && stream.bytesRead == entry.uncompressedSize, "\(entry.name)")
        }
    }
}
