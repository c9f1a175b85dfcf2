import EduCore
@testable import EduNormalise
import Foundation
import Testing

/// The byte-level fast paths give exactly what the Foundation paths give, and the row pre-filters
/// never turn away a row the full check would take.
struct FastPathTests {
    static let written = [
        "", " ", "\t", "\r\n", "0", "-0", "+0", "1", "-1", "+1", "12", "123", "1234", "1,234", "12,345", "123,456",
        "1,234,567", "1234,567", "1,23", "1,2345", ",123", "1,,234", "1,234,", "1.5", ".5", "5.", ".", "-.5", "+.5",
        "-", "--", "+", "+-1", "-+1", "1.2.3", "1e5", "1E5", "0x10", "inf", "nan", "1,234.56", "-1,234.56", "1,234.5,6",
        "12.5%", "%", "-%", "5%%", "%5", "91.7%", "1:13.5", "1:0", "0:0", "0:5", ":", "1:", ":2", "1:2:3", "1:-2", "1%:2",
        "  43 ", "\t7\n", "4 3", "1 234", "1\r\n234", "n/a", "N/A", "NA", "na", "nA", "X", "x", "/", "\\", "//",
        "#DIV/0!", "#N/A", " #REF! ", "#", "# 1", "123456789012345", "1234567890123456", "12345678901234567890",
        "-999999999999999", "0.1", "0.2", "0.30000000000000004", "3.141592653589793238", "1,754,914", "00012",
        "0001.2500", "99999999999999999999999.5", "0.000000000000000000001", "0.0000000000000000000000001",
        "123456789.123456789", "9007199254740993", "1.7976931348623157e308", "123abc", "abc", "—", "——", "–", "无",
        "暂无", "空", "无 ", " 暂 无 ", "小学", "约300", "300人", "#名称?", "# 名称", "１４", "1：16.2", "１,２３４", "－5",
        "12.5％", "×", "　12　", "12\u{A0}", "\u{2002}7", "2024年", "2024学年", "学年2024", "２０２４年", "2024—2025学年",
        "19899", "1989", "1990", "2100", "2101", "a2024b", "20242025", "2024-2025", "ⅩⅡ", "①", "1\u{301}2",
    ]

    static func same(_ a: ParsedNumber, _ b: ParsedNumber) -> Bool {
        if case .number(let x) = a, case .number(let y) = b { return x.bitPattern == y.bitPattern }
        return a == b
    }

    /// Random texts over the characters numbers are written with, the same every run.
    static func randomWritten(count: Int) -> [String] {
        var generator = StreamingTests.Generator(state: 7)
        let alphabet = Array("0123456789,.-+%: \t01234567890123456789,,..")
        var texts: [String] = []
        for _ in 0..<count {
            let length = generator.next(14)
            texts.append(String((0..<length).map { _ in alphabet[generator.next(alphabet.count)] }))
        }
        for _ in 0..<count / 4 {
            let integer = (0..<generator.next(20)).map { _ in String(generator.next(10)) }.joined()
            let fraction = (0..<generator.next(20)).map { _ in String(generator.next(10)) }.joined()
            texts.append(generator.next(3) == 0 ? "-" + integer + "." + fraction : integer + "." + fraction)
            var grouped = String(generator.next(999) + 1)
            for _ in 0..<generator.next(5) { grouped += "," + String(format: "%03d", generator.next(1000)) }
            texts.append(grouped + (generator.next(2) == 0 ? "" : "." + fraction))
        }
        return texts
    }

    @Test func numbersReadFromBytesEqualTheFoundationPath() {
        for text in Self.written + Self.randomWritten(count: 20_000) {
            let fast = ValueParser.number(text)
            let reference = ValueParser.slowNumber(text)
            #expect(Self.same(fast, reference), "\(text.debugDescription): \(fast) but \(reference)")
            if case .number(let value) = reference {
                #expect(ValueParser.numericValue(.string(text))?.bitPattern == value.bitPattern)
            } else {
                #expect(ValueParser.numericValue(.string(text)) == nil)
            }
        }
    }

    @Test func textsTrimmedWithoutFoundationEqualFoundations() {
        for text in Self.written + ["城关镇中心小学", " 城关镇 ", "城关镇\u{3000}", "\u{3000}城关镇", "（本部）", "小学 ", "A 小学", "小学\n",
                                    "\u{85}x", "x\u{2028}", "é", "e\u{301}", " e\u{301}", "\u{301}"] {
            #expect(ValueParser.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
        #expect(ValueParser.longestEmptyMarker == ValueParser.emptyMarkers.map(\.utf8.count).max())
        #expect(!ValueParser.emptyMarkers.contains { $0.first?.isNumber == true })
    }

    /// The year reader as it was, through NFKC: the reference.
    static func referenceYear(in text: String) -> Int? {
        var digits = ""
        for character in text.precomposedStringWithCompatibilityMapping + " " {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            if digits.count == 4, let year = Int(digits), (1990...2100).contains(year) { return year }
            digits = ""
        }
        return nil
    }

    @Test func yearsReadFromBytesEqualTheFoundationPath() {
        for text in Self.written + ["青石县城关镇2024年小学基本情况", "２０２４年", "2024\r\n2025"] {
            #expect(ValueParser.firstYear(in: text) == Self.referenceYear(in: text), "\(text.debugDescription)")
            let reference = Self.referenceYear(in: ValueParser.text(.string(text))?.precomposedStringWithCompatibilityMapping ?? "")
            #expect(ValueParser.year(.string(text)) == (ValueParser.text(.string(text)) == nil ? nil : reference), "\(text.debugDescription)")
        }
    }

    @Test func asciiFoldsEqualTheFoundationPath() {
        for text in Self.written + ["Area (m2)", "ABC(xian)DEF", "(ab)", "X (Y)", "Hope Primary School", "\u{B}a\u{C}"] {
            #expect(HeaderText.fold(text) == HeaderText.foldedFully(text), "\(text.debugDescription)")
        }
    }

    /// The checks as they were, folding every text.
    static func classifier() -> RowClassifier {
        RowClassifier(catalogue: CatalogueFixture.catalogue, matcher: CatalogueFixture.matcher)
    }

    static func fullyTotals(_ text: String) -> Bool {
        let folded = HeaderText.foldedFully(text)
        return CatalogueFixture.catalogue.totalsWords.contains(folded)
            || folded.count <= 8 && RowClassifier.totalsSuffixes.contains { folded.hasSuffix($0) }
    }

    static func fullyNote(_ text: String) -> Bool {
        let folded = HeaderText.foldedFully(text)
        return CatalogueFixture.catalogue.noteWords.contains { word in
            folded == word || folded.hasPrefix(word + ":") || (word == "注" && folded.hasPrefix("注") && folded.dropFirst().first.map { $0.isNumber || $0 == "、" } == true)
        }
    }

    static func fullyLetter(_ text: String) -> Bool {
        RowClassifier.columnLetters.contains(HeaderText.foldedFully(text))
    }

    /// Row texts to try: the header variants (a missing fixture fails the test rather than
    /// shrinking the list), the catalogue's row words, and words as returns write them.
    static func rowTexts() throws -> [String] {
        let variants = try String(contentsOf: CatalogueFixture.fixtures.appendingPathComponent("header_variants.tsv"), encoding: .utf8)
        let headers = variants.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) }
        let catalogue = CatalogueFixture.catalogue
        let words = catalogue.totalsWords + catalogue.noteWords + RowClassifier.columnLetters + RowClassifier.totalsSuffixes
        let written = ["合計", "合  计", "全鎮合計", "本乡小計", "總計", "累計", "共計", "  合计  ", "合\u{3000}计", "(heji)合计", "【合计】",
                       "註：", "注:", "注 1、", "注1", "注、", "（注）", "備註:", "填表人：张三", "填 表 人:", "學校負責人：", "說明",
                       "\u{3000}注：", "(zhu)注:", "欄次", "欄號", "甲", "乙 ", "序 列", "(jia)甲", "⑴注:", "注\u{301}:", " \u{301}注:"]
        return headers + words + written + Self.written
    }

    @Test func rowPreFiltersNeverTurnAwayARowTheFullCheckTakes() throws {
        let words = Self.classifier().words
        for text in try Self.rowTexts() {
            if Self.fullyTotals(text) { #expect(words.mayBeTotals(text), "totals: \(text.debugDescription)") }
            if Self.fullyNote(text) { #expect(words.mayBeNote(text), "note: \(text.debugDescription)") }
            if Self.fullyLetter(text) { #expect(words.mayBeLetter(text), "letter: \(text.debugDescription)") }
            #expect(words.fold(text) == HeaderText.foldedFully(text))
        }
        #expect(words.totalsScalar == "计")
        #expect(words.noteStarts != nil)
    }

    /// Every CJK ideograph in front of a colon, and as the last character of a total: a note or a
    /// total written in any character the fold turns into a note or total word is let through.
    @Test func everyIdeographThatFoldsIntoARowWordIsLetThrough() {
        let words = Self.classifier().words
        var missed: [String] = []
        var scalars: [Unicode.Scalar] = []
        for value in UInt32(0x3400)...0x9FFF { scalars.append(Unicode.Scalar(value)!) }
        // One transform for all of them (with their folds alone, as the pre-filters see them).
        let joined = scalars.map { String($0) + ":" }.joined(separator: "\n")
        let folded = HeaderText.foldedFully(joined.replacingOccurrences(of: "\n", with: "|")).split(separator: "|")
        #expect(folded.count == scalars.count)
        for (scalar, fold) in zip(scalars, folded) where fold != String(scalar) + ":" {
            let text = String(scalar) + ":"
            if Self.fullyNote(text), !words.mayBeNote(text) { missed.append(text) }
            let total = "合" + String(scalar)
            if Self.fullyTotals(total), !words.mayBeTotals(total) { missed.append(total) }
            if Self.fullyLetter(String(scalar)), !words.mayBeLetter(String(scalar)) { missed.append(String(scalar)) }
        }
        #expect(missed.isEmpty, "\(missed)")
    }
}
