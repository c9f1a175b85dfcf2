import Foundation
import Testing
@testable import EduZip

/// ZipWriter's archives read back through the project's own ZipArchive (which checks every
/// CRC-32 and size), through the raw records, and through Python's zipfile.
@Suite("Writing ZIP archives")
struct ZipWriterTests {
    static let time = ZipTimestamp(year: 2024, month: 9, day: 1, hour: 8, minute: 30, second: 15)
    static let hello = Array("Hello, eduetl!\n".utf8)
    /// About 290 KB: several 64 KiB chunks in and out.
    static let numbers = Array((0..<25_000).map { "\($0),\($0 * $0)\n" }.joined().utf8)
    static let roster = Array("学校名单\n第一小学\n".utf8)

    /// Writes the archive most tests read: stored, deflated, empty (both ways), a folder, a UTF-8 name.
    static func writeSample(_ path: String) throws {
        let writer = try ZipWriter(path: path, modified: time)
        try writer.add(name: "hello.txt", data: hello, compress: false)
        try writer.add(name: "data/numbers.csv", data: numbers)
        try writer.add(name: "empty.txt", data: [])
        try writer.add(name: "empty-stored.txt", data: [], compress: false)
        try writer.add(name: "folder/", data: [], compress: false)
        try writer.add(name: "学校/名单.txt", data: roster)
        try writer.finish()
    }

    @Test func roundTripThroughZipArchive() throws {
        let folder = try ScratchFolder()
        let path = folder.path("sample.zip")
        try Self.writeSample(path)
        let archive = try ZipArchive(path: path)
        #expect(archive.entries.map(\.name)
            == ["hello.txt", "data/numbers.csv", "empty.txt", "empty-stored.txt", "folder/", "学校/名单.txt"])
        #expect(archive.entries.map(\.method) == [.stored, .deflated, .deflated, .stored, .stored, .deflated])
        let expected = [Self.hello, Self.numbers, [], [], [], Self.roster]
        for (entry, contents) in zip(archive.entries, expected) {
            // contents(of:) reads to the end, where the stream checks the CRC-32 and the size.
            #expect(try archive.contents(of: entry) == contents, "\(entry.name)")
            #expect(entry.uncompressedSize == UInt64(contents.count))
            #expect(!entry.usesDataDescriptor && !entry.isEncrypted)
        }
        let numbers = try #require(archive.entry(named: "data/numbers.csv"))
        #expect(numbers.compressedSize * 2 < numbers.uncompressedSize, "deflate did not compress")
        #expect(numbers.crc32 == crc32(Self.numbers))
        #expect(try #require(archive.entry(named: "hello.txt")).compressedSize == UInt64(Self.hello.count))
        #expect(try folder.contents() == ["sample.zip"], "the temporary file was left behind")
    }

    /// The local headers, walked from the start: CRC and sizes patched in (no data descriptor),
    /// bit 11 set exactly for the UTF-8 name, the MS-DOS time of `time`.
    @Test func localHeadersCarryFlagsTimesAndSizes() throws {
        let folder = try ScratchFolder()
        let path = folder.path("sample.zip")
        try Self.writeSample(path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let archive = try ZipArchive(path: path)
        var offset = 0
        for entry in archive.entries {
            #expect(le32(bytes, offset) == 0x0403_4B50)
            let flags = le16(bytes, offset + 6)
            #expect((flags & 0x0800 != 0) == entry.name.utf8.contains { $0 >= 0x80 }, "\(entry.name) flags \(flags)")
            #expect(flags & 0x0008 == 0)
            #expect(le16(bytes, offset + 10) == 8 << 11 | 30 << 5 | 7)   // 08:30:14 (two-second steps)
            #expect(le16(bytes, offset + 12) == 44 << 9 | 9 << 5 | 1)    // 2024-09-01
            #expect(le32(bytes, offset + 14) == entry.crc32)
            #expect(UInt64(le32(bytes, offset + 18)) == entry.compressedSize)
            #expect(UInt64(le32(bytes, offset + 22)) == entry.uncompressedSize)
            let nameLength = Int(le16(bytes, offset + 26))
            #expect(Array(bytes[(offset + 30)..<(offset + 30 + nameLength)]) == Array(entry.name.utf8))
            offset += 30 + nameLength + Int(le16(bytes, offset + 28)) + Int(entry.compressedSize)
        }
        #expect(le32(bytes, offset) == 0x0201_4B50, "the central directory does not follow the last entry")
        #expect(le32(bytes, bytes.count - 22) == 0x0605_4B50, "the end record is not last")
        #expect(Int(le16(bytes, bytes.count - 22 + 10)) == archive.entries.count)
    }

    @Test(arguments: [1, 7, 4096, 65_536, 1 << 20])
    func streamedEntriesEqualWholeOnes(_ chunk: Int) throws {
        let folder = try ScratchFolder()
        let path = folder.path("streamed.zip")
        let writer = try ZipWriter(path: path, modified: Self.time)
        for compress in [true, false] {
            try writer.beginEntry(name: compress ? "deflated.csv" : "stored.csv", compress: compress)
            var start = 0
            while start < Self.numbers.count {
                try writer.write(Array(Self.numbers[start..<min(start + chunk, Self.numbers.count)]))
                start += chunk
            }
            try writer.endEntry()
        }
        try writer.finish()
        let archive = try ZipArchive(path: path)
        for entry in archive.entries { #expect(try archive.contents(of: entry) == Self.numbers, "\(entry.name)") }
    }

    /// python3 is not optional: EndToEndTests read every warehouse through it (WarehouseQuery).
    @Test func pythonZipfileReadsTheArchive() throws {
        let folder = try ScratchFolder()
        let path = folder.path("sample.zip")
        try Self.writeSample(path)
        let script = """
            import json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as archive:
                bad = archive.testzip()
                entries = [[i.filename, i.compress_type, i.flag_bits, list(i.date_time), len(archive.read(i))]
                           for i in archive.infolist()]
            print(json.dumps({"bad": bad, "entries": entries}, ensure_ascii=False))
            """
        let result = try #require(try Tools.pythonJSON(script, [path]) as? [String: Any])
        #expect(result["bad"] is NSNull, "zipfile.testzip found a bad entry: \(String(describing: result["bad"]))")
        let entries = try #require(result["entries"] as? [[Any]])
        #expect(entries.map { $0[0] as? String } == ["hello.txt", "data/numbers.csv", "empty.txt", "empty-stored.txt",
                                                     "folder/", "学校/名单.txt"])
        #expect(entries.map { $0[1] as? Int } == [0, 8, 8, 0, 0, 8])
        #expect(entries.map { ($0[2] as? Int ?? 0) & 0x800 != 0 } == [false, false, false, false, false, true])
        #expect(entries.allSatisfy { ($0[3] as? [Int]) == [2024, 9, 1, 8, 30, 14] })
        #expect(entries.map { $0[4] as? Int } == [15, Self.numbers.count, 0, 0, 0, Self.roster.count])
    }

    @Test func timestampsFromUnixTimes() {
        #expect(ZipTimestamp(secondsSince1970: 0).description == "1970-01-01 00:00:00")
        #expect(ZipTimestamp(secondsSince1970: 1_725_179_415).description == "2024-09-01 08:30:15")
        #expect(ZipTimestamp(secondsSince1970: 1_725_179_415, utcOffsetSeconds: 8 * 3600).description
            == "2024-09-01 16:30:15")
        #expect(ZipTimestamp(secondsSince1970: -1).description == "1969-12-31 23:59:59")
        #expect(ZipTimestamp(secondsSince1970: 951_782_400).description == "2000-02-29 00:00:00")
        // Outside MS-DOS's 1980–2107: clamped.
        #expect(ZipTimestamp(year: 1970, month: 1, day: 1).dosDate == 1 << 5 | 1)
        #expect(ZipTimestamp(year: 2200, month: 1, day: 1).dosDate == 127 << 9 | 12 << 5 | 31)
    }

    // MARK: Refusals

    @Test(arguments: [("", "needs a name"), ("/etc/passwd", "starts with a slash"), ("a/../b", "segment"),
                      ("./a", "segment"), ("a//b", "segment"), ("a\\b", "backslash"), ("a\u{0}b", "NUL")])
    func unsafeNamesAreRefused(_ name: String, _ words: String) throws {
        let folder = try ScratchFolder()
        let writer = try ZipWriter(path: folder.path("names.zip"), modified: Self.time)
        #expect {
            try writer.add(name: name, data: Self.hello)
        } throws: { error in
            guard let error = error as? ZipWriteError, case .invalidEntryName = error else { return false }
            return error.description.contains(words) && error.description.contains("names.zip")
        }
        // The archive stays usable after a refused name.
        try writer.add(name: "ok.txt", data: Self.hello)
        try writer.finish()
        #expect(try ZipArchive(path: folder.path("names.zip")).entries.map(\.name) == ["ok.txt"])
    }

    @Test func duplicateNamesAreRefusedIgnoringASCIICase() throws {
        let folder = try ScratchFolder()
        let writer = try ZipWriter(path: folder.path("dup.zip"), modified: Self.time)
        try writer.add(name: "xl/workbook.xml", data: Self.hello)
        #expect {
            try writer.add(name: "XL/Workbook.xml", data: Self.hello)
        } throws: { error in
            guard case .invalidEntryName(_, .duplicate(let existing)) = error as? ZipWriteError else { return false }
            return existing == "xl/workbook.xml"
        }
        try writer.finish()
    }

    @Test func callsOutOfOrderAreRefused() throws {
        let folder = try ScratchFolder()
        let writer = try ZipWriter(path: folder.path("order.zip"), modified: Self.time)
        #expect(throws: ZipWriteError.self) { try writer.write(Self.hello) }
        #expect(throws: ZipWriteError.self) { try writer.endEntry() }
        try writer.beginEntry(name: "a.txt")
        #expect { try writer.beginEntry(name: "b.txt") } throws: { error in
            guard case .invalidState(_, .entryOpen("a.txt")) = error as? ZipWriteError else { return false }
            return true
        }
        #expect(throws: ZipWriteError.self) { try writer.finish() }
        try writer.endEntry()
        try writer.finish()
        #expect { try writer.add(name: "late.txt", data: []) } throws: { error in
            guard case .invalidState(_, .closed) = error as? ZipWriteError else { return false }
            return true
        }
    }

    /// ZIP64 is refused: the caps are lowered so the test need not write 4 GiB.
    @Test func entriesAndArchivesNeedingZip64AreRefused() throws {
        let folder = try ScratchFolder()
        let cases: [(ZipWriteLimits, ZipWriteError.SizeLimit)] = [
            (ZipWriteLimits(entrySize: 500, archiveSize: 1 << 30, entryCount: 100), .entry(limit: 500)),
            (ZipWriteLimits(entrySize: 1 << 30, archiveSize: 2000, entryCount: 100), .archive(limit: 2000)),
            (ZipWriteLimits(entrySize: 1 << 30, archiveSize: 1 << 30, entryCount: 2), .entryCount(limit: 2)),
        ]
        for (limits, expected) in cases {
            let path = folder.path("big.zip")
            let writer = try ZipWriter(path: path, modified: Self.time, compressionLevel: 6, limits: limits)
            var thrown: ZipWriteError?
            do {
                try writer.add(name: "one.bin", data: Array(repeating: 7, count: 600), compress: false)
                try writer.add(name: "two.bin", data: Array(repeating: 7, count: 600), compress: false)
                try writer.add(name: "three.bin", data: Array(repeating: 7, count: 600), compress: false)
                try writer.finish()
            } catch {
                thrown = error
            }
            let error = try #require(thrown, "\(expected) was not refused")
            guard case .tooLarge(_, let limit) = error else { Issue.record("\(error)"); continue }
            #expect(limit == expected)
            #expect(error.description.contains("big.zip") && error.description.contains("ZIP64"))
            // The writer is over: the same error again, nothing left on disk.
            #expect(throws: ZipWriteError.self) { try writer.finish() }
            #expect(try folder.contents().isEmpty)
        }
    }

    @Test func theRealCapsAreJustUnder4GiB() {
        let limits = ZipWriteLimits()
        #expect(limits.entrySize == 0xFFFF_FFFE && limits.archiveSize == 0xFFFF_FFFE && limits.entryCount == 65_535)
    }

    // MARK: Atomic replacement

    @Test func theDestinationIsReplacedOnlyByFinish() throws {
        let folder = try ScratchFolder()
        let path = folder.path("report.zip")
        try Data("old report".utf8).write(to: URL(fileURLWithPath: path))
        let writer = try ZipWriter(path: path, modified: Self.time)
        try writer.add(name: "hello.txt", data: Self.hello)
        let temporary = try #require(writer.temporaryPath)
        #expect(temporary.hasPrefix(folder.path(".report.zip.")) && temporary.hasSuffix(".tmp"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old report")
        try writer.finish()
        #expect(try ZipArchive(path: path).entries.map(\.name) == ["hello.txt"])
        #expect(try folder.contents() == ["report.zip"])
    }

    @Test func cancelAndAbandonLeaveTheDestinationAlone() throws {
        let folder = try ScratchFolder()
        let path = folder.path("report.zip")
        try Data("old report".utf8).write(to: URL(fileURLWithPath: path))
        let writer = try ZipWriter(path: path, modified: Self.time)
        try writer.add(name: "hello.txt", data: Self.hello)
        writer.cancel()
        #expect(throws: ZipWriteError.self) { try writer.finish() }
        do {
            let abandoned = try ZipWriter(path: path, modified: Self.time)
            try abandoned.add(name: "hello.txt", data: Self.hello)
        }
        #expect(try folder.contents() == ["report.zip"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old report")
    }

    @Test func aFullDiskLeavesTheOldFile() throws {
        let folder = try ScratchFolder()
        let path = folder.path("report.zip")
        try Data("old report".utf8).write(to: URL(fileURLWithPath: path))
        let hooks = ZipWriterTestHooks()
        hooks.failWritesPast = (bytes: 100_000, errno: ENOSPC)
        let error = ZipWriterTestHooks.$current.withValue(hooks) { () -> ZipWriteError? in
            do {
                let writer = try ZipWriter(path: path, modified: Self.time)
                try writer.add(name: "data/numbers.csv", data: Self.numbers, compress: false)
                try writer.finish()
                return nil
            } catch {
                return error as? ZipWriteError
            }
        }
        guard case .cannotWrite(let location, let code, _) = try #require(error) else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(code == ENOSPC && location.file == path)
        #expect(try #require(error).description.contains("The file was not changed"))
        #expect(try folder.contents() == ["report.zip"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old report")
    }

    @Test func shortWritesGiveTheSameArchive() throws {
        let folder = try ScratchFolder()
        let hooks = ZipWriterTestHooks()
        hooks.maxBytesPerWrite = 7
        try ZipWriterTestHooks.$current.withValue(hooks) { try Self.writeSample(folder.path("short.zip")) }
        #expect(hooks.writeCalls > 1000, "the hook did not shorten the writes")
        let archive = try ZipArchive(path: folder.path("short.zip"))
        #expect(try archive.contents(of: #require(archive.entry(named: "data/numbers.csv"))) == Self.numbers)
    }

    @Test(arguments: [(true, Zlib.memoryError), (false, Zlib.streamError)])
    func zlibFailuresAreReported(_ atInit: Bool, _ code: Int32) throws {
        let folder = try ScratchFolder()
        let hooks = ZipWriterTestHooks()
        if atInit { hooks.forcedDeflateInitResult = code } else { hooks.forcedDeflateResult = (afterCalls: 0, code: code) }
        let error = ZipWriterTestHooks.$current.withValue(hooks) { () -> ZipWriteError? in
            do {
                try Self.writeSample(folder.path("zlib.zip"))
                return nil
            } catch {
                return error as? ZipWriteError
            }
        }
        guard case .zlibFailure(let location, let reported, _) = try #require(error) else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(reported == code && location.entry == "data/numbers.csv")
        #expect(try folder.contents().isEmpty)
    }

    @Test func unwritableDestinationsAreReported() throws {
        let folder = try ScratchFolder()
        #expect { try ZipWriter(path: folder.path("missing/report.zip")) } throws: { error in
            guard case .cannotCreate(_, let code, _) = error as? ZipWriteError else { return false }
            return code == ENOENT && "\(error)".contains("missing/report.zip")
        }
        try FileManager.default.createDirectory(atPath: folder.path("a-folder.zip"), withIntermediateDirectories: false)
        #expect { try ZipWriter(path: folder.path("a-folder.zip")) } throws: { error in
            guard case .cannotCreate(_, let code, _) = error as? ZipWriteError else { return false }
            return code == EISDIR
        }
    }
}

private func le16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
    UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
}

private func le32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    UInt32(le16(bytes, offset)) | UInt32(le16(bytes, offset + 2)) << 16
}

/// CRC-32 (IEEE, reflected 0xEDB88320) computed bit by bit, independently of zlib.
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}
