import Testing
@testable import EduZip

/// Faults injected through the debug-only hooks of Internals/DebugHooks.swift.
@Suite("zlib faults")
struct ZlibHookTests {
    @Test func inflateCallsAreCounted() throws {
        try withHooks { hooks in
            let archive = try Fixture.open("stored_and_deflated.zip")
            _ = try archive.contents(of: #require(archive.entry(named: "data/numbers.csv")))
            #expect(hooks.inflateCalls > 0)
        }
    }

    @Test func zlibMemoryErrorIsReportedAsZlibsFault() throws {
        try withHooks({ $0.forcedInflateResult = (afterCalls: 1, code: Zlib.memoryError) }) { _ in
            let archive = try Fixture.open("stored_and_deflated.zip")
            let entry = try #require(archive.entry(named: "data/numbers.csv"))
            let error = #expect(throws: ZipError.self) { _ = try readAll(archive.openStream(entry), chunk: 100) }
            guard case .zlibFailure(let location, let code, _) = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(code == Zlib.memoryError)
            #expect(location.entry == "data/numbers.csv")
            #expect(error!.description.contains("out of memory"))
        }
    }

    @Test func zlibDataErrorIsDamage() throws {
        try withHooks({ $0.forcedInflateResult = (afterCalls: 0, code: Zlib.dataError) }) { _ in
            let archive = try Fixture.open("stored_and_deflated.zip")
            let entry = try #require(archive.entry(named: "xl/workbook.xml"))
            let error = #expect(throws: ZipError.self) { _ = try archive.contents(of: entry) }
            guard case .damaged(_, .invalidDeflateData) = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
        }
    }

    /// Z_BUF_ERROR with input left: a pass without progress is corruption, not a reason to loop.
    @Test(.timeLimit(.minutes(1)))
    func passWithoutProgressIsDamageNotASpin() throws {
        try withHooks({ $0.forcedInflateResult = (afterCalls: 0, code: Zlib.bufferError) }) { hooks in
            let archive = try Fixture.open("stored_and_deflated.zip")
            let entry = try #require(archive.entry(named: "data/numbers.csv"))
            let error = #expect(throws: ZipError.self) { _ = try archive.contents(of: entry) }
            guard case .damaged(_, .noProgress) = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(hooks.inflateCalls == 1)
        }
    }

    @Test func inflateInitFailureIsReported() throws {
        try withHooks({ $0.forcedInitResult = Zlib.memoryError }) { _ in
            let archive = try Fixture.open("stored_and_deflated.zip")
            let error = #expect(throws: ZipError.self) {
                try archive.openStream(#require(archive.entry(named: "data/numbers.csv")))
            }
            guard case .zlibFailure(_, Zlib.memoryError, _) = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            // Stored entries never reach zlib.
            #expect(try archive.contents(of: #require(archive.entry(named: "hello.txt"))) == Fixture.hello)
        }
    }

    @Test func crc32MatchesTheKnownCheckValue() {
        let check = Array("123456789".utf8).withUnsafeBytes { Zlib.crc32(0, $0) }
        #expect(check == 0xCBF4_3926)
    }
}
