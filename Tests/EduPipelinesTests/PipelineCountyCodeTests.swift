@testable import EduPipelines
import Testing

/// A pipeline file's county codes are six ASCII digits: full-width ones fold with a note naming
/// the line, other numerals are refused with their line.
struct PipelineCountyCodeTests {
    static func pipeline(county: String, counties: String = "[\"360321\"]") -> String {
        """
        name: annual-returns
        inputs:
          - path: returns/东湖区
            county: "\(county)"
        warehouse: warehouse.sqlite
        county: "\(county)"
        exports:
          formats: [xlsx]
          destination: reports/
          counties: \(counties)
        """
    }

    @Test func fullWidthDigitsFoldWithANoteNamingTheLine() throws {
        let spec = try PipelineSpecLoader.parse(Self.pipeline(county: "３６０３９２", counties: "[\"３６０３２１\"]"), source: "p.yml")
        #expect(spec.county == "360392")
        #expect(spec.inputs.first?.county == "360392")
        #expect(spec.exports?.counties == ["360321"])
        #expect(spec.notes == [
            "p.yml line 4: 'county' '３６０３９２' read as 360392 (full-width digits folded to ASCII)",
            "p.yml line 6: 'county' '３６０３９２' read as 360392 (full-width digits folded to ASCII)",
            "p.yml line 10: 'counties' '３６０３２１' read as 360321 (full-width digits folded to ASCII)",
        ])
        #expect(try PipelineSpecLoader.parse(Self.pipeline(county: "360392"), source: "p.yml").notes.isEmpty)
    }

    @Test(arguments: ["一二三四五六", "٣٦٠٣٩٢", "३६०३९२"])
    func otherNumeralsAreRefusedWithTheirLine(_ county: String) {
        do {
            _ = try PipelineSpecLoader.parse(Self.pipeline(county: county), source: "p.yml")
            Issue.record("'\(county)' was taken for a county code")
        } catch {
            #expect(error.description.hasPrefix("p.yml line 4: 'county' must be six-digit county codes such as 360321, not '\(county)'"),
                    "\(error.description)")
        }
    }
}
