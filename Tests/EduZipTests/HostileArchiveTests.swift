import Foundation
import Testing
@testable import EduZip

@Suite("Hostile and damaged archives")
struct HostileArchiveTests {
    /// 10 KiB of deflated zeros whose central directory declares 6 GiB (ZIP64): refused from the
    /// directory alone, without a single inflate() call.
    @Test func declaredHugeBombIsRefusedAtOpenWithoutInflating() throws {
        withHooks { hooks in
            let error = #expect(throws: ZipError.self) { try Fixture.open("bomb_declared_huge.zip") }
            guard case .limitExceeded(let location, .entryTooLarge(let size, let limit)) = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(size == 6 << 30 && limit == 1 << 30)
            #expect(location.entry == "xl/worksheets/sheet1.xml")
            #expect(hooks.inflateCalls == 0)
            // The first bytes, the end record, the ZIP64 locator and record, the central directory.
            #expect(hooks.readCalls <= 5, "opening read more than the end records and the directory")
            #expect(error!.description.contains("zip bomb"))
        }
    }

    /// 20 MiB of zeros deflated ~1 030-fold, honestly declared: refused by the ratio guard.
    @Test func highRatioBombIsRefusedAtOpenWithoutInflating() throws {
        withHooks { hooks in
            let error = #expect(throws: ZipError.self) { try Fixture.open("bomb_ratio.zip") }
            guard case .limitExceeded(_, .compressionRatioTooHigh(let ratio, let limit)) = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(ratio > 1_000 && limit == 1_000)
            #expect(hooks.inflateCalls == 0)
            #expect(error!.description.hasPrefix(Fixture.path("bomb_ratio.zip") + " › xl/worksheets/sheet1.xml: "))
        }
    }

    /// An archive inside an archive is only bytes to the outer one; opened, it meets the guards.
    @Test func nestedBombIsRefusedWhenTheInnerArchiveIsOpened() throws {
        let outer = try Fixture.open("bomb_nested.zip")
        let inner = try outer.contents(of: #require(outer.entry(named: "inner.zip")), limit: 1 << 20)
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("eduzip-inner-\(UUID().uuidString).zip").path
        try Data(inner).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ZipError.self) { try ZipArchive(path: path) }
        guard case .limitExceeded(_, .compressionRatioTooHigh) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
    }

    /// Declares 100 bytes, inflates to 1 MiB: the stream refuses the 101st byte.
    @Test(arguments: [1, 7, 1 << 16, 1 << 21])
    func lyingSizeIsRefusedWhileInflating(_ chunk: Int) throws {
        let archive = try Fixture.open("lying_size.zip")
        let entry = try #require(archive.entries.first)
        #expect(entry.uncompressedSize == 100)
        let stream = try archive.openStream(entry)
        let error = #expect(throws: ZipError.self) { _ = try readAll(stream, chunk: chunk) }
        guard case .damaged(_, .moreDataThanDeclared(declared: 100)) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(stream.bytesRead <= 100)
        #expect(throws: ZipError.self) { _ = try readAll(stream, chunk: chunk) }  // and stays failed
    }

    @Test func declaredEntryCountIsRefusedBeforeTheDirectoryIsRead() throws {
        let error = #expect(throws: ZipError.self) { try Fixture.open("too_many_entries.zip") }
        guard case .limitExceeded(_, .tooManyEntries(declared: 60_000, limit: 10_000)) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
    }

    enum Guard: String, CaseIterable {
        case entries, entrySize, totalSize, ratio
    }

    /// Each limit set just below what stored_and_deflated.zip needs trips its own guard.
    @Test(arguments: Guard.allCases)
    func eachLimitTripsItsGuard(_ guarded: Guard) throws {
        var limits = ZipLimits.default
        switch guarded {
        case .entries: limits.maxEntries = 5
        case .entrySize: limits.maxEntrySize = 20_000
        case .totalSize: limits.maxTotalSize = 23_500
        case .ratio: (limits.maxCompressionRatio, limits.ratioCheckMinimumSize) = (2, 1_000)
        }
        let error = #expect(throws: ZipError.self) { try Fixture.open("stored_and_deflated.zip", limits: limits) }
        switch (guarded, error) {
        case (.entries, .limitExceeded(_, .tooManyEntries(6, 5))?),
             (.entrySize, .limitExceeded(_, .entryTooLarge(23_427, 20_000))?),
             (.totalSize, .limitExceeded(_, .totalTooLarge(23_523, 23_500))?),
             (.ratio, .limitExceeded(_, .compressionRatioTooHigh)?):
            break
        default:
            Issue.record("\(guarded): unexpected \(String(describing: error))")
        }
        _ = try Fixture.open("stored_and_deflated.zip")  // the defaults let it through
    }

    @Test func archiveCutInTheMiddleIsTruncated() throws {
        let error = #expect(throws: ZipError.self) { try Fixture.open("truncated.zip") }
        guard case .truncated(_, .missingEndRecord) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(error!.description.hasPrefix(Fixture.path("truncated.zip") + ": the file is cut short"))
    }

    /// The compressed data stops half way through the deflate stream: an error, never a spin.
    @Test(.timeLimit(.minutes(1)), arguments: [1, 7, 1 << 16])
    func truncatedDeflateStreamThrowsInsteadOfSpinning(_ chunk: Int) throws {
        try withHooks { hooks in
            let archive = try Fixture.open("truncated_deflate.zip")
            let entry = try #require(archive.entries.first)
            let error = #expect(throws: ZipError.self) { _ = try readAll(archive.openStream(entry), chunk: chunk) }
            guard case .truncated(let location, .deflateStreamUnfinished) = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(location.entry == "xl/worksheets/sheet1.xml")
            #expect(hooks.inflateCalls <= Fixture.numbers.count + 2)
        }
    }

    @Test func corruptDeflateDataIsDamaged() throws {
        let archive = try Fixture.open("corrupt_deflate.zip")
        let error = #expect(throws: ZipError.self) { _ = try archive.contents(of: archive.entries[0]) }
        guard case .damaged(_, .invalidDeflateData(let detail)) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(detail == "invalid block type")
    }

    @Test(arguments: [1, 1 << 16])
    func crcMismatchNamesFileAndEntry(_ chunk: Int) throws {
        let archive = try Fixture.open("crc_mismatch.zip")
        let entry = archive.entries[0]
        let error = #expect(throws: ZipError.self) { _ = try readAll(archive.openStream(entry), chunk: chunk) }
        guard case .damaged(_, .crcMismatch(let expected, let actual)) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(expected == entry.crc32 && actual == ~entry.crc32)
        let text = error!.description
        let path = Fixture.path("crc_mismatch.zip")
        #expect(text.hasPrefix(path + " › xl/worksheets/sheet1.xml: the entry is damaged"))
        #expect(text.contains("CRC-32 mismatch") && text.contains("send it again"))
    }

    @Test(arguments: ["encrypted_entry.zip", "aes_entry.zip"])
    func encryptedEntriesArePasswordProtected(_ name: String) throws {
        let archive = try Fixture.open(name)
        let entry = try #require(archive.entry(named: "xl/workbook.xml"))
        #expect(entry.isEncrypted)
        let error = #expect(throws: ZipError.self) { try archive.openStream(entry) }
        guard case .passwordProtected(let location) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(location.entry == "xl/workbook.xml")
        #expect(error!.description.contains("the workbook is password-protected"))
    }

    @Test func unsupportedMethodIsNamed() throws {
        let archive = try Fixture.open("unsupported_method.zip")
        #expect(archive.entries[0].method == .other(14))
        let error = #expect(throws: ZipError.self) { try archive.openStream(archive.entries[0]) }
        guard case .unsupportedCompression(_, method: 14) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(error!.description.contains("compression method 14 (LZMA)"))
    }

    @Test func centralDirectoryPastTheEndIsTruncated() throws {
        let error = #expect(throws: ZipError.self) { try Fixture.open("central_directory_past_end.zip") }
        guard case .truncated(_, .centralDirectoryPastEnd) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
    }

    @Test func localHeaderPastTheEndIsTruncated() throws {
        let archive = try Fixture.open("local_header_past_end.zip")
        let error = #expect(throws: ZipError.self) { try archive.openStream(archive.entries[0]) }
        guard case .truncated(_, .localHeaderPastEnd) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
    }

    @Test func dataShorterThanDeclaredIsTruncated() throws {
        let archive = try Fixture.open("data_past_end.zip")
        let entry = archive.entries[0]
        let error = #expect(throws: ZipError.self) { try archive.openStream(entry) }
        guard case .truncated(_, .dataShorterThanDeclared(let declared, let available)) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(declared == entry.compressedSize && available == declared - 5_000)
    }
}
