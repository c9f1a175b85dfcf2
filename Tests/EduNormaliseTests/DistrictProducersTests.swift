import EduCore
@testable import EduNormalise
import EduXLSX
import Foundation
import Testing

/// The district workbook as WPS writes it (SampleInputs/东湖区) and the same workbook after
/// LibreOffice 7.4 converted it (rich-text shared strings, `aca` formulas, visible-state marks):
/// the normaliser reads the same schools, stages, values and skipped rows from both.
struct DistrictProducersTests {
    static let wps = CatalogueFixture.root.appendingPathComponent("SampleInputs/东湖区/东湖区2024年教育事业统计年报.xlsx").path
    static let libreOffice = CatalogueFixture.fixtures.appendingPathComponent("district_libreoffice.xlsx").path

    static func read(_ path: String) throws -> [NormalisedSheet] {
        let workbook = try Workbook(path: path)
        let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)
        return try workbook.sheets.map { sheet in
            var rows = try workbook.rows(of: sheet)
            return try normaliser.normalise(&rows)
        }
    }

    /// A record with what matters of it: cells and values, not how the reader typed a number's text.
    static func summary(_ record: SchoolRecord) -> String {
        let identity = record.identity.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.text)@\($0.value.cell.reference)" }
        let values = record.values.map { "\($0.field)=\(($0.value * 100).rounded() / 100)@\($0.cell.reference)" }
        return "\(record.row) \(record.stage.rawValue) " + (identity + values).joined(separator: " ")
    }

    @Test func libreOfficesCopyReadsAsTheOriginal() throws {
        let original = try Self.read(Self.wps), converted = try Self.read(Self.libreOffice)
        #expect(original.map(\.sheet.name) == converted.map(\.sheet.name))
        #expect(original.map(\.sheet.visibility) == converted.map(\.sheet.visibility))
        #expect(original.last?.sheet.visibility == .hidden)
        for (a, b) in zip(original, converted) {
            #expect(a.layout == b.layout, "\(a.sheet.name)")
            #expect(a.records.map(Self.summary) == b.records.map(Self.summary), "\(a.sheet.name)")
            #expect(a.skipped.map(\.kind) == b.skipped.map(\.kind), "\(a.sheet.name)")
            #expect(a.decisions.map(\.field) == b.decisions.map(\.field), "\(a.sheet.name)")
            #expect(a.rejects.isEmpty && b.rejects.isEmpty, "\(a.sheet.name)")
            #expect(a.titleYear == b.titleYear)
        }
        #expect(original.reduce(0) { $0 + $1.records.count } == 71)
        #expect(original.last?.titleYear == 2023)
    }
}
