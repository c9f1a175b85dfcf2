import EduCore
import EduTestSupport
import Foundation
import Testing
@testable import EduXLS

/// Every workbook of ../shared/conformance-xls (calamine's test suite and the generated Chinese
/// returns) read through the library, cell for cell against its expected dump, with the
/// project's documented differences (Scripts/conformance/known-differences-xls.json) applied.
@Suite("the .xls corpus, cell for cell", .enabled(if: RepositoryPaths.hasConformanceXLS, "../shared/conformance-xls is not beside the repository"))
struct ReaderConformanceTests {
    static let differences = KnownDifferences.load("known-differences-xls.json")

    static func workbooks(in subset: String) -> [String] {
        let expected = RepositoryPaths.conformanceXLS.appendingPathComponent("\(subset)-expected")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: expected.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.map { "\(subset)/\($0.dropLast(6))" }.sorted()
    }

    static var readable: [String] { workbooks(in: "calamine") + workbooks(in: "generated") }

    @Test func thereAreWorkbooksAndDifferencesToRead() {
        #expect(Self.workbooks(in: "calamine").count == 36)
        #expect(Self.workbooks(in: "generated").count == 2)
        #expect(!Self.differences.isEmpty, "Scripts/conformance/known-differences-xls.json is missing or unreadable")
        let books = Set(Self.readable.map { String($0.split(separator: "/").last ?? "") })
        #expect(Set(Self.differences.keys).isSubset(of: books), "\(Self.differences.keys.sorted())")
    }

    @Test(arguments: readable)
    func readsLikeTheExpectedDump(book: String) throws {
        let parts = book.split(separator: "/").map(String.init)
        let (subset, name) = (parts[0], parts[1])
        let expectedURL = RepositoryPaths.conformanceXLS.appendingPathComponent("\(subset)-expected/\(name).jsonl")
        let path = RepositoryPaths.conformanceXLS.appendingPathComponent("\(subset)/\(name)").path
        let expectedText = try String(contentsOf: expectedURL, encoding: .utf8)
        if expectedText.hasPrefix("{\"error\"") {
            // calamine refuses these (a password, a damaged container, not OLE2); so does eduetl, naming the file.
            #expect {
                _ = try CellDumpComparison.dump(path)
            } throws: { error in
                "\(error)".contains(name) && !"\(error)".contains("\n")
            }
            return
        }
        var expected = try CellDumpComparison.load(expectedURL)
        if let difference = Self.differences[name] { expected = try difference.applied(to: expected) }
        let actual = try CellDumpComparison.dump(path)
        let difference = CellDumpComparison.firstDifference(expected: expected, actual: actual)
        #expect(difference == nil, "\(book): \(difference ?? "")")
    }

    @Test func thePasswordProtectedWorkbookSaysSo() throws {
        let path = RepositoryPaths.conformanceXLS.appendingPathComponent("calamine/issue_385.xls").path
        #expect {
            _ = try XLSWorkbook(path: path)
        } throws: { error in
            "\(error)".contains("password-protected") && "\(error)".contains("issue_385.xls")
        }
    }

    /// The chinese-return.xls of the corpus README: merged title and header groups, a merged 合计 label.
    @Test func theGeneratedReturnKeepsItsMergedRanges() throws {
        let path = RepositoryPaths.conformanceXLS.appendingPathComponent("generated/chinese-return.xls").path
        let workbook = try XLSWorkbook(path: path)
        #expect(workbook.sheets.map(\.name) == ["小学基本情况"])
        let table = try workbook.readSheet(workbook.sheets[0])
        #expect(Set(table.mergedRanges.map(\.reference)) == ["A1:F1", "A2:B2", "C2:D2", "E2:F2", "A10:B10"])
    }
}
