import EduCore
import EduTestSupport
import EduXLSX
import Foundation
import Testing

/// The calamine conformance corpus in ../shared/conformance, read through the library, with the
/// project's documented differences (Scripts/conformance/known-differences.json) applied.
@Suite(.enabled(if: RepositoryPaths.hasConformance, "../shared/conformance is not beside the repository"))
struct ConformanceTests {
    static var workbooks: [String] {
        let expected = RepositoryPaths.conformance.appendingPathComponent("calamine-expected")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: expected.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
    }

    static let differences = KnownDifferences.load("known-differences.json")

    /// An empty or missing calamine-expected folder would make the argument list empty and
    /// every case below silently absent.
    @Test func thereAreWorkbooksToRead() {
        #expect(Self.workbooks.count > 10, "no calamine-expected/*.jsonl under \(RepositoryPaths.conformance.path)")
    }

    /// A missing or unreadable known-differences.json would make the documented differences
    /// silently absent; a difference for a workbook the corpus lacks is stale.
    @Test func theKnownDifferencesAreReadAndNameWorkbooksOfTheCorpus() {
        #expect(!Self.differences.isEmpty, "Scripts/conformance/known-differences.json is missing or unreadable")
        #expect(Set(Self.differences.keys).isSubset(of: Self.workbooks), "\(Self.differences.keys.sorted())")
    }

    @Test(arguments: workbooks)
    func readsLikeTheExpectedDump(book: String) throws {
        let expectedURL = RepositoryPaths.conformance.appendingPathComponent("calamine-expected/\(book).jsonl")
        let path = RepositoryPaths.conformance.appendingPathComponent("calamine/\(book)").path
        let expectedText = try String(contentsOf: expectedURL, encoding: .utf8)
        if expectedText.hasPrefix("{\"error\"") {
            // calamine refuses these (a damaged part, a password); so does eduetl, naming the file.
            #expect {
                _ = try CellDumpComparison.dump(path)
            } throws: { error in
                "\(error)".contains(book)
            }
            return
        }
        var expected = try CellDumpComparison.load(expectedURL)
        if let difference = Self.differences[book] { expected = try difference.applied(to: expected) }
        let actual = try CellDumpComparison.dump(path)
        let difference = CellDumpComparison.firstDifference(expected: expected, actual: actual)
        #expect(difference == nil, "\(book): \(difference ?? "")")
    }

    @Test func theProtectedWorkbookIsRefusedAsPasswordProtected() throws {
        let path = RepositoryPaths.conformance.appendingPathComponent("calamine/pass_protected.xlsx").path
        #expect {
            _ = try Workbook(path: path)
        } throws: { error in
            "\(error)".contains("password-protected") && "\(error)".contains("pass_protected.xlsx")
        }
    }
}

/// CI runs `make test` on a clone with ../shared beside it. Without the corpus the conformance
/// suites here and in EduZipTests and EndToEndTests are skipped (each says why); this test fails,
/// so a missing corpus is never taken for one that was read.
@Suite struct ConformanceCorpusTests {
    @Test func theCorpusIsBesideTheRepository() {
        #expect(RepositoryPaths.hasConformance,
                "\(RepositoryPaths.conformance.path)/calamine-expected is missing: put ../shared beside the repository")
    }
}
