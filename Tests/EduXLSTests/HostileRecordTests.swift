import EduCore
import Foundation
import Testing
@testable import EduXLS

/// Damaged and hostile workbooks: each is refused with one sentence that names the file (and, as
/// far as known, the sheet and cell) and says what a statistician can do, and rows read before
/// the damage are handed out first.
@Suite("damaged and hostile workbooks")
struct HostileRecordTests {
    static let advice = "eduetl reads Excel 95 (BIFF5) and Excel 97-2003 (BIFF8) workbooks: open it in Excel or WPS and save it as .xlsx."

    /// Every row of sheet `index` until the reader throws, and what it threw.
    static func rowsUntilError(_ workbook: XLSWorkbook, sheet index: Int = 0) throws -> (rows: [Row], error: XLSError?) {
        let reader = try workbook.rows(of: workbook.sheets[index])
        var rows: [Row] = []
        do {
            while let row = try reader.nextRow() { rows.append(row) }
        } catch let error as XLSError {
            return (rows, error)
        }
        return (rows, nil)
    }

    // MARK: records that run past the stream

    @Test(arguments: [false, true])
    func aRecordRunningPastTheStreamEndsTheSheetAfterTheRowsBeforeIt(outOfOrder: Bool) throws {
        var records = [BIFF.number("A1", 1), BIFF.label("B1", "学校"), BIFF.mulrk("A2", [(0, RK.integer(2)), (0, RK.integer(3))])]
        if outOfOrder { records.insert(BIFF.number("C4", 4), at: 0) }
        records.append(BIFF.record(RecordType.number, [0, 0, 1], declaredLength: 200))
        var last = TestWorkbookBuilder.Sheet("小学", records: records)
        last.endsWithEOF = false
        let builder = TestWorkbookBuilder(sheets: [.init("封面", records: [BIFF.number("A1", 0)]), last])
        let offset = builder.stream().count - 7
        try builder.withFile { path in
            let workbook = try XLSWorkbook(path: path)
            #expect(try workbook.cells(0) == ["A1": .number(0)], "the other sheet reads")
            let (rows, error) = try Self.rowsUntilError(workbook, sheet: 1)
            var expected = [
                Row(number: 1, cells: [Cell(column: 1, value: .number(1)), Cell(column: 2, value: .string("学校"))]),
                Row(number: 2, cells: [Cell(column: 1, value: .number(2)), Cell(column: 2, value: .number(3))]),
            ]
            if outOfOrder { expected.append(Row(number: 4, cells: [Cell(column: 3, value: .number(4))])) }
            #expect(rows == expected)
            #expect(error?.reason == .recordOverrun(type: RecordType.number, offset: offset, length: 200, remaining: 3))
            #expect(error?.description == "\(path) › 小学: the NUMBER record (a number cell) at byte \(offset) of the stream says it is 200 bytes "
                + "long but only 3 remain; the file is damaged or cut short.")
        }
    }

    @Test func aRecordRunningPastTheStreamInTheGlobals() throws {
        var builder = TestWorkbookBuilder.oneSheet([BIFF.number("A1", 1)])
        builder.moreGlobals = [BIFF.record(RecordType.format, BIFF.le16(164) + BIFF.unicodeString("0.0"), declaredLength: 0xFFFF)]
        let stream = builder.stream()
        let offset = try #require(recordOffset(RecordType.format, in: stream))
        let remaining = stream.count - offset - 4
        try builder.withFile { path in
            let error = expectXLSError(.recordOverrun(type: RecordType.format, offset: offset, length: 65535, remaining: remaining)) {
                _ = try XLSWorkbook(path: path)
            }
            #expect(error?.description == "\(path) › Workbook: the FORMAT record (a number format) at byte \(offset) of the stream says it is 65535 "
                + "bytes long but only \(remaining) remain; the file is damaged or cut short.")
        }
    }

    // MARK: records too short for their type

    static let cellRecordMinimums: [(UInt16, Int)] = [
        (RecordType.number, 14), (RecordType.rk, 10), (RecordType.mulrk, 12), (RecordType.labelSST, 10), (RecordType.label, 8),
        (RecordType.rstring, 8), (RecordType.boolerr, 8), (RecordType.formula, 14),
    ]

    /// How messages name the cell records, for a statistician reading them.
    static let recordNames: [UInt16: String] = [
        RecordType.number: "the NUMBER record (a number cell)", RecordType.rk: "the RK record (a number cell)",
        RecordType.mulrk: "the MULRK record (number cells)", RecordType.labelSST: "the LABELSST record (a text cell)",
        RecordType.label: "the LABEL record (a text cell)", RecordType.rstring: "the RSTRING record (a text cell)",
        RecordType.boolerr: "the BOOLERR record (a true/false or error cell)", RecordType.formula: "the FORMULA record (a formula cell)",
    ]

    @Test(arguments: cellRecordMinimums)
    func aCellRecordTooShortForItsType(type: UInt16, needed: Int) throws {
        let builder = TestWorkbookBuilder.oneSheet([BIFF.number("A1", 1), BIFF.record(type, BIFF.cellHeader("B2", xf: 0))])
        let offset = builder.layout().offsets[0] + 20 + 18
        try builder.withFile { path in
            let workbook = try XLSWorkbook(path: path)
            let error = expectXLSError(.recordTooShort(type: type, offset: offset, length: 6, needed: needed)) { _ = try workbook.table() }
            #expect(error?.location.cell == CellPosition(row: 2, column: 2))
            let name = try #require(Self.recordNames[type])
            #expect(error?.description == "\(path) › Sheet1!B2: \(name) at byte \(offset) of the stream "
                + "is 6 bytes long, \(needed) are needed; the file is damaged.")
        }
    }

    @Test func aCellRecordTooShortToSayWhichCell() throws {
        let builder = TestWorkbookBuilder.oneSheet([BIFF.record(RecordType.number, [1, 0, 2])])
        try builder.withFile { path in
            let error = expectXLSError({ if case .recordTooShort(RecordType.number, _, 3, 14) = $0 { true } else { false } }) {
                _ = try XLSWorkbook(path: path).table()
            }
            #expect(error?.location.cell == nil)
            #expect(error?.description.hasPrefix("\(path) › Sheet1: the NUMBER record (a number cell) at byte ") == true)
        }
    }

    @Test func aLabelWhoseTextRunsPastItsRecord() throws {
        let builder = TestWorkbookBuilder.oneSheet([BIFF.record(RecordType.label, BIFF.cellHeader("C7", xf: 0) + BIFF.le16(50) + [0x00] + Array("abc".utf8))])
        try builder.withFile { path in
            let error = expectXLSError({ if case .textPastEnd(RecordType.label, _) = $0 { true } else { false } }) {
                _ = try XLSWorkbook(path: path).table()
            }
            #expect(error?.description.hasPrefix("\(path) › Sheet1!C7: the text in the LABEL record (a text cell) at byte ") == true)
            #expect(error?.description.hasSuffix(" of the stream runs past the end of its records; the file is damaged.") == true)
        }
    }

    @Test func aBIFF5LabelWhoseCountRunsPastItsRecord() throws {
        var builder = TestWorkbookBuilder(.biff5, sheets: [.init("Sheet1", records: [
            BIFF.record(RecordType.label, BIFF.cellHeader("A1", xf: 0) + BIFF.le16(9) + [0xD1, 0xA7]),
        ])])
        builder.codePage = 936
        try builder.withFile { path in
            let error = expectXLSError({ if case .textPastEnd(RecordType.label, _) = $0 { true } else { false } }) {
                _ = try XLSWorkbook(path: path).table()
            }
            #expect(error?.description.hasPrefix("\(path) › Sheet1!A1: ") == true)
        }
    }

    @Test func aSheetRecordTooShortInTheGlobals() throws {
        var builder = TestWorkbookBuilder.oneSheet([])
        builder.moreGlobals = [BIFF.record(RecordType.boundsheet, [0, 0, 0, 0, 0])]
        let offset = try #require(recordOffset(RecordType.boundsheet, in: builder.stream()).map { $0 + 4 + 14 })
        try builder.withFile { path in
            let error = expectXLSError(.recordTooShort(type: RecordType.boundsheet, offset: offset, length: 5, needed: 7)) {
                _ = try XLSWorkbook(path: path)
            }
            #expect(error?.description == "\(path) › Workbook: the BOUNDSHEET record (a sheet's name and place) at byte \(offset) of the stream is 5 bytes long, "
                + "7 are needed; the file is damaged.")
        }
    }

    @Test func aMergedCellRecordTooShortForItsCount() throws {
        let builder = TestWorkbookBuilder.oneSheet([BIFF.number("A1", 1), BIFF.record(RecordType.mergedCells, [1])])
        try builder.withFile { path in
            let (rows, error) = try Self.rowsUntilError(XLSWorkbook(path: path))
            #expect(rows.count == 1)
            #expect(error.map { if case .recordTooShort(RecordType.mergedCells, _, 1, 2) = $0.reason { true } else { false } } == true)
            #expect(error?.description.hasPrefix("\(path) › Sheet1: ") == true)
        }
    }

    // MARK: sheets that are not where the workbook says, or do not end

    @Test func aSheetOffsetPointingNowhere() throws {
        let cases: [(String, UInt32?)] = [("past the stream", 999_999), ("inside a record", nil), ("at a record that is no BOF", 0)]
        for (label, offset) in cases {
            var builder = TestWorkbookBuilder(sheets: [.init("小学", records: [BIFF.number("A1", 1)]), .init("初中", records: [BIFF.number("A1", 2)])])
            let real = builder.layout().offsets[0]
            let pointed = offset.map { $0 == 0 ? UInt32(real + 20) : $0 } ?? UInt32(real + 2)
            builder.sheets[0].offset = pointed
            try builder.withFile { path in
                let workbook = try XLSWorkbook(path: path)
                let error = expectXLSError(.sheetNotFound(offset: Int(pointed))) { _ = try workbook.rows(of: workbook.sheets[0]) }
                #expect(error?.description == "\(path) › 小学: the workbook says the sheet starts at byte \(pointed) of the stream, "
                    + "but no sheet starts there; the file is damaged.", "\(label)")
                #expect(try workbook.cells(1) == ["A1": .number(2)], "the other sheet reads")
            }
        }
    }

    @Test func aSheetMissingItsEndOfFileBeforeTheNextSheet() throws {
        var first = TestWorkbookBuilder.Sheet("小学", records: [BIFF.number("A1", 1), BIFF.number("A2", 2)])
        first.endsWithEOF = false
        let builder = TestWorkbookBuilder(sheets: [first, .init("初中", records: [BIFF.number("A1", 3)])])
        try builder.withFile { path in
            let workbook = try XLSWorkbook(path: path)
            let (rows, error) = try Self.rowsUntilError(workbook)
            #expect(rows.map(\.number) == [1, 2], "the next sheet's cells are not this one's")
            #expect(error?.reason == .missingEndOfSheet)
            #expect(error?.description == "\(path) › 小学: the sheet's records end before its end-of-sheet record; the file is damaged or cut short.")
            #expect(try workbook.cells(1) == ["A1": .number(3)])
        }
    }

    @Test func theLastSheetMissingItsEndOfFile() throws {
        var sheet = TestWorkbookBuilder.Sheet("Sheet1", records: [BIFF.number("A1", 1), BIFF.nestedChart(.biff8, records: [BIFF.number("A1", 9)])])
        sheet.endsWithEOF = false
        try TestWorkbookBuilder(sheets: [sheet]).withFile { path in
            let (rows, error) = try Self.rowsUntilError(XLSWorkbook(path: path))
            #expect(rows == [Row(number: 1, cells: [Cell(column: 1, value: .number(1))])])
            #expect(error?.reason == .missingEndOfSheet)
            #expect(error?.description.hasPrefix("\(path) › Sheet1: ") == true)
        }
    }

    @Test func aSheetDescriptionFromAnotherWorkbook() throws {
        try TestWorkbookBuilder.oneSheet([]).withFile { path in
            let workbook = try XLSWorkbook(path: path)
            let error = expectXLSError(.noSuchSheet("其他")) { _ = try workbook.rows(of: SheetDescription(index: 3, name: "其他")) }
            #expect(error?.description == "\(path): there is no sheet named '其他'; `eduetl inspect` lists the sheets.")
        }
    }

    // MARK: workbooks eduetl does not read

    @Test func aPasswordProtectedWorkbook() throws {
        var builder = TestWorkbookBuilder.oneSheet([BIFF.number("A1", 1)])
        builder.passwordProtected = true
        try builder.withFile { path in
            let error = expectXLSError(.passwordProtected) { _ = try XLSWorkbook(path: path) }
            #expect(error?.description.contains("password-protected") == true)
            #expect(error?.description == "\(path) › Workbook: the workbook is password-protected; ask the school to remove the password "
                + "(File › Info › Protect Workbook) and send it again.")
        }
    }

    @Test func anEncryptedPackageIsPasswordProtected() throws {
        let bytes = TestCompoundFileBuilder(streams: [
            ("EncryptionInfo", [UInt8](repeating: 4, count: 200)), ("EncryptedPackage", [UInt8](repeating: 0xA5, count: 5000)),
        ]).build().bytes
        try TestFiles.with(bytes, named: "加密.xls") { path in
            let error = expectXLSError(.passwordProtected) { _ = try XLSWorkbook(path: path) }
            #expect(error?.description.hasPrefix("\(path): the workbook is password-protected; ") == true)
        }
    }

    @Test(arguments: [UInt16(0x0009), 0x0209, 0x0409])
    func excel2To4WorkbooksAreRefused(bof: UInt16) throws {
        let stream = BIFF.record(bof, BIFF.le16(0) + BIFF.le16(0x0010)) + BIFF.number("A1", 1) + BIFF.eof
        let bytes = TestCompoundFileBuilder(streams: [("Book", stream)]).build().bytes
        try TestFiles.with(bytes) { path in
            let error = expectXLSError(.unsupportedVersion("the workbook is in the format of Excel 2.x-4.x (BIFF2-4)")) {
                _ = try XLSWorkbook(path: path)
            }
            #expect(error?.description == "\(path) › Book: the workbook is in the format of Excel 2.x-4.x (BIFF2-4); \(Self.advice)")
        }
    }

    @Test func aWorkbookStreamThatIsEmptyOrDoesNotStartWithABOF() throws {
        let cases: [([UInt8], String)] = [
            ([], "the workbook stream is empty"),
            (BIFF.number("A1", 1) + BIFF.eof, "the workbook stream does not start with a beginning-of-file record"),
            (BIFF.record(RecordType.beginningOfFile, [0x00, 0x06]), "the workbook stream does not start with a beginning-of-file record"),
        ]
        for (stream, what) in cases {
            let bytes = TestCompoundFileBuilder(streams: [("Workbook", stream)]).build().bytes
            try TestFiles.with(bytes) { path in
                let error = expectXLSError(.unsupportedVersion(what)) { _ = try XLSWorkbook(path: path) }
                #expect(error?.description == "\(path) › Workbook: \(what); \(Self.advice)")
            }
        }
    }

    @Test func aCompoundFileWithoutAWorkbookStream() throws {
        let bytes = TestCompoundFileBuilder(streams: [
            ("WordDocument", [UInt8](repeating: 1, count: 100)), ("\u{5}SummaryInformation", [UInt8](repeating: 2, count: 100)),
            ("1Table", [UInt8](repeating: 3, count: 100)),
        ]).build().bytes
        try TestFiles.with(bytes, named: "报表.xls") { path in
            let error = expectXLSError(.noWorkbookStream(available: ["WordDocument", "\u{5}SummaryInformation", "1Table"])) {
                _ = try XLSWorkbook(path: path)
            }
            #expect(error?.description == "\(path): the compound file holds no Workbook or Book stream (it has only WordDocument, "
                + "\\u{5}SummaryInformation, 1Table), so it is not an Excel workbook; open it in Excel or WPS and save it as .xlsx.")
        }
        let empty = TestCompoundFileBuilder(streams: []).build().bytes
        try TestFiles.with(empty) { path in
            let error = expectXLSError(.noWorkbookStream(available: [])) { _ = try XLSWorkbook(path: path) }
            #expect(error?.description.contains("(it has no streams)") == true)
        }
    }

    @Test func aStreamNameWithALineBreakKeepsTheMessageOnOneLine() throws {
        let bytes = TestCompoundFileBuilder(streams: [("Work\nbook", [UInt8](repeating: 1, count: 100))]).build().bytes
        try TestFiles.with(bytes) { path in
            let error = expectXLSError(.noWorkbookStream(available: ["Work\nbook"])) { _ = try XLSWorkbook(path: path) }
            #expect(error?.description.contains("only Work\\u{A}book") == true)
        }
    }

    static let notCompoundFiles: [(String, [UInt8], String)] = [
        ("an HTML table", Array("<html><body><table><tr><td>学校</td></tr></table></body></html>".utf8),
         "it is an HTML page, as web systems export tables"),
        ("an XML spreadsheet", Array("<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">".utf8),
         "it is an Excel 2003 XML spreadsheet"),
        ("an .xlsx", [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 100), "it is a ZIP archive, perhaps an .xlsx named .xls"),
        ("a CSV file", [0xEF, 0xBB, 0xBF] + Array("学校名称,学生数\n第一小学,300\n".utf8), "it is text, perhaps a CSV file named .xls"),
        ("an empty file", [], "it is empty"),
        ("binary data", [0x00, 0x01, 0x02, 0x03, 0xFF], "it holds data of an unknown kind"),
    ]

    @Test(arguments: notCompoundFiles)
    func aFileThatIsNoCompoundFile(kind: String, bytes: [UInt8], looksLike: String) throws {
        try TestFiles.with(bytes) { path in
            let error = expectXLSError(.notAWorkbook(looksLike: looksLike)) { _ = try XLSWorkbook(path: path) }
            #expect(error?.description == "\(path): the file is not an Excel 97-2003 (.xls) workbook: it does not start with the "
                + "compound file signature (\(looksLike)); open it in Excel or WPS and save it as .xlsx.", "\(kind)")
        }
    }

    @Test func aDamagedContainerAndAMissingFile() throws {
        var (bytes, layout) = TestCompoundFileBuilder(streams: [("Workbook", TestWorkbookBuilder.oneSheet([]).stream())]).build()
        bytes.patch32(layout.directoryEntryOffset(0) + 120, 1_000_000)
        try TestFiles.with(bytes) { path in
            let error = expectXLSError({ if case .container = $0 { true } else { false } }) { _ = try XLSWorkbook(path: path) }
            #expect(error?.description.hasPrefix("\(path): ") == true)
        }
        let missing = "/nonexistent/县B_2023.xls"
        let error = expectXLSError({ if case .container(.cannotOpen) = $0 { true } else { false } }) { _ = try XLSWorkbook(path: missing) }
        #expect(error?.description.hasPrefix("\(missing): cannot open the file") == true)
    }

    @Test func aFileOverTheSizeLimit() throws {
        try TestWorkbookBuilder.oneSheet([BIFF.number("A1", 1)]).withFile { path in
            let error = expectXLSError({ if case .container(.fileTooLarge) = $0 { true } else { false } }) {
                _ = try XLSWorkbook(path: path, maxFileSize: 1000)
            }
            #expect(error?.description.hasPrefix("\(path): the file is ") == true)
        }
    }
}
