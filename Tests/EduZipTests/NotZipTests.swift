import Foundation
import Testing
@testable import EduZip

@Suite("Files that are not ZIP archives")
struct NotZipTests {
    /// Excel encrypts a password-protected .xlsx into an OLE2 container with an EncryptedPackage stream.
    @Test func compoundFileWithEncryptedPackageIsPasswordProtected() throws {
        let error = #expect(throws: ZipError.self) { try Fixture.open("compound_encrypted.xlsx") }
        guard case .passwordProtected(let location) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(location.entry == nil)
        let path = Fixture.path("compound_encrypted.xlsx")
        #expect(error!.description.hasPrefix(path + ": the workbook is password-protected"))
    }

    @Test func compoundFileWithoutItIsLegacyExcel() throws {
        let error = #expect(throws: ZipError.self) { try Fixture.open("legacy.xls") }
        guard case .legacyExcelFile = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(error!.description.contains("legacy .xls (Excel 97-2003)"))
        #expect(error!.description.contains("save it as .xlsx"))
    }

    @Test(arguments: [("empty.xlsx", ZipError.NotZipKind.empty), ("text.xlsx", .text), ("page.xls", .html),
                      ("xml_spreadsheet.xls", .xmlSpreadsheet), ("random.bin", .unknown)])
    func otherFilesAreNotZipArchives(_ name: String, _ kind: ZipError.NotZipKind) throws {
        let error = #expect(throws: ZipError.self) { try Fixture.open(name) }
        guard case .notZipArchive(_, let found) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(found == kind)
        #expect(error!.description.hasPrefix(Fixture.path(name) + ": "))
        #expect(error!.description.contains("not a ZIP archive (an .xlsx is one)"))
    }

    @Test func missingFileCannotBeOpened() throws {
        let path = Fixture.path("no-such-file.xlsx")
        let error = #expect(throws: ZipError.self) { try ZipArchive(path: path) }
        guard case .cannotOpen(_, let code, _) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(code == ENOENT)
        #expect(error!.description.hasPrefix(path + ": cannot open the file"))
    }

    @Test func directoryCannotBeOpened() throws {
        let error = #expect(throws: ZipError.self) { try ZipArchive(path: Fixture.directory.path) }
        guard case .cannotOpen(_, let code, _) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(code == EISDIR)
    }

    /// The stream name is found even when it straddles two of the scan's 1 MiB chunks.
    @Test(arguments: [-20, -16, 0, 100])
    func encryptedPackageIsFoundAcrossChunks(_ shift: Int) throws {
        let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        var bytes = CompoundFileSniffer.compoundFileSignature + [UInt8](repeating: 0, count: 2 << 20)
        let position = CompoundFileSniffer.chunkSize + shift
        bytes.replaceSubrange(position..<(position + name.count), with: name)
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("eduzip-ole2-\(UUID().uuidString).xlsx").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ZipError.self) { try ZipArchive(path: path) }
        guard case .passwordProtected = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
    }
}
