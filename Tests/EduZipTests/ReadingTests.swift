import Foundation
import Testing
@testable import EduZip

@Suite("Reading ordinary archives")
struct ReadingTests {
    @Test func listsEntriesInCentralDirectoryOrder() throws {
        let archive = try Fixture.open("stored_and_deflated.zip")
        #expect(archive.entries.map(\.name)
            == ["hello.txt", "data/numbers.csv", "empty.txt", "folder/", "xl/workbook.xml", "学校/名单.txt"])
        let hello = try #require(archive.entry(named: "hello.txt"))
        #expect(hello.method == .stored)
        #expect(hello.uncompressedSize == 15 && hello.compressedSize == 15)
        let numbers = try #require(archive.entry(named: "data/numbers.csv"))
        #expect(numbers.method == .deflated)
        #expect(numbers.compressedSize < numbers.uncompressedSize)
        #expect(archive.entries.filter(\.isDirectory).map(\.name) == ["folder/"])
        #expect(!archive.entries.contains { $0.isEncrypted || $0.usesDataDescriptor })
    }

    @Test func readsStoredDeflatedEmptyAndUTF8NamedEntries() throws {
        let archive = try Fixture.open("stored_and_deflated.zip")
        #expect(try archive.contents(of: #require(archive.entry(named: "hello.txt"))) == Fixture.hello)
        #expect(try archive.contents(of: #require(archive.entry(named: "data/numbers.csv"))) == Fixture.numbers)
        #expect(try archive.contents(of: #require(archive.entry(named: "empty.txt"))) == [])
        #expect(try archive.contents(of: #require(archive.entry(named: "folder/"))) == [])
        #expect(try archive.contents(of: #require(archive.entry(named: "学校/名单.txt"))) == Fixture.roster)
    }

    /// The same entries written as zipfile writes them, streamed with data descriptors (bit 3,
    /// local sizes zero), as ZIP64 (sizes and offsets in extra fields), and behind comments.
    @Test(arguments: ["stored_and_deflated.zip", "data_descriptor.zip", "zip64.zip", "long_comment.zip",
                      "fake_end_record_in_comment.zip"])
    func readsEveryLayout(_ name: String) throws {
        let archive = try Fixture.open(name)
        #expect(try archive.contents(of: #require(archive.entry(named: "hello.txt"))) == Fixture.hello)
        #expect(try archive.contents(of: #require(archive.entry(named: "data/numbers.csv"))) == Fixture.numbers)
    }

    @Test func dataDescriptorEntriesUseCentralDirectorySizes() throws {
        let archive = try Fixture.open("data_descriptor.zip")
        #expect(archive.entries.count == 3)
        #expect(archive.entries.allSatisfy { $0.usesDataDescriptor })
        let stored = try #require(archive.entry(named: "stored.txt"))
        #expect(stored.method == .stored)
        #expect(try archive.contents(of: stored) == Fixture.hello)
    }

    @Test func zip64FieldsReplaceTheMarkers() throws {
        let archive = try Fixture.open("zip64.zip")
        let numbers = try #require(archive.entry(named: "data/numbers.csv"))
        #expect(numbers.uncompressedSize == UInt64(Fixture.numbers.count))
        #expect(numbers.compressedSize < 0xFFFF_FFFF)
        #expect(numbers.localHeaderOffset > 0 && numbers.localHeaderOffset < 0xFFFF_FFFF)
    }

    @Test(arguments: [1, 7, 4096, 1 << 20])
    func anyBufferSizeGivesTheSameBytes(_ chunk: Int) throws {
        let archive = try Fixture.open("stored_and_deflated.zip")
        for entry in archive.entries {
            let stream = try archive.openStream(entry)
            #expect(try readAll(stream, chunk: chunk) == archive.contents(of: entry), "\(entry.name)")
            #expect(stream.isAtEnd && stream.bytesRead == entry.uncompressedSize)
        }
    }

    @Test func shortPreadReadsGiveTheSameBytes() throws {
        try withHooks({ $0.maxBytesPerRead = 3 }) { hooks in
            let archive = try Fixture.open("zip64.zip")
            let numbers = try #require(archive.entry(named: "data/numbers.csv"))
            #expect(try readAll(archive.openStream(numbers), chunk: 4096) == Fixture.numbers)
            #expect(hooks.readCalls > Int(numbers.compressedSize) / 3, "the hook did not shorten the reads")
        }
    }

    @Test func streamStaysAtItsEnd() throws {
        let archive = try Fixture.open("stored_and_deflated.zip")
        let stream = try archive.openStream(#require(archive.entry(named: "hello.txt")))
        var buffer = [UInt8](repeating: 0, count: 64)
        let empty = try buffer.withUnsafeMutableBytes { bytes in
            try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[..<0]))
        }
        #expect(empty == 0)
        #expect(!stream.isAtEnd, "an empty buffer must not end the stream")
        #expect(try buffer.withUnsafeMutableBytes { try stream.read(into: $0) } == 15)
        #expect(try buffer.withUnsafeMutableBytes { try stream.read(into: $0) } == 0)
        #expect(try buffer.withUnsafeMutableBytes { try stream.read(into: $0) } == 0)
        #expect(stream.isAtEnd)
    }

    @Test(arguments: [("xl/workbook.xml", "xl/workbook.xml"), ("/XL/Workbook.XML", "xl/workbook.xml"),
                      ("xl\\workbook.xml", "xl/workbook.xml"), ("HELLO.TXT", "hello.txt"),
                      ("学校/名单.txt", "学校/名单.txt")])
    func findsEntriesByLooseName(_ asked: String, _ expected: String) throws {
        let archive = try Fixture.open("stored_and_deflated.zip")
        #expect(archive.entry(named: asked)?.name == expected)
    }

    @Test func unknownNameFindsNothing() throws {
        let archive = try Fixture.open("stored_and_deflated.zip")
        #expect(archive.entry(named: "xl/workbook.xml.rels") == nil)
        #expect(archive.entry(named: "") == nil)
    }

    @Test func contentsRefusesMoreThanItsLimit() throws {
        let archive = try Fixture.open("stored_and_deflated.zip")
        let numbers = try #require(archive.entry(named: "data/numbers.csv"))
        #expect(try archive.contents(of: numbers, limit: Fixture.numbers.count) == Fixture.numbers)
        let error = #expect(throws: ZipError.self) { try archive.contents(of: numbers, limit: 1000) }
        guard case .limitExceeded(_, .contentsTooLarge(let size, let limit)) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(size == UInt64(Fixture.numbers.count) && limit == 1000)
        #expect(error?.location.entry == "data/numbers.csv")
    }

    @Test func streamsOutliveTheirArchive() throws {
        var archive: ZipArchive? = try Fixture.open("stored_and_deflated.zip")
        let stream = try archive!.openStream(#require(archive!.entry(named: "data/numbers.csv")))
        archive = nil
        #expect(try readAll(stream, chunk: 1000) == Fixture.numbers)
    }
}
