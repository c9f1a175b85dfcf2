import EduCore
import EduReports
import Foundation
import Testing

/// The sample report read by other programs: openpyxl and python-calamine (skipped when the
/// Python module is missing) and LibreOffice (skipped without `soffice`; 60 s at most per
/// conversion). openpyxl runs with warnings as errors, so anything it would have to fix fails.
@Suite("XLSX read by openpyxl, calamine and LibreOffice")
struct XLSXCrossCheckTests {
    /// A cell as the Python readers report it.
    enum Seen: Hashable, CustomStringConvertible {
        case number(Double), text(String), bool(Bool), date(String)

        var description: String {
            switch self {
            case .number(let value): return "\(value)"
            case .text(let value): return value.debugDescription
            case .bool(let value): return "\(value)"
            case .date(let value): return "date \(value)"
            }
        }

        init?(_ tagged: Any) {
            guard let pair = tagged as? [Any], pair.count == 2, let tag = pair[0] as? String else { return nil }
            switch tag {
            case "n": self = .number((pair[1] as? NSNumber)?.doubleValue ?? .nan)
            case "s": self = .text(pair[1] as? String ?? "")
            case "b": self = .bool(pair[1] as? String == "true")
            case "d": self = .date(pair[1] as? String ?? "")
            default: return nil
            }
        }
    }

    typealias Grid = [[Seen?]]

    /// What every reader should see, rows and columns trimmed of trailing empties.
    static let expected: [String: Grid] = {
        let date = Seen.date("2024-09-01")
        var primary: Grid = [[.text(SampleReport.title)], SampleReport.headers.map { .text($0) }]
        for school in SampleReport.schools {
            primary.append([.text(school.code), .text(school.name), .number(school.students), .number(school.area),
                            .number(school.ratio), .number(school.rate), .bool(school.meets), date])
        }
        primary.append([.text("合计"), nil, .number(4_035)])
        primary.append([])
        primary.append([.text(SampleReport.tricky)])
        let indicators: Grid = [
            [.text("指标"), .text("值")], [.text("差异系数"), .number(0.4123)], [.text("大数"), .number(12_345_678.9)],
            [.text("负数"), .number(-0.5)], [.text("很小"), .number(1e-7)], [.text("整数"), .number(42)],
            [.text("早期日期"), .date("1900-01-15")],
        ]
        return ["小学": primary, "初中_高中_汇总": indicators, "History_": [], "小学 (2)": [[.text("重名的表")]]]
    }()

    static func trimmed(_ grid: Grid) -> Grid {
        var rows = grid.map { row -> [Seen?] in
            var row = row
            while let last = row.last, last == nil { row.removeLast() }
            return row
        }
        while let last = rows.last, last.isEmpty { rows.removeLast() }
        return rows
    }

    static func grids(_ json: Any) throws -> (names: [String], grids: [String: Grid]) {
        let object = try #require(json as? [String: Any])
        let names = try #require(object["sheets"] as? [String])
        let data = try #require(object["data"] as? [String: [[Any]]])
        var grids: [String: Grid] = [:]
        for (name, rows) in data {
            grids[name] = trimmed(rows.map { $0.map { Seen($0) } })
        }
        return (names, grids)
    }

    static func writeSample(_ folder: ScratchFolder, storage: XLSXWorkbookWriter.StringStorage = .shared) throws -> String {
        let path = folder.path("青石县_2024_小学达标.xlsx")
        try SampleReport.workbook(storage: storage).write(to: path)
        return path
    }

    static let tag = """
        import datetime, json, sys, warnings
        warnings.simplefilter("error")
        def tag(value):
            if value is None or value == "": return None
            if isinstance(value, bool): return ["b", "true" if value else "false"]
            if isinstance(value, (int, float)): return ["n", float(value)]
            if isinstance(value, (datetime.datetime, datetime.date)): return ["d", value.isoformat()[:10]]
            return ["s", str(value)]

        """

    static let openpyxlScript = tag + """
        import openpyxl
        workbook = openpyxl.load_workbook(sys.argv[1])
        data, styles = {}, {}
        for sheet in workbook.worksheets:
            data[sheet.title] = [[tag(cell.value) for cell in row] for row in sheet.iter_rows()]
            cells = {}
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is None: continue
                    cells[cell.coordinate] = {
                        "format": cell.number_format, "bold": bool(cell.font.b), "font": cell.font.name,
                        "color": cell.font.color.rgb if cell.font.color is not None else None,
                        "fill": cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None,
                        "border": cell.border.left.style, "horizontal": cell.alignment.horizontal,
                        "wrap": bool(cell.alignment.wrap_text)}
            styles[sheet.title] = {
                "cells": cells, "freeze": sheet.freeze_panes, "titles": sheet.print_title_rows,
                "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
                "widths": {k: d.width for k, d in sheet.column_dimensions.items() if d.customWidth},
                "orientation": sheet.page_setup.orientation}
        print(json.dumps({"sheets": workbook.sheetnames, "data": data, "styles": styles,
                          "title": workbook.properties.title}, ensure_ascii=False))
        """

    static let calamineScript = tag + """
        from python_calamine import CalamineWorkbook
        workbook = CalamineWorkbook.from_path(sys.argv[1])
        data = {name: [[tag(value) for value in row] for row in workbook.get_sheet_by_name(name).to_python()]
                for name in workbook.sheet_names}
        print(json.dumps({"sheets": workbook.sheet_names, "data": data}, ensure_ascii=False))
        """

    @Test(.enabled(if: Tools.calamine, "python-calamine is not installed"),
          arguments: [XLSXWorkbookWriter.StringStorage.shared, .inline])
    func calamineReadsEveryCell(_ storage: XLSXWorkbookWriter.StringStorage) throws {
        let folder = try ScratchFolder()
        let (names, grids) = try Self.grids(Tools.pythonJSON(Self.calamineScript, [Self.writeSample(folder, storage: storage)]))
        #expect(names == SampleReport.sheetNames)
        for name in names {
            #expect(grids[name] == Self.expected[name], "\(name)")
        }
    }

    @Test(.enabled(if: Tools.openpyxl, "openpyxl is not installed"))
    func openpyxlReadsCellsAndStyles() throws {
        let folder = try ScratchFolder()
        let json = try Tools.pythonJSON(Self.openpyxlScript, [Self.writeSample(folder)])
        var (names, grids) = try Self.grids(json)
        #expect(names == SampleReport.sheetNames)
        // openpyxl leaves _x000D_ and _x0001_ escapes undecoded; the note is checked loosely.
        let note = grids["小学"]?.popLast()
        guard case .text(let noteText)?? = note?.first else { Issue.record("no note: \(String(describing: note))"); return }
        #expect(noteText.hasPrefix(" 前导空格 A&B <学校> \"引号\" 'x' _x0041_ 换行\n制表\t回车") && noteText.hasSuffix("表情😀 "))
        grids["小学"] = Self.trimmed(grids["小学"] ?? [])
        var expected = Self.expected
        expected["小学"]?.removeLast()
        for name in names { #expect(grids[name] == Self.trimmed(expected[name] ?? []), "\(name)") }

        let object = try #require(json as? [String: Any])
        #expect(object["title"] as? String == SampleReport.title)
        let styles = try #require(object["styles"] as? [String: [String: Any]])
        let primary = try #require(styles["小学"])
        #expect(primary["freeze"] as? String == "A3")
        #expect(primary["titles"] as? String == "$1:$2")
        #expect(primary["merged"] as? [String] == ["A1:H1", "A6:B6"])
        #expect(primary["orientation"] as? String == "landscape")
        // Fitted: the codes' 10 digits, the names' 10 CJK characters counting two each, plus 2.
        let widths = try #require(primary["widths"] as? [String: Double])
        #expect(widths["A"] == 12 && widths["B"] == 22, "\(widths)")
        #expect(styles["初中_高中_汇总"]?["freeze"] as? String == "B2")
        let cells = try #require(primary["cells"] as? [String: [String: Any]])
        func style(_ reference: String) -> [String: String] {
            (cells[reference] ?? [:]).mapValues { "\($0)" }
        }
        #expect(style("A2") == ["format": "General", "bold": "1", "font": "等线", "color": "<null>", "fill": "FFD9E1F2",
                                "border": "thin", "horizontal": "center", "wrap": "1"])
        #expect(style("D3")["fill"] == "FFFFC7CE" && style("D3")["color"] == "FF9C0006" && style("D3")["format"] == "0.00")
        #expect(style("D4")["fill"] == "<null>" && style("D4")["format"] == "0.00")
        #expect(style("C3")["format"] == "#,##0" && style("E3")["format"] == "0.0000" && style("F3")["format"] == "0.0%")
        #expect(style("H3")["format"] == "yyyy-mm-dd" && style("A3")["border"] == "thin" && style("A3")["bold"] == "0")
    }

    // MARK: LibreOffice

    /// soffice with its own profile in `folder`, 60 s at most; returns its stderr.
    static func soffice(_ arguments: [String], in folder: ScratchFolder) throws -> String {
        let profile = URL(fileURLWithPath: folder.path("lo-profile")).absoluteString
        let result = try ExternalRun.run(["soffice", "-env:UserInstallation=\(profile)", "--headless", "--norestore"]
            + arguments + ["--outdir", folder.path("out")], timeout: 60)
        try #require(result.status == 0, "soffice failed (\(result.status), 124 is the 60 s timeout): \(result.stderr)")
        return result.stderr
    }

    /// Every sheet to CSV (UTF-8, values as shown by their number formats), and to PDF.
    @Test(.enabled(if: Tools.soffice, "soffice is not installed"), .timeLimit(.minutes(3)))
    func libreOfficeConvertsToCSVAndPDF() throws {
        let folder = try ScratchFolder()
        let path = try Self.writeSample(folder)
        // Tokens: comma, double quote, UTF-8, from line 1, -, language, quote all text off, detect special
        // numbers, save cell contents as shown, formulas off, no trimming, every sheet (-1).
        _ = try Self.soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                              path], in: folder)
        func csv(_ sheet: String) throws -> String {
            try String(contentsOfFile: folder.path("out/青石县_2024_小学达标-\(sheet).csv"), encoding: .utf8)
        }
        let primary = try csv("小学")
        let table = """
            青石县2024年小学办学条件达标情况,,,,,,,
            学校代码,学校名称,在校生数,"生均校舍面积
            （㎡）",师生比,达标率,是否达标,统计日期
            0360321001,青石县城关镇第一小学,"1,234",6.50,0.0567,87.5%,FALSE,2024-09-01
            0360321002,青石县白沙乡中心小学,456,8.25,0.0612,100.0%,TRUE,2024-09-01
            0360321003,青石县新华学校,"2,345",7.00,0.0500,93.3%,TRUE,2024-09-01
            合计,,"4,035",,,,,
            ,,,,,,,

            """
        #expect(primary.hasPrefix(table), "\(primary)")
        #expect(primary.contains(#"" 前导空格 A&B <学校> ""引号"" 'x' _x0041_ 换行"#) && primary.contains("\u{1}\u{1F}表情😀 \""))
        // LibreOffice does not repeat Excel's 1900 leap-year bug, so dates before March 1900 show a day
        // earlier there: that row is left out.
        let indicators = try csv("初中_高中_汇总")
        #expect(indicators.hasPrefix("指标,值\n差异系数,0.4123\n大数,\"12,345,678.90\"\n负数,-50%\n很小,0.0000001\n整数,42\n"),
                "\(indicators)")
        #expect(try csv("小学 (2)") == "重名的表\n")

        _ = try Self.soffice(["--convert-to", "pdf", path], in: folder)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: folder.path("out/青石县_2024_小学达标.pdf")))
        #expect(pdf.starts(with: Data("%PDF-".utf8)) && pdf.count > 5_000)
    }
}
