import Testing
@testable import EduIngest

/// A county code is six ASCII digits wherever it comes from; full-width digits fold, nothing else does.
struct CountyCodeTests {
    @Test func asciiDigitsAreTheCodeAsWritten() throws {
        let code = try #require(CountyCode("360321"))
        #expect(code.digits == "360321")
        #expect(code.folded == nil)
        #expect(code.foldingNote == nil)
    }

    @Test func fullWidthDigitsFoldToASCIIWithANote() throws {
        let code = try #require(CountyCode("３６０３２１"))
        #expect(code.digits == "360321")
        #expect(code.folded == "３６０３２１")
        #expect(code.foldingNote == "'３６０３２１' read as 360321 (full-width digits folded to ASCII)")
        #expect(CountyCode(" 360321\u{3000}")?.digits == "360321")
    }

    @Test(arguments: ["一二三四五六", "٣٦٠٣٢١", "३६०३२१", "36032", "3603210", "36O321", "", "360 321", "①②③④⑤⑥", "¹²³⁴⁵⁶"])
    func otherNumeralsAndLengthsAreNotACountyCode(_ text: String) {
        #expect(CountyCode(text) == nil, "\(text)")
    }

    @Test func theProblemSaysWhatACodeIs() {
        #expect(CountyCode.problem("一二三四五六") == "'一二三四五六' is not a six-digit 行政区划代码 such as 360321 (ASCII digits 0–9)")
    }
}
