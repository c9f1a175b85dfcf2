import Testing
@testable import EduXLSX

/// libxml2's errors become one line of the sentence eduetl prints.
struct LibXMLMessageTests {
    @Test func aMultiLineMessageBecomesOneLine() {
        #expect(LibXMLMessage.oneLine("Input is not proper UTF-8, indicate encoding !\nBytes: 0xB2 0xE2 0x3C 0x2F\n")
                == "Input is not proper UTF-8, indicate encoding !; Bytes: 0xB2 0xE2 0x3C 0x2F")
        #expect(LibXMLMessage.oneLine("Opening and ending tag mismatch: row line 1 and sheetData\n")
                == "Opening and ending tag mismatch: row line 1 and sheetData")
    }

    @Test func invalidUTF8InASheetIsReportedOnOneLine() {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(SheetXMLTests.main)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>".utf8)
        bytes += [0xB2, 0xE2]  // GBK bytes in a part that says UTF-8
        bytes += Array("</t></is></c></row></sheetData></worksheet>".utf8)
        let handler = SheetContentHandler(sharedStrings: [], styles: Styles(), uses1904DateSystem: false)
        do {
            try XMLPushParser.parse(bytes, with: handler)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            guard case .malformedXML(let message, _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(!message.contains("\n"), "\(message)")
            #expect(message.contains("Bytes:"), "\(message)")
        }
    }
}
