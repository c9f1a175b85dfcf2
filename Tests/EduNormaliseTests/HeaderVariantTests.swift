@testable import EduNormalise
import Foundation
import Testing

/// The matcher against an independent table of header variants (Fixtures/header_variants.tsv,
/// written from the domain reference, not from the matcher): simplified, traditional,
/// full-width, with units, line breaks, ordinals, pinyin glosses, and the traps that must stay
/// unmapped. No wrong mapping at all; at least 95% of those with an id mapped.
struct HeaderVariantTests {
    struct Variant: CustomStringConvertible {
        var path: [String]
        var expected: String?
        var note: String
        var description: String { path.joined(separator: " / ") }
    }

    static let variants: [Variant] = {
        let url = CatalogueFixture.fixtures.appendingPathComponent("header_variants.tsv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let path = parts[0].components(separatedBy: " / ").map { $0.replacingOccurrences(of: "\\n", with: "\n") }
            return Variant(path: path, expected: parts[1] == "unmapped" ? nil : parts[1], note: parts[2])
        }
    }()

    @Test func theTableIsLargeEnough() {
        #expect(Self.variants.count >= 150)
        #expect(Self.variants.filter { $0.expected == nil }.count >= 30)
    }

    @Test func noWrongMappingAndAlmostAllMapped() {
        var wrong: [String] = []
        var missed: [String] = []
        for variant in Self.variants {
            let decision = CatalogueFixture.matcher.decide(column: 1, path: variant.path)
            if let field = decision.field, field != variant.expected {
                wrong.append("\(variant) → \(field) (\(decision.method.rawValue)), want \(variant.expected ?? "unmapped"): \(variant.note)")
            } else if decision.field == nil, let expected = variant.expected {
                missed.append("\(variant) → unmapped (\(decision.note ?? "")), want \(expected)")
            }
        }
        #expect(wrong.isEmpty, "wrong mappings:\n\(wrong.joined(separator: "\n"))")
        let withID = Self.variants.filter { $0.expected != nil }.count
        let mapped = withID - missed.count
        #expect(Double(mapped) >= 0.95 * Double(withID), "mapped \(mapped) of \(withID):\n\(missed.joined(separator: "\n"))")
        if !missed.isEmpty { print("header variants left unmapped (\(missed.count) of \(withID)):\n" + missed.joined(separator: "\n")) }
    }
}
