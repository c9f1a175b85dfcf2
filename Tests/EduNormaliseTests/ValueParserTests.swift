import EduCore
@testable import EduNormalise
import Testing

/// Values as returns write them.
struct ValueParserTests {
    @Test(arguments: [
        (CellValue.number(456), ParsedNumber.number(456)),
        (.string("1,754,914"), .number(1_754_914)),
        (.string("1,426.5"), .number(1426.5)),
        (.string("１４"), .number(14)),
        (.string(" 43 "), .number(43)),
        (.string("91.7%"), .number(0.917)),
        (.string("1:13.5"), .number(1 / 13.5)),
        (.string("1：16.2"), .number(1 / 16.2)),
        (.string("-3"), .number(-3)),
        (.string("—"), .missing),
        (.string("-"), .missing),
        (.string("/"), .missing),
        (.string("无"), .missing),
        (.string(""), .missing),
        (.string("1,75,4914"), .invalid("cannot read '1,75,4914' as a number")),
        (.string("约300"), .invalid("cannot read '约300' as a number")),
        (.string("#DIV/0!"), .invalid("the cell holds the Excel error #DIV/0!")),
        (.error("#REF!"), .invalid("the cell holds the Excel error #REF!")),
        (.string("1:0"), .invalid("the ratio '1:0' divides by zero")),
        (.date(SpreadsheetDate(year: 2024, month: 9, day: 1)!), .invalid("the cell holds the date 2024-09-01, not a number")),
    ])
    func numbers(value: CellValue, expected: ParsedNumber) {
        let parsed = ValueParser.number(value)
        if case .number(let want) = expected, case .number(let got) = parsed {
            #expect(abs(got - want) < 1e-12)
        } else {
            #expect(parsed == expected)
        }
    }

    @Test(arguments: [
        (CellValue.number(2024), 2024), (.string("2024"), 2024), (.string("2024-2025"), 2024), (.string("2024学年"), 2024),
        (.string("２０２４年"), 2024), (.string("2024—2025学年"), 2024), (.string("学年"), nil), (.number(24), nil),
    ] as [(CellValue, Int?)])
    func years(value: CellValue, expected: Int?) {
        #expect(ValueParser.year(value) == expected)
    }

    @Test func schoolCodesKeepTheirDigits() {
        #expect(ValueParser.text(.string(" 0360321001 ")) == "0360321001")
        #expect(ValueParser.text(.number(3603210056)) == "3603210056")
    }
}
