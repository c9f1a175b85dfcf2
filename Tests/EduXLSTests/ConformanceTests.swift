import Foundation
import Testing
@testable import EduXLS

/// The .xls conformance corpus in ../shared/conformance-xls (calamine's test workbooks, two
/// generated Chinese workbooks and the hostile wrappers), read in place: its README asks that the
/// files stay there rather than be copied into the project.
enum Corpus {
    /// ../shared/conformance-xls beside the repository, nil when absent.
    static let directory: URL? = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.deletingLastPathComponent().appendingPathComponent("shared/conformance-xls")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }()

    static func files(in subfolder: String) -> [String] {
        guard let folder = directory?.appendingPathComponent(subfolder) else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xls") }.sorted().map { folder.appendingPathComponent($0).path }
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}

/// A BOF record's version, when `stream` starts with one (type 0x0809: bytes 09 08).
private func bofVersion(_ stream: [UInt8]) -> UInt16? {
    guard stream.count >= 8, stream[0] == 0x09, stream[1] == 0x08 else { return nil }
    return UInt16(stream[4]) | UInt16(stream[5]) << 8
}

/// The corpus' BIFF5 workbooks (its README): a "Book" stream with a BOF of version 0x0500.
private let biff5Files: Set<String> = [
    "biff5_write.xls", "biff5-rich-text-string.xls", "issue_643_biff5_formula.xls", "malformed_format.xls",
    "misc_biff5_parsing.xls", "ptgexp-truncated-operand.xls", "OOM_alloc.xls", "OOM_alloc2.xls",
]

/// Every BIFF stream ("Workbook": BIFF8, "Book": BIFF5, any case) of `path`, read and checked:
/// it starts with a BOF of the right version and its size is plausible. Returns the streams seen.
@discardableResult
private func checkWorkbookStreams(_ path: String) throws -> [CompoundFile.Stream] {
    let file = try CompoundFile(path: path)
    let biff = file.streams.filter { ["workbook", "book"].contains($0.name.lowercased()) }
    #expect(!biff.isEmpty, "no Workbook or Book stream among \(file.streamNames)")
    if biff5Files.contains(URL(fileURLWithPath: path).lastPathComponent) {
        #expect(biff.contains { $0.name == "Book" }, "a BIFF5 file without a Book stream: \(file.streamNames)")
    }
    for stream in biff {
        let bytes = try file.contents(of: stream)
        #expect(bytes.count == Int(stream.size))
        #expect(bytes.count >= 64 && bytes.count <= Corpus.fileSize(path), "\(stream.name): \(bytes.count) bytes")
        // "Workbook" holds BIFF8; "Book" BIFF5 in the corpus' BIFF5 files, yet BIFF8 in
        // capitalized_wbook_stream.xls ("BOOK").
        let name = URL(fileURLWithPath: path).lastPathComponent
        let expected: Set<UInt16> = stream.name.lowercased() == "workbook" ? [0x0600]
            : biff5Files.contains(name) ? [0x0500] : [0x0500, 0x0600]
        #expect(bofVersion(bytes).map(expected.contains) == true, "\(stream.name) starts \(bytes.prefix(8))")
    }
    return biff
}

@Suite("the .xls corpus", .enabled(if: Corpus.directory != nil, "../shared/conformance-xls is absent: no corpus to read"))
struct ConformanceTests {
    /// calamine's files refused at the container level, and why.
    static let refused: [String: @Sendable (CompoundFileError) -> Bool] = [
        // A 68-byte text file.
        "too_small.xls": { if case .notCompoundFile = $0 { true } else { false } },
        // The directory's FAT chain runs to sector 0xFFFFFEFF, in a FAT of 384 entries.
        "OOM_alloc3.xls": { if case .sectorOutOfRange(_, .directory, 0xFFFF_FEFF, 384) = $0 { true } else { false } },
    ]

    /// Workbook streams under 4,096 bytes, so read from the mini stream (README of the corpus).
    static let inMiniStream = [
        "date.xls", "date_1904.xls", "formula-date-format.xls", "issue343.xls", "capitalized_wbook_stream.xls",
        "biff5-rich-text-string.xls",
    ]

    @Test func thereAreWorkbooksToRead() {
        #expect(Corpus.files(in: "calamine").count == 36)
        #expect(Corpus.files(in: "generated").count == 2)
        #expect(Corpus.files(in: "hostile").count == 8)
    }

    @Test(arguments: Corpus.files(in: "calamine") + Corpus.files(in: "generated"))
    func theWorkbookStreamStartsWithABOF(_ path: String) throws {
        let name = URL(fileURLWithPath: path).lastPathComponent
        if let expected = Self.refused[name] {
            do {
                _ = try CompoundFile(path: path)
                Issue.record("\(name) was not refused")
            } catch {
                #expect(expected(error), "unexpected \(error)")
                #expect(error.description.hasPrefix(path + ": "))
            }
            return
        }
        let streams = try checkWorkbookStreams(path)
        if Self.inMiniStream.contains(name) {
            #expect(streams.contains { $0.size < 4096 }, "\(name): \(streams.map(\.size))")
        }
    }

    @Test func aStreamNamedInCapitalsIsFound() throws {
        let path = try #require(Corpus.files(in: "calamine").first { $0.hasSuffix("/capitalized_wbook_stream.xls") })
        let file = try CompoundFile(path: path)
        #expect(file.streamNames.contains("BOOK"))
        let stream = try file.stream(named: "Book")
        #expect(stream.count == 1584, "from the mini stream")
        #expect(bofVersion(stream) == 0x0600)
    }

    @Test func bothStreamsOfABIFF5AndBIFF8File() throws {
        let path = try #require(Corpus.files(in: "calamine").first { $0.hasSuffix("/biff5-rich-text-string.xls") })
        let file = try CompoundFile(path: path)
        #expect(bofVersion(try file.stream(named: "Book")) == 0x0500)
        #expect(bofVersion(try file.stream(named: "Workbook")) == 0x0600)
    }

    @Test func aLargeWorkbookStream() throws {
        let path = try #require(Corpus.files(in: "generated").first { $0.hasSuffix("/many-sst.xls") })
        let file = try CompoundFile(path: path)
        let stream = try file.stream(named: "Workbook")
        #expect(stream.count == 3_678_208)
        #expect(bofVersion(stream) == 0x0600)
    }

    /// The hostile wrappers: the three whose damage is in the BIFF records read fine here; the
    /// five damaged in the container are refused, quickly.
    static let hostile: [String: (@Sendable (CompoundFileError) -> Bool)?] = [
        "ok-baseline.xls": nil,
        "record-overrun.xls": nil,
        "sst-2g.xls": nil,
        "fat-loop.xls": { if case .chainLoops(_, .stream("Workbook"), _) = $0 { true } else { false } },
        "dir-chain-loop.xls": { if case .chainLoops(_, .directory, 1) = $0 { true } else { false } },
        "difat-loop.xls": { if case .chainLoops(_, .difat, _) = $0 { true } else { false } },
        "huge-stream.xls": { if case .streamTooLarge(_, .stream("Workbook"), 0xFFFF_FFFF, _) = $0 { true } else { false } },
        "truncated.xls": { if case .sectorPastEndOfFile(_, .stream("Workbook"), _, 7492) = $0 { true } else { false } },
    ]

    @Test(arguments: Corpus.files(in: "hostile"))
    func hostileFiles(_ path: String) throws {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let expectation = try #require(Self.hostile[name], "\(name) is not in the table")
        let clock = ContinuousClock()
        let start = clock.now
        defer { #expect(clock.now - start < .seconds(2), "\(name) took \(clock.now - start)") }
        guard let expected = expectation else {
            let streams = try checkWorkbookStreams(path)
            #expect(streams.map(\.name) == ["Workbook"])
            return
        }
        do {
            _ = try CompoundFile(path: path).stream(named: "Workbook")
            Issue.record("\(name) was not refused")
        } catch {
            #expect(expected(error), "unexpected \(error)")
            #expect(error.description.hasPrefix(path + ": ") || error.description.hasPrefix(path + " › Workbook: "))
            #expect(!error.description.contains("\n"))
        }
    }
}
