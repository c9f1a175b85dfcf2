import EduCore
import EduZip

/// An XLSX (or XLSM) workbook opened for reading.
///
/// Opening reads the package in a fixed order: package relationships → workbook relationships →
/// shared strings → styles → workbook. Sheets are read lazily, one streamed row at a time, so
/// memory does not grow with a sheet's rows.
public final class Workbook: @unchecked Sendable {
    public let path: String
    public let sheets: [SheetDescription]
    public let uses1904DateSystem: Bool

    let archive: ZipArchive
    let sheetParts: [String]
    let sharedStrings: [String]
    let styles: Styles

    /// Largest non-sheet part read whole (shared strings included); sheets are streamed.
    static let maxPartBytes = 512 << 20

    /// Opens the workbook; errors are `XLSXError`s naming the file and the part.
    public init(path: String, limits: ZipLimits = .default) throws {
        self.path = path
        let archive = try Self.openArchive(path: path, limits: limits)
        self.archive = archive
        let packageRelationships = try Self.relationships(of: "", in: archive, path: path)
        let workbookPart = packageRelationships.first(kind: "officeDocument")?.target ?? "xl/workbook.xml"
        let workbookRelationships = try Self.relationships(of: workbookPart, in: archive, path: path)

        var strings: [String] = []
        if let part = workbookRelationships.first(kind: "sharedStrings")?.target ?? archive.entry(named: "xl/sharedStrings.xml")?.name,
           let bytes = try Self.optionalPart(part, in: archive, path: path) {
            strings = try Self.parsing(bytes, part: part, path: path, SharedStrings.parse).strings
        }
        sharedStrings = strings
        var styles = Styles()
        if let part = workbookRelationships.first(kind: "styles")?.target ?? archive.entry(named: "xl/styles.xml")?.name,
           let bytes = try Self.optionalPart(part, in: archive, path: path) {
            styles = try Self.parsing(bytes, part: part, path: path, Styles.parse)
        }
        self.styles = styles

        guard let workbookBytes = try Self.optionalPart(workbookPart, in: archive, path: path) else {
            throw XLSXError(.missingPart("workbook part (\(workbookPart))"), at: SourceLocation(file: path))
        }
        let workbook = try Self.parsing(workbookBytes, part: workbookPart, path: path, WorkbookPart.parse)
        uses1904DateSystem = workbook.uses1904DateSystem
        var sheets: [SheetDescription] = []
        var parts: [String] = []
        for (index, entry) in workbook.sheets.enumerated() {
            sheets.append(SheetDescription(index: index, name: entry.name, visibility: entry.visibility))
            let target = entry.relationshipID.flatMap { workbookRelationships.withID($0)?.target }
            parts.append(target ?? "xl/worksheets/sheet\(entry.sheetID ?? index + 1).xml")
        }
        self.sheets = sheets
        sheetParts = parts
    }

    public func sheet(named name: String) -> SheetDescription? {
        sheets.first { $0.name == name }
    }

    /// A streaming reader over one sheet's rows.
    public func rows(of sheet: SheetDescription) throws -> SheetReader {
        try SheetReader(workbook: self, sheet: sheet, part: sheetParts[sheet.index])
    }

    /// A whole sheet in memory, for small sheets.
    public func readSheet(_ sheet: SheetDescription) throws -> SheetTable {
        var reader = try rows(of: sheet)
        return try SheetTable(reading: &reader)
    }

    private static func openArchive(path: String, limits: ZipLimits) throws -> ZipArchive {
        do {
            return try ZipArchive(path: path, limits: limits)
        } catch {
            throw XLSXError(.archive(error.description), at: SourceLocation(file: path))
        }
    }

    private static func relationships(of part: String, in archive: ZipArchive, path: String) throws -> Relationships {
        let relsPart = part.isEmpty ? "_rels/.rels" : Relationships.partName(for: part)
        guard let bytes = try optionalPart(relsPart, in: archive, path: path) else { return Relationships() }
        return try parsing(bytes, part: relsPart, path: path) { bytes throws(XLSXError.Reason) in
            try Relationships.parse(bytes, sourcePart: part)
        }
    }

    static func optionalPart(_ part: String, in archive: ZipArchive, path: String) throws -> [UInt8]? {
        guard let entry = archive.entry(named: part) else { return nil }
        do {
            return try archive.contents(of: entry, limit: maxPartBytes)
        } catch {
            throw XLSXError(.archive(error.description), at: SourceLocation(file: path, entry: part))
        }
    }

    private static func parsing<T>(_ bytes: [UInt8], part: String, path: String,
                                   _ parse: ([UInt8]) throws(XLSXError.Reason) -> T) throws -> T {
        do {
            return try parse(bytes)
        } catch {
            throw XLSXError(error, at: SourceLocation(file: path, entry: part))
        }
    }
}
