import EduCore

/// Receives a worksheet's SAX events for the parser. The state lives in one struct so each event
/// is one access to the class (Swift checks exclusive access per class property access; doing
/// it per field cost more than libxml2's own parsing).
final class SheetContentHandler: XMLContentHandler {
    /// Owned storage: reaching the state through a pointer skips the per-access exclusivity
    /// check a stored class property would cost on every SAX event.
    private let storage: UnsafeMutablePointer<SheetParseState>

    init(sharedStrings: [String], styles: Styles, uses1904DateSystem: Bool) {
        storage = .allocate(capacity: 1)
        storage.initialize(to: SheetParseState(sharedStrings: sharedStrings, styles: styles,
                                               uses1904DateSystem: uses1904DateSystem))
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    var failure: XLSXError.Reason? { storage.pointee.failure }
    var failureCell: CellPosition? { storage.pointee.failureCell }
    var mergedRanges: [CellRange] { storage.pointee.mergedRanges }
    var declaredDimension: CellRange? { storage.pointee.declaredDimension }
    var completedRows: [Row] { storage.pointee.completedRows }

    /// The completed rows so far, handed over and forgotten.
    func takeCompletedRows() -> [Row] {
        let rows = storage.pointee.completedRows
        storage.pointee.completedRows = []
        return rows
    }

    func startElement(_ name: XMLName, attributes: XMLAttributes) -> Bool {
        storage.pointee.startElement(name, attributes: attributes)
        return storage.pointee.failure == nil
    }

    func endElement(_ name: XMLName) -> Bool {
        storage.pointee.endElement(name)
        return storage.pointee.failure == nil
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        storage.pointee.characters(text)
    }
}

/// The worksheet part's SAX events turned into rows of typed cells (ECMA-376 Part 1, §18.3.1).
/// This is the hot path: names are compared as bytes, values parsed from bytes, nothing is
/// allocated per element beyond the cell itself.
struct SheetParseState {
    private let sharedStrings: [String]
    private let styles: Styles
    private let uses1904DateSystem: Bool

    var completedRows: [Row] = []
    private(set) var mergedRanges: [CellRange] = []
    private(set) var declaredDimension: CellRange?
    private(set) var failure: XLSXError.Reason?
    private(set) var failureCell: CellPosition?

    private var namespaces = SpreadsheetNamespaceCache()
    private var inSheetData = false
    private var rowNumber = 0
    private var rowHasNumber = false
    private var cells: [Cell] = []
    private var cellsOutOfOrder = false
    private var lastColumn = 0
    private var expectedCellsPerRow = 8

    private var inCell = false
    private var cell = CellState()
    private var capture = Capture.none
    private var valueBytes: [UInt8] = []
    private var inlineText = TextRuns()
    private var inInlineString = false
    private var phoneticDepth = 0

    private enum Capture { case none, value, inline }

    init(sharedStrings: [String], styles: Styles, uses1904DateSystem: Bool) {
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.uses1904DateSystem = uses1904DateSystem
        valueBytes.reserveCapacity(64)
    }

    mutating func startElement(_ name: XMLName, attributes: XMLAttributes) {
        guard failure == nil, namespaces.isSpreadsheet(name.uri) else { return }
        let first = name.localName[0]
        if first == UInt8(ascii: "c"), name.is("c") {
            guard inSheetData else { return }
            startCell(attributes)
        } else if first == UInt8(ascii: "v"), name.is("v") {
            guard inCell else { return }
            capture = .value
            cell.hasValue = true
            valueBytes.removeAll(keepingCapacity: true)
        } else if first == UInt8(ascii: "r") {
            if name.is("row") {
                startRow(attributes)
            } else if name.is("rPh") {
                phoneticDepth += 1
            }
        } else if first == UInt8(ascii: "i"), name.is("is") {
            guard inCell else { return }
            inInlineString = true
            cell.hasInlineString = true
            inlineText.reset()
        } else if first == UInt8(ascii: "t"), name.is("t") {
            if inInlineString && phoneticDepth == 0 {
                capture = .inline
                inlineText.beginRun(attributes)
            }
        } else if first == UInt8(ascii: "s"), name.is("sheetData") {
            inSheetData = true
        } else if first == UInt8(ascii: "m"), name.is("mergeCell") {
            if let text = attributes.string("ref"), let range = CellRange(reference: text) {
                mergedRanges.append(range)
            }
        } else if first == UInt8(ascii: "d"), name.is("dimension") {
            declaredDimension = attributes.string("ref").flatMap { CellRange(reference: $0) }
        }
    }

    mutating func endElement(_ name: XMLName) {
        guard failure == nil, namespaces.isSpreadsheet(name.uri) else { return }
        let first = name.localName[0]
        if first == UInt8(ascii: "c"), name.is("c") {
            if inCell { finishCell() }
        } else if first == UInt8(ascii: "v"), name.is("v") {
            capture = .none
        } else if first == UInt8(ascii: "t"), name.is("t") {
            if capture == .inline {
                inlineText.endRun()
                capture = .none
            }
        } else if first == UInt8(ascii: "r") {
            if name.is("row") {
                finishRow()
            } else if name.is("rPh") {
                phoneticDepth -= 1
            }
        } else if first == UInt8(ascii: "i"), name.is("is") {
            inInlineString = false
        } else if first == UInt8(ascii: "s"), name.is("sheetData") {
            inSheetData = false
        }
    }

    @inline(__always)
    mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
        switch capture {
        case .none: return
        case .value: valueBytes.append(contentsOf: text)
        case .inline: inlineText.append(text)
        }
    }

    // MARK: rows

    private mutating func startRow(_ attributes: XMLAttributes) {
        if !cells.isEmpty { finishRow() }
        if let number = attributes.value("r").flatMap(Self.parseInteger), number >= 1 {
            rowNumber = number
            rowHasNumber = true
        } else {
            rowNumber += 1
            rowHasNumber = false
        }
        // Later stages walk row numbers; one past the sheet's last row is damage, not data.
        guard rowNumber <= SheetLimits.maxRows else {
            fail(.badCellReference("row \(rowNumber)"), at: CellPosition(row: SheetLimits.maxRows, column: 1))
            return
        }
        lastColumn = 0
        cells.reserveCapacity(expectedCellsPerRow)
    }

    private mutating func finishRow() {
        guard !cells.isEmpty else { return }
        if cellsOutOfOrder {
            cells.sort { $0.column < $1.column }
            cellsOutOfOrder = false
        }
        expectedCellsPerRow = max(expectedCellsPerRow, cells.count)
        completedRows.append(Row(number: rowNumber, cells: cells))
        cells = []
    }

    // MARK: cells

    private mutating func startCell(_ attributes: XMLAttributes) {
        inCell = true
        cell = CellState()
        if let reference = attributes.value("r") {
            guard let position = CellReferenceParser.parse(reference) else {
                fail(.badCellReference(String(decoding: reference, as: UTF8.self)),
                     at: CellPosition(row: max(rowNumber, 1), column: lastColumn + 1))
                return
            }
            if !rowHasNumber && position.row != rowNumber {
                if !cells.isEmpty { finishRow() }
                rowNumber = position.row
            }
            cell.column = position.column
        } else {
            cell.column = lastColumn + 1
        }
        if cell.column <= lastColumn { cellsOutOfOrder = true }
        lastColumn = cell.column
        if let type = attributes.value("t") { cell.type = CellKind(type) }
        if let style = attributes.value("s") { cell.style = Self.parseInteger(style) ?? 0 }
        cell.hasValueMetadata = attributes.value("vm") != nil
    }

    private mutating func finishCell() {
        inCell = false
        capture = .none
        let value: CellValue?
        switch cell.type {
        case .number: value = numberValue()
        case .sharedString: value = sharedStringValue()
        case .inlineString:
            if cell.hasInlineString {
                value = .string(inlineText.text)
            } else {
                value = cell.hasValue ? .string(valueBytes.withUnsafeBufferPointer(EscapedText.decode)) : nil
            }
        case .formulaString:
            value = cell.hasValue ? .string(valueBytes.withUnsafeBufferPointer(EscapedText.decode)) : nil
        case .bool:
            value = cell.hasValue ? .bool(Self.parseBool(valueBytes)) : nil
        case .error:
            // A picture placed in a cell (rich value metadata, vm) keeps #VALUE! only as a fallback
            // for old readers; the cell holds no data.
            value = cell.hasValue && !cell.hasValueMetadata ? .error(String(decoding: valueBytes, as: UTF8.self)) : nil
        case .isoDate:
            value = cell.hasValue ? ISODateParser.value(valueBytes) : nil
        }
        guard let value, !value.isEmpty else { return }
        cells.append(Cell(column: cell.column, value: value))
    }

    private mutating func numberValue() -> CellValue? {
        guard cell.hasValue, !valueBytes.isEmpty else { return nil }
        guard let number = NumberParser.parse(valueBytes) else {
            fail(.badNumber(String(decoding: valueBytes, as: UTF8.self)), at: currentPosition)
            return nil
        }
        switch styles.kind(ofStyle: cell.style) {
        case .number: return .number(number)
        case .date:
            // A number Excel cannot show as a date (before 1900, after 9999, shown as ####) stays
            // the number the file holds: nothing is lost, and the normaliser reads it as one.
            guard let date = SpreadsheetDate(excelSerial: number, uses1904System: uses1904DateSystem) else { return .number(number) }
            return .date(date)
        case .duration: return .duration(number)
        }
    }

    private mutating func sharedStringValue() -> CellValue? {
        guard cell.hasValue, let index = Self.parseInteger(valueBytes[...]) else { return nil }
        guard index >= 0, index < sharedStrings.count else {
            fail(.sharedStringOutOfRange(index: index, count: sharedStrings.count), at: currentPosition)
            return nil
        }
        return .string(sharedStrings[index])
    }

    private var currentPosition: CellPosition { CellPosition(row: max(rowNumber, 1), column: cell.column) }

    private mutating func fail(_ reason: XLSXError.Reason, at position: CellPosition) {
        guard failure == nil else { return }
        failure = reason
        failureCell = position
    }

    // MARK: byte parsing

    @inline(__always)
    static func parseInteger<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        var value = 0
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: " ") && digits == 0 { continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    private static func parseBool(_ bytes: [UInt8]) -> Bool {
        bytes.first == UInt8(ascii: "1") || bytes.first == UInt8(ascii: "t") || bytes.first == UInt8(ascii: "T")
    }
}

/// The t attribute of a cell (ST_CellType).
enum CellKind {
    case number, sharedString, inlineString, formulaString, bool, error, isoDate

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch bytes.count {
        case 1:
            switch bytes[0] {
            case UInt8(ascii: "s"): self = .sharedString
            case UInt8(ascii: "b"): self = .bool
            case UInt8(ascii: "e"): self = .error
            case UInt8(ascii: "d"): self = .isoDate
            default: self = .number
            }
        case 3 where bytes[0] == UInt8(ascii: "s"): self = .formulaString        // "str"
        case 9 where bytes[0] == UInt8(ascii: "i"): self = .inlineString         // "inlineStr"
        default: self = .number
        }
    }
}

private struct CellState {
    var column = 0
    var type = CellKind.number
    var style = 0
    var hasValue = false
    var hasInlineString = false
    var hasValueMetadata = false
}

/// Remembers whether the last namespace URI seen was SpreadsheetML; libxml2 interns URIs, so a
/// pointer comparison answers almost every call.
struct SpreadsheetNamespaceCache {
    private var lastURI: UnsafePointer<UInt8>?
    private var lastAnswer = false

    @inline(__always)
    mutating func isSpreadsheet(_ uri: UnsafePointer<UInt8>?) -> Bool {
        guard let uri else { return true }
        if uri == lastURI { return lastAnswer }
        lastURI = uri
        lastAnswer = OOXMLNamespace(uri: uri).isSpreadsheet
        return lastAnswer
    }
}
