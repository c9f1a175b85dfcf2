import Foundation
import Testing
@testable import EduIngest
#if canImport(Glibc)
import Glibc
#endif

/// What an ingest finds: files in order, what cannot be read among them, with why.
struct FileDiscoveryTests {
    @Test(.timeLimit(.minutes(1))) func aFIFOInAFolderIsFoundAndRefusedNotRead() throws {
        let folder = try RegularFileTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("a\n".utf8).write(to: folder.appendingPathComponent("a.csv"))
        #expect(mkfifo(folder.appendingPathComponent("b.csv").path, 0o644) == 0)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("c.csv"), withIntermediateDirectories: false)
        try Data("c\n".utf8).write(to: folder.appendingPathComponent("c.csv/d.csv"))
        let found = FileDiscovery.files(in: [folder.path])
        #expect(found.map { ($0.path as NSString).lastPathComponent } == ["a.csv", "b.csv", "d.csv"])
        #expect(found.allSatisfy { $0.problem == nil })
        let fifo = found[1].path
        #expect(throws: IngestError.self) { try RegularFile.check(fifo) }
    }

    @Test func aMissingPathIsFoundAsMissingAndTheRestStays() throws {
        let folder = try RegularFileTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("a.csv").path
        try Data("a\n".utf8).write(to: URL(fileURLWithPath: good))
        let missing = folder.appendingPathComponent("gone.csv").path
        let found = FileDiscovery.files(in: [IngestInput(path: good), IngestInput(path: missing)])
        #expect(found.map(\.path) == [good, missing])
        #expect(found.map(\.isMissing) == [false, true])
        #expect(found[1].problem?.description == "\(missing): no such file or folder; check the path.")
    }
}
