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

/// A return's 行政区划代码 cell may hold a township's (9 digits) or a place's statistical code
/// (12 digits): its first six are the county, with a note; other lengths are refused.
struct AreaCodeTests {
    @Test(arguments: [("360321101", "360321", 9), ("360321101000", "360321", 12), ("３６０３２１１０１", "360321", 9)])
    func aLongerAreaCodeGivesItsCounty(written: String, county: String, length: Int) throws {
        let code = try #require(CountyCode(areaCode: written))
        #expect(code.digits == county)
        #expect(code.foldingNote?.contains("\(length)-digit area code") == true)
        #expect(CountyCode(written) == nil, "a flag or pipeline file still takes six digits only")
    }

    @Test(arguments: ["3603211", "36032110", "3603211010001", "360321一〇一"])
    func otherLengthsAreRefused(_ written: String) {
        #expect(CountyCode(areaCode: written) == nil)
    }

    @Test func sixDigitsNeedNoNote() throws {
        #expect(try #require(CountyCode(areaCode: "360392")).foldingNote == nil)
    }
}
