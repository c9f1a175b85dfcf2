@testable import EduAudit
import Foundation
import Testing

/// Pipelines/checks.yml as shipped, edited thresholds, and broken files refused with their line.
struct AuditRulesLoaderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shippedPath = root.appendingPathComponent("Pipelines/checks.yml").path

    static func shippedText() throws -> String {
        try String(contentsOfFile: shippedPath, encoding: .utf8)
    }

    @Test func theShippedFileSetsEveryRule() throws {
        let rules = try AuditRulesLoader.load(path: Self.shippedPath)
        let set = Set(rules.rules.keys).union(rules.classSizeBands.isEmpty ? [] : [.classSize])
        #expect(set == Set(AuditRuleID.allCases))
        #expect(rules.rules[.negativeValue]?.severity == .error)
        #expect(rules.rules[.perStudentRange]?.severity == .warning)
        #expect(rules.pairs.contains(AuditRules.Pair(part: "backbone_teachers", whole: "full_time_teachers")))
        #expect(rules.pairs.contains(AuditRules.Pair(part: "full_time_teachers", whole: "staff")))
        #expect(rules.pairs.contains(AuditRules.Pair(part: "students_female", whole: "students")))
        #expect(rules.classSizeBands.map { "\($0.name) \($0.side.rawValue) \($0.limit) \($0.rule.severity.rawValue)" }
            == ["large above 56.0 warning", "oversized above 66.0 error", "tiny below 5.0 warning"])
        let equipment = try #require(rules.bounds.first { $0.field == "equipment_value" })
        #expect(equipment.minimum == 50 && equipment.maximum == 100_000 && equipment.hint.contains("万元"))
        #expect(rules.yearOverYear["students"] == 0.30 && rules.yearOverYear["books"] == 0.50)
        #expect(rules.partsFields == ["students", "classes", "staff"])
        #expect(rules.requiredFields.contains("multimedia_classrooms"))
    }

    @Test func thresholdsAreEditedThroughTheFile() throws {
        let text = try Self.shippedText()
            .replacingOccurrences(of: "large: {above: 56,", with: "large: {above: 45,")
            .replacingOccurrences(of: "students: 0.30,", with: "students: 0.10,")
            .replacingOccurrences(of: "    severity: warning\n    message: \"生均", with: "    severity: error\n    message: \"生均")
        let rules = try AuditRulesLoader.parse(text, source: "edited.yml")
        #expect(rules.classSizeBands.first?.limit == 45)
        #expect(rules.yearOverYear["students"] == 0.10)
        #expect(rules.rules[.perStudentRange]?.severity == .error)
        #expect(rules != (try AuditRulesLoader.load(path: Self.shippedPath)))
    }

    @Test(arguments: [
        ("an unknown rule", "  negative_value:\n", "  negative_values:\n", "'negative_values' is not a check eduetl knows"),
        ("an unknown severity", "    severity: error\n    message: \"{field}为{value}", "    severity: fatal\n    message: \"{field}为{value}",
         "severity is 'error' or 'warning', not 'fatal'"),
        ("a band with no limit", "large: {above: 56,", "large: {over: 56,", "a band is 'above' or 'below'"),
        ("a bound with min above max", "equipment_value: {min: 50, max: 100000,", "equipment_value: {min: 500000, max: 100000,",
         "'min' must be below 'max'"),
        ("a negative change", "students: 0.30,", "students: -0.30,", "a change is a share above 0"),
        ("a negative tolerance", "    tolerance: 0\n\n  # Breakdown", "    tolerance: -1\n\n  # Breakdown", "the tolerance is a number, 0 or more"),
    ])
    func aBrokenFileIsRefusedWithItsLine(name: String, original: String, broken: String, problem: String) throws {
        let text = try Self.shippedText()
        #expect(text.contains(original), "\(name): the shipped file changed")
        let lineOfChange = text.components(separatedBy: original)[0].split(separator: "\n", omittingEmptySubsequences: false).count
        #expect {
            _ = try AuditRulesLoader.parse(text.replacingOccurrences(of: original, with: broken), source: "checks.yml")
        } throws: { error in
            let message = "\(error)"
            return message.contains(problem) && message.contains("checks.yml line ")
                && (message.contains("line \(lineOfChange)") || message.contains("line \(lineOfChange + 1)"))
        }
    }
}
