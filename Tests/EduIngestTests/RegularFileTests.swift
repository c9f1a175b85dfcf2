import Foundation
import Testing
@testable import EduIngest
#if canImport(Glibc)
import Glibc
#endif

/// Only regular files are opened: a FIFO, a folder or a device named like a return is refused by
/// stat(2) before anything opens it (opening a FIFO would wait for a writer forever).
struct RegularFileTests {
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func reason(_ path: String) -> String? {
        do {
            try RegularFile.check(path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(.timeLimit(.minutes(1))) func aFIFOIsRefusedWithoutOpeningIt() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("县A.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(reason(fifo) == "\(fifo) is a FIFO, not a file: only regular files are read.")
        #expect(throws: IngestError.self) { try OpenedFile.open(fifo) }
        #expect(OpenedFile.format(of: folder.appendingPathComponent("县A").path) == .csv)
    }

    @Test func aFolderADeviceAndAnEmptyFileAreRefusedNamingThem() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let named = folder.appendingPathComponent("returns.xlsx")
        try FileManager.default.createDirectory(at: named, withIntermediateDirectories: false)
        #expect(reason(named.path) == "\(named.path) is a folder, not a file: only regular files are read.")
        #expect(reason("/dev/null") == "/dev/null is a character device, not a file: only regular files are read.")
        let empty = folder.appendingPathComponent("白沙乡.csv")
        try Data().write(to: empty)
        #expect(reason(empty.path) == "\(empty.path) is empty (0 bytes): there is nothing to read; save the return again.")
        #expect(reason(folder.appendingPathComponent("none.csv").path)
                == "\(folder.appendingPathComponent("none.csv").path): no such file or folder; check the path.")
        let file = folder.appendingPathComponent("ok.csv")
        try Data("a,b\n".utf8).write(to: file)
        #expect(try RegularFile.check(file.path) == 4)
    }

    @Test func theOSReasonIsKept() throws {
        // Root may open anything, so the errno text is checked where any user is refused.
        #expect(reason("/etc/passwd/x.csv") == "/etc/passwd/x.csv: cannot read it (Not a directory); check its permissions.")
        #expect(throws: IngestError.self) { try FileDiscovery.list("/etc/passwd") }
        do {
            _ = try FileDiscovery.list("/etc/passwd")
        } catch {
            #expect(error.description == "/etc/passwd: cannot list the folder (Not a directory), so its files were not read; check its permissions.")
        }
        do {
            _ = try FileDigest.sha256(path: "/proc/self/mem-not-there")
            Issue.record("a missing file had a digest")
        } catch {
            #expect(error.description.contains("(No such file or directory)"))
        }
    }
}
