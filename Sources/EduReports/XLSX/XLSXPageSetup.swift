/// How a sheet prints: paper and orientation, shrinking to a number of pages, the rows repeated
/// at the top of each page, centring, margins and a footer (ECMA-376 Part 1, §18.3.1: sheetPr's
/// pageSetUpPr, printOptions, pageMargins, pageSetup, headerFooter; the print titles are the
/// workbook's defined name _xlnm.Print_Titles, §18.2.6).
///
/// ```swift
/// var sheet = XLSXSheet(name: "小学差异系数")
/// sheet.pageSetup = .report  // landscape A4, one page wide, header rows on every page
/// ```
public struct XLSXPageSetup: Hashable, Sendable {
    public enum Orientation: String, Hashable, Sendable {
        case portrait, landscape
    }

    /// Paper by its pageSetup paperSize code.
    public enum Paper: Int, Hashable, Sendable {
        case letter = 1
        case a3 = 8
        /// What Chinese offices print on.
        case a4 = 9
    }

    /// Shrinking the sheet to a number of pages across and down (pageSetUpPr fitToPage with
    /// pageSetup fitToWidth and fitToHeight); 0 pages in one direction: as many as it takes.
    public struct Fit: Hashable, Sendable {
        public var pagesWide: Int
        public var pagesTall: Int

        public init(pagesWide: Int, pagesTall: Int) {
            self.pagesWide = pagesWide
            self.pagesTall = pagesTall
        }

        /// Every column on one page's width, the rows over as many pages as they need.
        public static let oneWide = Fit(pagesWide: 1, pagesTall: 0)
    }

    /// The rows printed at the top of every page.
    public enum TitleRows: Hashable, Sendable {
        case none
        /// The sheet's frozen rows, when it has any.
        case frozen
        /// These rows (1-based).
        case rows(ClosedRange<Int>)
    }

    /// Margins in inches, as pageMargins holds them; `header` and `footer` are the distances
    /// of the header and footer from the page's edge.
    public struct Margins: Hashable, Sendable {
        public var left, right, top, bottom, header, footer: Double

        public init(left: Double, right: Double, top: Double, bottom: Double, header: Double, footer: Double) {
            self.left = left
            self.right = right
            self.top = top
            self.bottom = bottom
            self.header = header
            self.footer = footer
        }

        /// Excel's "Normal" margins.
        public static let normal = Margins(left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3)
        /// Excel's "Narrow" margins: more of a wide table on the page.
        public static let narrow = Margins(left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3)

        var all: [Double] { [left, right, top, bottom, header, footer] }
    }

    public var orientation: Orientation
    public var paper: Paper
    /// nil: printed at 100 %, the columns split over as many pages as they take.
    public var fit: Fit?
    public var titleRows: TitleRows
    /// The printed table centred between the left and right margins.
    public var centeredHorizontally: Bool
    public var margins: Margins
    /// The footer of every page in headerFooter's codes (&L, &C and &R start
    /// the left, centre and right parts; &P is the page, &N the page count, && an ampersand);
    /// 255 characters at most. nil: none.
    public var footer: String?

    public init(orientation: Orientation = .portrait, paper: Paper = .a4, fit: Fit? = nil, titleRows: TitleRows = .frozen,
                centeredHorizontally: Bool = false, margins: Margins = .normal, footer: String? = nil) {
        self.orientation = orientation
        self.paper = paper
        self.fit = fit
        self.titleRows = titleRows
        self.centeredHorizontally = centeredHorizontally
        self.margins = margins
        self.footer = footer
    }

    /// Excel's default for a new sheet on A4: portrait, 100 %, normal margins; the frozen
    /// rows repeat on every page.
    public static let standard = XLSXPageSetup()

    /// A report table for printing: landscape A4, every column on one page's width and the rows
    /// on as many pages as they need, the frozen (title and header) rows on every page, centred
    /// between narrow margins, "第 1 页，共 3 页" in the footer.
    public static let report = XLSXPageSetup(orientation: .landscape, fit: .oneWide, centeredHorizontally: true,
                                             margins: .narrow, footer: pageNumberFooter)

    /// "第 &P 页，共 &N 页" centred: page 1 of 3 as Chinese documents write it.
    public static let pageNumberFooter = "&C第 &P 页，共 &N 页"

    /// Excel's limit on a header or footer (characters).
    public static let maxFooterLength = 255
    /// The most pages Excel fits a sheet to in either direction.
    public static let maxFitPages = 32_767

    /// The rows repeated on every page of a sheet with `frozenRows` frozen rows, if any.
    func printTitleRows(frozenRows: Int) -> ClosedRange<Int>? {
        switch titleRows {
        case .none: return nil
        case .frozen: return frozenRows > 0 ? 1...frozenRows : nil
        case .rows(let rows): return rows
        }
    }
}
