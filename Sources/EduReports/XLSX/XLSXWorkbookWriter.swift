#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import EduCore
import EduZip

/// Builds an .xlsx workbook (ECMA-376, transitional SpreadsheetML) and writes it through
/// EduZip's `ZipWriter`: [Content_Types].xml, _rels/.rels, docProps/core.xml and app.xml,
/// xl/workbook.xml and its relationships, one xl/worksheets/sheetN.xml per sheet (streamed in
/// 64 KiB chunks), xl/styles.xml and xl/sharedStrings.xml.
///
/// ```swift
/// var sheet = XLSXSheet(name: "小学")
/// sheet.appendHeader(["学校", "在校生数", "生均校舍面积（㎡）", "达标"])
/// sheet.appendRow(["城关一小", .number(1_234, format: .thousands),
///                  .number(6.5, format: .decimals(2), style: .highlight), false])
/// sheet.fitColumnWidths()
/// var workbook = XLSXWorkbookWriter(title: "青石县 2024 年义务教育均衡发展")
/// workbook.addSheet(sheet)
/// try workbook.write(to: "青石县_2024_均衡.xlsx")
/// ```
///
/// The sheets are checked first (numbers finite, text within 32 767 characters, merged ranges
/// apart, …), so a workbook that would need repair is refused before any file is created; the
/// file is written beside the destination and renamed over it, so an existing report is
/// replaced whole or not at all.
public struct XLSXWorkbookWriter: Sendable {
    /// Where cell text goes: the shared string table (each distinct text once, as Excel
    /// writes) or inline in each cell.
    public enum StringStorage: Hashable, Sendable {
        case shared, inline
    }

    /// The sheets in order, with their names as written (made valid and unique by `addSheet`).
    public private(set) var sheets: [XLSXSheet] = []
    public var title: String?
    public var creator: String
    /// The documents' creation time (docProps) and the ZIP entries' time.
    public var created: Date
    /// The default font of every cell.
    public var font: XLSXFont = .dengXian
    public var stringStorage: StringStorage = .shared
    /// zlib's deflate level for every part (0 to 9).
    public var compressionLevel = 6

    public init(title: String? = nil, creator: String = "eduetl", created: Date = Date()) {
        self.title = title
        self.creator = creator
        self.created = created
    }

    /// Adds a sheet after the others and returns the name it will have: `XLSXSheetName`'s
    /// rules applied, and " (2)" … added when another sheet has it already (ignoring case).
    @discardableResult
    public mutating func addSheet(_ sheet: XLSXSheet) -> String {
        var sheet = sheet
        sheet.name = XLSXSheetName.unique(sheet.name, among: sheets.map(\.name), fallback: "Sheet\(sheets.count + 1)")
        sheets.append(sheet)
        return sheet.name
    }

    /// Writes the workbook to `path`, replacing any file there once the new one is complete.
    public func write(to path: String) throws(XLSXWriteError) {
        guard !sheets.isEmpty else { throw .noSheets(SourceLocation(file: path)) }
        for sheet in sheets { try sheet.validate(file: path) }
        do throws(ZipWriteError) {
            try writeParts(to: path)
        } catch {
            throw .archive(error)
        }
    }

    private func writeParts(to path: String) throws(ZipWriteError) {
        let seconds = Int64(created.timeIntervalSince1970.rounded(.down))
        let zip = try ZipWriter(path: path, modified: .local(secondsSince1970: seconds),
                                compressionLevel: compressionLevel)
        // No shared strings part without a string: some Excel versions repair an empty <sst>.
        let shared = stringStorage == .shared && sheets.contains { $0.hasText }
        try zip.add(name: "[Content_Types].xml",
                    data: PackageParts.contentTypes(sheetCount: sheets.count, sharedStrings: shared))
        try zip.add(name: "_rels/.rels", data: PackageParts.packageRelationships())
        try zip.add(name: "docProps/core.xml",
                    data: PackageParts.coreProperties(title: title, creator: creator,
                                                      created: Self.w3cdtf(secondsSince1970: seconds)))
        try zip.add(name: "docProps/app.xml", data: PackageParts.appProperties(sheetNames: sheets.map(\.name)))
        try zip.add(name: "xl/workbook.xml", data: PackageParts.workbook(sheets))
        try zip.add(name: "xl/_rels/workbook.xml.rels",
                    data: PackageParts.workbookRelationships(sheetCount: sheets.count, sharedStrings: shared))
        var styles = StyleTable(font: font)
        var strings: SharedStringTable? = shared ? SharedStringTable() : nil
        for (index, sheet) in sheets.enumerated() {
            try zip.beginEntry(name: PackageParts.sheetPart(index + 1))
            try SheetPart(sheet: sheet, isSelected: index == 0).write(to: zip, styles: &styles, strings: &strings)
            try zip.endEntry()
        }
        try zip.add(name: "xl/styles.xml", data: styles.part())
        if let strings {
            try zip.beginEntry(name: "xl/sharedStrings.xml")
            try strings.write(to: zip)
            try zip.endEntry()
        }
        try zip.finish()
    }

    /// "2024-09-01T08:30:00Z".
    static func w3cdtf(secondsSince1970 seconds: Int64) -> String {
        let time = ZipTimestamp(secondsSince1970: seconds)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(time.year, 4))-\(pad(time.month, 2))-\(pad(time.day, 2))T"
            + "\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))Z"
    }
}

extension XLSXSheet {
    /// Whether any cell holds non-empty text.
    var hasText: Bool {
        rows.contains { row in
            row.contains { cell in
                if case .text(let text) = cell.value { return !text.isEmpty }
                return false
            }
        }
    }
}
