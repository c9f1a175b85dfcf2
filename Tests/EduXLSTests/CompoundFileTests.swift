import EduCore
import Foundation
import Testing
@testable import EduXLS

/// A BIFF BOF record's first bytes: type 0x0809, then its length; the version (0x0600 BIFF8,
/// 0x0500 BIFF5) follows.
private func biffVersion(_ stream: [UInt8]) -> UInt16? {
    guard stream.count >= 8, stream[0] == 0x09, stream[1] == 0x08 else { return nil }
    return UInt16(stream[4]) | UInt16(stream[5]) << 8
}

/// A workbook stream's leading BOF: 09 08, length 16 (BIFF8), version 0x0600, type 0x0005 (workbook globals).
private func biff8Workbook(size: Int) -> [UInt8] {
    var bytes: [UInt8] = [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]
    bytes += (0..<(size - bytes.count)).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
    return bytes
}

/// Runs `body`, which must throw a `CompoundFileError` matching `expected` within `seconds`.
@discardableResult
private func expectRefusal(
    _ expected: (CompoundFileError) -> Bool, within seconds: Double = 2,
    sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> CompoundFileError? {
    let clock = ContinuousClock()
    let start = clock.now
    var caught: CompoundFileError?
    do {
        try body()
        Issue.record("no error was thrown", sourceLocation: sourceLocation)
    } catch let error as CompoundFileError {
        caught = error
        #expect(expected(error), "unexpected \(error)", sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), "the message is one line", sourceLocation: sourceLocation)
    } catch {
        Issue.record("not a CompoundFileError: \(error)", sourceLocation: sourceLocation)
    }
    let elapsed = clock.now - start
    #expect(elapsed < .seconds(seconds), "took \(elapsed)", sourceLocation: sourceLocation)
    return caught
}

@Suite("hand-built compound files")
struct HandBuiltCompoundFileTests {
    static let large = biff8Workbook(size: 5000)
    static let small = biff8Workbook(size: 300)

    static func twoStreams(version: UInt16 = 3) -> TestCompoundFileBuilder {
        TestCompoundFileBuilder(version: version, streams: [("Workbook", large), ("\u{5}SummaryInformation", small)])
    }

    @Test(arguments: [UInt16(3), 4])
    func regularAndMiniStreamsAreRead(version: UInt16) throws {
        let (bytes, _) = Self.twoStreams(version: version).build()
        let file = try CompoundFile(bytes: bytes, path: "built.xls")
        #expect(file.header.majorVersion == version)
        #expect(file.streamNames == ["Workbook", "\u{5}SummaryInformation"])
        #expect(try file.stream(named: "Workbook") == Self.large)
        #expect(try file.stream(named: "\u{5}summaryinformation") == Self.small)
        #expect(try file.stream(named: "WORKBOOK") == Self.large, "names match case-insensitively")
        #expect(file.streamInfo(named: "workbook")?.size == 5000)
    }

    @Test func noMiniFATMarkedAsFree() throws {
        var (bytes, _) = TestCompoundFileBuilder(streams: [("Workbook", Self.large)]).build()
        bytes.patch32(0x3C, 0xFFFF_FFFF)
        #expect(try CompoundFile(bytes: bytes, path: "free.xls").stream(named: "Workbook") == Self.large)
    }

    @Test func aWorkbookSmallEnoughForTheMiniStream() throws {
        let workbook = biff8Workbook(size: 1000)
        let (bytes, layout) = TestCompoundFileBuilder(streams: [("Workbook", workbook)]).build()
        #expect(layout.miniStreamStart != 0xFFFF_FFFE)
        let file = try CompoundFile(bytes: bytes, path: "small.xls")
        let stream = try file.stream(named: "Workbook")
        #expect(stream == workbook)
        #expect(biffVersion(stream) == 0x0600)
    }

    @Test func anEmptyStreamAndAMissingOne() throws {
        let (bytes, _) = TestCompoundFileBuilder(streams: [("Book", []), ("Workbook", Self.small)]).build()
        let file = try CompoundFile(bytes: bytes, path: "empty.xls")
        #expect(try file.stream(named: "Book") == [])
        let error = expectRefusal({ if case .streamNotFound(_, "Ctls", let names) = $0 { names.count == 2 } else { false } }) {
            _ = try file.stream(named: "Ctls")
        }
        #expect(error?.description.hasPrefix("empty.xls: ") == true)
    }

    @Test func controlCharactersInANameAreEscapedInMessages() throws {
        let (bytes, _) = TestCompoundFileBuilder(streams: [("Work\nbook", Self.large)]).build()
        let file = try CompoundFile(bytes: bytes, path: "odd.xls")
        #expect(file.streamNames == ["Work\nbook"])
        let error = expectRefusal({ if case .streamNotFound = $0 { true } else { false } }) {
            _ = try file.stream(named: "Workbook")
        }
        #expect(error?.description.contains("Work\\u{A}book") == true)
    }

    @Test func aBadSignatureOrAnEmptyFileIsNotACompoundFile() {
        expectRefusal({ if case .notCompoundFile(_, 0) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: [], path: "empty.xls")
        }
        expectRefusal({ if case .notCompoundFile = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: Array("学校名称,学生数\n".utf8) + [UInt8](repeating: 0x20, count: 600), path: "a.csv")
        }
    }

    @Test(arguments: [8, 100, 511])
    func aTruncatedHeader(length: Int) {
        let (bytes, _) = Self.twoStreams().build()
        let error = expectRefusal({ if case .truncatedHeader(_, length) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: Array(bytes.prefix(length)), path: "cut.xls")
        }
        #expect(error?.description.hasPrefix("cut.xls: ") == true)
    }

    @Test func headerFieldsOutsideTheSpecAreRefused() {
        let (bytes, _) = Self.twoStreams().build()
        var version = bytes
        version.replaceSubrange(0x1A..<0x1C, with: [5, 0])
        expectRefusal({ if case .unsupportedHeader(_, .majorVersion(5)) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: version, path: "v5.xls")
        }
        var shift = bytes
        shift.replaceSubrange(0x1E..<0x20, with: [12, 0])  // 4096-byte sectors in a version 3 file
        expectRefusal({ if case .unsupportedHeader(_, .sectorShift(12, 3)) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: shift, path: "shift.xls")
        }
        var fatCount = bytes
        fatCount.patch32(0x2C, 0x4000_0000)
        expectRefusal({ if case .unsupportedHeader(_, .fatSectorCount) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: fatCount, path: "fat.xls")
        }
    }

    @Test func aFATChainThatLoops() throws {
        var (bytes, layout) = Self.twoStreams().build()
        let start = try #require(layout.startSector["Workbook"])
        bytes.patch32(layout.fatEntryOffset(Int(start) + 3), start + 1)  // 5th sector back to the 2nd
        let file = try CompoundFile(bytes: bytes, path: "loop.xls")
        expectRefusal({ if case .chainLoops(_, .stream("Workbook"), start + 1) = $0 { true } else { false } }) {
            _ = try file.stream(named: "Workbook")
        }
    }

    @Test func theDirectoryChainLoopsOnItself() {
        var (bytes, layout) = Self.twoStreams().build()
        bytes.patch32(layout.fatEntryOffset(1), 1)
        expectRefusal({ if case .chainLoops(_, .directory, 1) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: bytes, path: "dir-loop.xls")
        }
    }

    @Test func aDIFATChainThatLoops() {
        var (bytes, layout) = Self.twoStreams().build()
        // One DIFAT sector appended at the end, whose next link points to itself.
        let sector = UInt32((bytes.count - layout.sectorSize) / layout.sectorSize)
        var difat = [UInt8](repeating: 0xFF, count: layout.sectorSize)
        difat.patch32(layout.sectorSize - 4, sector)
        bytes += difat
        bytes.patch32(0x44, sector)
        bytes.patch32(0x48, 1)
        expectRefusal({ if case .chainLoops(_, .difat, sector) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: bytes, path: "difat-loop.xls")
        }
    }

    @Test func aSectorIDPastTheEnd() throws {
        var (bytes, layout) = Self.twoStreams().build()
        let start = try #require(layout.startSector["Workbook"])
        // Past the FAT's 128 entries: no such sector at all.
        var outOfRange = bytes
        outOfRange.patch32(layout.fatEntryOffset(Int(start)), 5000)
        let file = try CompoundFile(bytes: outOfRange, path: "range.xls")
        expectRefusal({ if case .sectorOutOfRange(_, .stream("Workbook"), 5000, 128) = $0 { true } else { false } }) {
            _ = try file.stream(named: "Workbook")
        }
        // Inside the FAT but past the end of the file.
        bytes.patch32(layout.fatEntryOffset(Int(start)), 100)
        let past = try CompoundFile(bytes: bytes, path: "past.xls")
        expectRefusal({ if case .sectorPastEndOfFile(_, .stream("Workbook"), 100, _) = $0 { true } else { false } }) {
            _ = try past.stream(named: "Workbook")
        }
        // A special value in the middle of the chain.
        bytes.patch32(layout.fatEntryOffset(Int(start)), 0xFFFF_FFFF)
        let freeLink = try CompoundFile(bytes: bytes, path: "free.xls")
        expectRefusal({ if case .badChainLink(_, .stream("Workbook"), start, 0xFFFF_FFFF) = $0 { true } else { false } }) {
            _ = try freeLink.stream(named: "Workbook")
        }
    }

    @Test func aTruncatedFileEndsInsideTheStream() throws {
        let (bytes, _) = Self.twoStreams().build()
        let file = try CompoundFile(bytes: Array(bytes.dropLast(700)), path: "truncated.xls")
        expectRefusal({ if case .sectorPastEndOfFile(_, .stream("Workbook"), _, _) = $0 { true } else { false } }) {
            _ = try file.stream(named: "Workbook")
        }
    }

    @Test func aStreamClaimingMoreThanItsChainOrTheFile() throws {
        var (bytes, layout) = Self.twoStreams().build()
        var huge = bytes
        huge.patch32(layout.directoryEntryOffset(1) + 120, 0xFFFF_FFFF)
        let hugeFile = try CompoundFile(bytes: huge, path: "huge.xls")
        // 4 GiB in a file whose one FAT sector addresses 128 sectors of 512 bytes: refused unallocated.
        expectRefusal({ if case .streamTooLarge(_, .stream("Workbook"), 0xFFFF_FFFF, 65536) = $0 { true } else { false } }) {
            _ = try hugeFile.stream(named: "Workbook")
        }
        // A small stream claiming more than the mini stream (5 mini sectors here) holds.
        var mini = bytes
        mini.patch32(layout.directoryEntryOffset(2) + 120, 4000)
        let miniFile = try CompoundFile(bytes: mini, path: "mini.xls")
        expectRefusal({ if case .streamTooLarge(_, .stream("\u{5}SummaryInformation"), 4000, 320) = $0 { true } else { false } }) {
            _ = try miniFile.stream(named: "\u{5}SummaryInformation")
        }
        // A version 3 file's high 32 bits of the size are ignored, as [MS-CFB] 2.6.3 says.
        var high = bytes
        high.patch32(layout.directoryEntryOffset(1) + 124, 7)
        #expect(try CompoundFile(bytes: high, path: "high.xls").stream(named: "Workbook") == Self.large)
        // Larger than the chain, yet within the file.
        bytes.patch32(layout.directoryEntryOffset(1) + 120, 6000)
        let long = try CompoundFile(bytes: bytes, path: "long.xls")
        expectRefusal({ if case .chainTooShort(_, .stream("Workbook"), 6000, 5120) = $0 { true } else { false } }) {
            _ = try long.stream(named: "Workbook")
        }
    }

    @Test func theMiniFATChainLoops() throws {
        var (bytes, layout) = Self.twoStreams().build()
        let start = try #require(layout.startSector["\u{5}SummaryInformation"])
        bytes.patch32(layout.miniFATEntryOffset(Int(start) + 2), start)
        let file = try CompoundFile(bytes: bytes, path: "mini-loop.xls")
        expectRefusal({ if case .chainLoops(_, .stream("\u{5}SummaryInformation"), start) = $0 { true } else { false } }) {
            _ = try file.stream(named: "\u{5}SummaryInformation")
        }
    }

    @Test func theMiniStreamIsShorterThanTheRootClaims() {
        var (bytes, layout) = Self.twoStreams().build()
        bytes.patch32(layout.directoryEntryOffset(0) + 120, 4096)
        expectRefusal({ if case .chainTooShort(_, .miniStream, 4096, 512) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: bytes, path: "root.xls")
        }
    }

    @Test func theDirectoryTreeLoopsOrLinksOutOfRange() {
        let (bytes, layout) = Self.twoStreams().build()
        var loop = bytes
        loop.patch32(layout.directoryEntryOffset(2) + 72, 1)  // right sibling back to entry 1
        expectRefusal({ if case .damagedDirectory(_, .treeLoops(1)) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: loop, path: "tree.xls")
        }
        var range = bytes
        range.patch32(layout.directoryEntryOffset(2) + 68, 1_000_000)
        expectRefusal({ if case .damagedDirectory(_, .entryOutOfRange(1_000_000, 4)) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: range, path: "tree.xls")
        }
        var root = bytes
        root[layout.directoryEntryOffset(0) + 66] = 1
        expectRefusal({ if case .damagedDirectory(_, .noRootEntry) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: root, path: "tree.xls")
        }
    }

    @Test func aMissingFileIsRefusedWithItsPath() {
        let error = expectRefusal({ if case .cannotOpen = $0 { true } else { false } }) {
            _ = try CompoundFile(path: "/nonexistent/县A_2023.xls")
        }
        #expect(error?.description.hasPrefix("/nonexistent/县A_2023.xls: ") == true)
    }

    @Test func aFileOverTheLimitIsRefusedUnread() throws {
        let (bytes, _) = Self.twoStreams().build()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduxls-\(UUID().uuidString).xls")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try CompoundFile(path: url.path).stream(named: "Workbook") == Self.large)
        expectRefusal({ if case .fileTooLarge(_, UInt64(bytes.count), 1024) = $0 { true } else { false } }) {
            _ = try CompoundFile(path: url.path, maxFileSize: 1024)
        }
    }
}

/// A version 3 file with 110 FAT sectors, one more than the header's 109 DIFAT entries list, so
/// the 110th is named by a DIFAT sector: sectors 0-109 FAT, 110 DIFAT, 111 directory, 112-121 Workbook.
@Suite("FAT sectors listed beyond the header")
struct DIFATSectorTests {
    static let workbook = biff8Workbook(size: 5000)
    static let difatSector: UInt32 = 110

    static func build() -> [UInt8] {
        let le32 = TestCompoundFileBuilder.le32
        var fat = [UInt32](repeating: 0xFFFF_FFFF, count: 110 * 128)
        for sector in 0..<110 { fat[sector] = 0xFFFF_FFFD }
        fat[110] = 0xFFFF_FFFC
        fat[111] = 0xFFFF_FFFE
        for sector in 112..<121 { fat[sector] = UInt32(sector + 1) }
        fat[121] = 0xFFFF_FFFE
        let difat = (le32(109) + [UInt8](repeating: 0xFF, count: 126 * 4)) + le32(0xFFFF_FFFE)
        var directory = TestCompoundFileBuilder.entry(name: "Root Entry", type: 5, right: 0xFFFF_FFFF, child: 1,
                                                      start: 0xFFFF_FFFE, size: 0)
        directory += TestCompoundFileBuilder.entry(name: "Workbook", type: 2, right: 0xFFFF_FFFF, child: 0xFFFF_FFFF,
                                                   start: 112, size: UInt64(workbook.count))
        directory += [UInt8](repeating: 0, count: 512 - directory.count)
        var data = workbook
        data += [UInt8](repeating: 0, count: 10 * 512 - data.count)

        var (header, _) = TestCompoundFileBuilder(streams: []).build()
        header = Array(header.prefix(512))
        header.patch32(0x2C, 110)  // FAT sectors
        header.patch32(0x30, 111)  // first directory sector
        header.patch32(0x3C, 0xFFFF_FFFE)  // no mini FAT
        header.patch32(0x40, 0)
        header.patch32(0x44, difatSector)
        header.patch32(0x48, 1)
        for index in 0..<109 { header.patch32(0x4C + 4 * index, UInt32(index)) }
        return header + fat.flatMap(le32) + difat + directory + data
    }

    @Test func theFATSectorAfterTheHeadersIsFoundThroughTheDIFAT() throws {
        let bytes = Self.build()
        #expect(bytes.count == 512 * 123)
        let file = try CompoundFile(bytes: bytes, path: "difat.xls")
        #expect(file.fat.count == 110 * 128)
        #expect(try file.stream(named: "Workbook") == Self.workbook)
    }

    @Test func aDIFATEntryPastTheEnd() {
        var bytes = Self.build()
        bytes.patch32(512 * (Int(Self.difatSector) + 1), 90_000)
        expectRefusal({ if case .sectorOutOfRange(_, .fat, 90_000, 122) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: bytes, path: "difat.xls")
        }
    }

    @Test func aFATSectorListedTwice() {
        var bytes = Self.build()
        bytes.patch32(512 * (Int(Self.difatSector) + 1), 7)
        expectRefusal({ if case .chainLoops(_, .fat, 7) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: bytes, path: "difat.xls")
        }
    }

    @Test func noDIFATSectorForTheFATSectorsDeclared() {
        var bytes = Self.build()
        bytes.patch32(0x44, 0xFFFF_FFFE)
        expectRefusal({ if case .unsupportedHeader(_, .fatSectorsMissing(110, 109)) = $0 { true } else { false } }) {
            _ = try CompoundFile(bytes: bytes, path: "difat.xls")
        }
    }
}
