import EduCore
import EduZip

/// Why a workbook could not be written, naming the file and, where it applies, the sheet and
/// the cell: `青石县_2024.xlsx › 小学!F7: the number is NaN …`. Sheets are checked before the
/// file is created, so a refused workbook leaves nothing behind, and an existing file with the
/// same name is never half-replaced.
public enum XLSXWriteError: Error, CustomStringConvertible, Sendable {
    /// The ZIP layer failed: the folder, the disk, the 4 GiB limit.
    case archive(ZipWriteError)
    /// A workbook needs at least one sheet.
    case noSheets(SourceLocation)
    case invalidCell(SourceLocation, CellProblem)
    case invalidSheet(SourceLocation, SheetProblem)

    public enum CellProblem: Hashable, Sendable {
        /// NaN or an infinity: XLSX numbers are finite.
        case notFinite(Double)
        /// More than the 32 767 characters (UTF-16 code units) a cell holds.
        case textTooLong(length: Int)
        /// Before 1900-01-01 or after 9999-12-31, which Excel cannot show.
        case dateOutOfRange(SpreadsheetDate)
    }

    public enum SheetProblem: Hashable, Sendable {
        case tooManyRows(Int)
        case tooManyColumns(row: Int, count: Int)
        case mergedRangesOverlap(CellRange, CellRange)
        case mergedRangeTooSmall(CellRange)
        case outsideSheet(String)
        case columnWidth(column: Int, width: Double)
        case rowHeight(row: Int, height: Double)
        case frozenPane(rows: Int, columns: Int)
        /// Counts of pages to fit the sheet to below 0, above 32 767, or both 0.
        case pageFit(pagesWide: Int, pagesTall: Int)
        /// A negative or non-finite page margin (inches).
        case pageMargin(Double)
        /// A footer longer than the 255 characters Excel keeps.
        case footerTooLong(length: Int)
    }

    public var location: SourceLocation {
        switch self {
        case .archive(let error): return error.location
        case .noSheets(let location), .invalidCell(let location, _), .invalidSheet(let location, _): return location
        }
    }

    public var description: String {
        switch self {
        case .archive(let error):
            return error.description
        case .noSheets(let location):
            return "\(location): a workbook needs at least one sheet; nothing was written."
        case .invalidCell(let location, let problem):
            return "\(location): \(Self.message(for: problem)); nothing was written."
        case .invalidSheet(let location, let problem):
            return "\(location): \(Self.message(for: problem)); nothing was written."
        }
    }

    private static func message(for problem: CellProblem) -> String {
        switch problem {
        case .notFinite(let number):
            return "the number is \(number), which a workbook cannot hold; write an empty cell or a text such as "
                + "'—' instead"
        case .textTooLong(let length):
            return "the text is \(length) characters long, more than the 32767 a cell holds"
        case .dateOutOfRange(let date):
            return "the date \(date) is outside 1900-01-01…9999-12-31, which Excel cannot show"
        }
    }

    private static func message(for problem: SheetProblem) -> String {
        switch problem {
        case .tooManyRows(let count):
            return "the sheet has \(count) rows, more than the \(SheetLimits.maxRows) a sheet holds; split it"
        case .tooManyColumns(let row, let count):
            return "row \(row) has \(count) cells, more than the \(SheetLimits.maxColumns) columns a sheet holds"
        case .mergedRangesOverlap(let first, let second):
            return "the merged ranges \(first) and \(second) overlap, which Excel repairs by dropping one"
        case .mergedRangeTooSmall(let range):
            return "the merged range \(range) covers a single cell"
        case .outsideSheet(let what):
            return "\(what) lies outside the sheet's \(SheetLimits.maxRows) rows and \(SheetLimits.maxColumns) columns"
        case .columnWidth(let column, let width):
            return "column \(CellPosition.columnName(column)) has width \(width); widths run from 0 to 255"
        case .rowHeight(let row, let height):
            return "row \(row) has height \(height); heights run from 0 to 409 points"
        case .frozenPane(let rows, let columns):
            return "cannot freeze \(rows) rows and \(columns) columns"
        case .pageFit(let wide, let tall):
            return "cannot fit the sheet to \(wide) pages wide and \(tall) tall; each runs from 0 (as many as it takes) to "
                + "\(XLSXPageSetup.maxFitPages), and one must be 1 or more"
        case .pageMargin(let inches):
            return "a page margin of \(inches) inches; margins are 0 or more"
        case .footerTooLong(let length):
            return "the footer is \(length) characters long, more than the \(XLSXPageSetup.maxFooterLength) Excel keeps"
        }
    }
}
