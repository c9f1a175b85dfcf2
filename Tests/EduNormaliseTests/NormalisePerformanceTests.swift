import EduCSV
import EduCore
@testable import EduNormalise
import EduXLSX
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Time and peak memory of normalising the 200,000-row bench CSV (bench-data/, made by
/// `python3 Scripts/bench/make_csv.py --rows 200000`). Runs only with EDUETL_PERF=1, in release
/// (the test targets need `-enable-testing`, and EduZipTests the DEBUG-only hooks), one test per
/// process so each peak is its own:
///
///     swift build -c release --build-tests -Xswiftc -enable-testing -Xswiftc -DDEBUG
///     EDUETL_PERF=1 .build/release/eduetlPackageTests.xctest --testing-library swift-testing \
///         --filter streamingTheBenchFile
///
/// EDUETL_PERF_FILE names another file (CSV, or a workbook's first sheet); EDUETL_PERF_DUMP a file
/// to write every decision, record, skipped row and reject to, for comparing two builds.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["EDUETL_PERF"] == "1",
                             "a measurement: set EDUETL_PERF=1 (see above) to run it"))
struct NormalisePerformanceTests {
    static let path = ProcessInfo.processInfo.environment["EDUETL_PERF_FILE"]
        ?? CatalogueFixture.root.appendingPathComponent("bench-data/county-200000x20-seed20240901-v1-utf8.csv").path

    /// The process's peak resident set so far, in MB.
    static func peakMB() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }

    static func seconds(_ start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func readingAlone() throws {
        try #require(FileManager.default.fileExists(atPath: Self.path), "run python3 Scripts/bench/make_csv.py --rows 200000")
        let before = Self.peakMB()
        let start = ContinuousClock.now
        let rows = try CSVFile(path: Self.path).rows()
        var count = 0, cells = 0
        while let row = try rows.nextRow() {
            count += 1
            cells += row.cells.count
        }
        print(String(format: "EDUETL_PERF read only: %d rows, %d cells in %.3f s; peak RSS %.1f MB (%.1f MB before)",
                     count, cells, Self.seconds(start), Self.peakMB(), before))
        #expect(count > 0 && cells > 0, "\(Self.path): nothing read")
    }

    @Test func normalisingTheBenchFile() throws {
        try #require(FileManager.default.fileExists(atPath: Self.path), "run python3 Scripts/bench/make_csv.py --rows 200000")
        let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)
        let before = Self.peakMB()
        let start = ContinuousClock.now
        let sheet: NormalisedSheet
        if Self.path.hasSuffix(".xlsx") {
            let workbook = try Workbook(path: Self.path)
            var rows = try workbook.rows(of: workbook.sheets[0])
            sheet = try normaliser.normalise(&rows)
        } else {
            var rows = try CSVFile(path: Self.path).rows()
            sheet = try normaliser.normalise(&rows)
        }
        let elapsed = Self.seconds(start)
        let values = sheet.records.reduce(0) { $0 + $1.values.count }
        print(String(format: "EDUETL_PERF normalise: %d records, %d values, %d skipped, %d rejects in %.3f s; peak RSS %.1f MB (%.1f MB before)",
                     sheet.records.count, values, sheet.skipped.count, sheet.rejects.count, elapsed, Self.peakMB(), before))
        #expect(sheet.records.count > 0)
        if let dump = ProcessInfo.processInfo.environment["EDUETL_PERF_DUMP"] {
            try Self.dump(sheet).write(toFile: dump, atomically: false, encoding: .utf8)
        }
    }

    @Test func streamingTheBenchFile() throws {
        try #require(FileManager.default.fileExists(atPath: Self.path), "run python3 Scripts/bench/make_csv.py --rows 200000")
        let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)
        let before = Self.peakMB()
        let start = ContinuousClock.now
        var records = 0, values = 0
        var rows = try CSVFile(path: Self.path).rows()
        let sheet = try normaliser.normalise(&rows) { record in
            records += 1
            values += record.values.count
        }
        print(String(format: "EDUETL_PERF normalise, records streamed: %d records, %d values, %d skipped, %d rejects in %.3f s; peak RSS %.1f MB (%.1f MB before)",
                     records, values, sheet.skipped.count, sheet.rejects.count, Self.seconds(start), Self.peakMB(), before))
        #expect(records > 0 && sheet.records.isEmpty)
    }

    /// The path an XLSX sheet takes (merged ranges only known at the end: the rows are held as a
    /// list, then read one at a time), timed on the bench file's rows read beforehand.
    @Test func bufferingTheBenchFile() throws {
        try #require(FileManager.default.fileExists(atPath: Self.path), "run python3 Scripts/bench/make_csv.py --rows 200000")
        let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)
        var reader = try CSVFile(path: Self.path).rows()
        let table = try SheetTable(reading: &reader)
        var source = StreamingTests.LateMergesSource(sheet: table.sheet, rows: table.rows, merges: [])
        let before = Self.peakMB()
        let start = ContinuousClock.now
        var records = 0
        let sheet = try normaliser.normalise(&source) { _ in records += 1 }
        print(String(format: "EDUETL_PERF normalise, rows held first: %d records, %d rejects in %.3f s; peak RSS %.1f MB (%.1f MB before, the rows read)",
                     records, sheet.rejects.count, Self.seconds(start), Self.peakMB(), before))
        #expect(records > 0)
    }

    /// Everything the normaliser decided, one line each, in a stable order.
    static func dump(_ sheet: NormalisedSheet) -> String {
        var lines = ["layout \(sheet.layout)", "titles \(sheet.titles)", "units \(sheet.declaredUnits)", "year \(String(describing: sheet.titleYear))"]
        lines += sheet.decisions.map { "decision \($0)" }
        for record in sheet.records {
            let identity = record.identity.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.text)@\($0.value.cell.reference)" }
            let values = record.values.map { "\($0.field)=\($0.value)\($0.unit)@\($0.cell.reference)<\($0.written)>" }
            let empty = record.markedEmpty.map { "\($0.field)@\($0.cell.reference)<\($0.written)>" }
            lines.append("record \(record.row) \(record.stage) \(identity) \(values) \(empty)")
        }
        lines += sheet.skipped.map { "skipped \($0.row) \($0.kind) \($0.text)" }
        lines += sheet.rejects.map { "reject \($0.cell) \($0.field ?? "-") \($0.written) \($0.reason)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
