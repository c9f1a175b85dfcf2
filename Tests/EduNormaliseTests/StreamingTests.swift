import EduCSV
import EduCore
@testable import EduNormalise
import Foundation
import Testing

/// A sheet longer than `Normaliser.headRows` is laid out on its first rows and read a row at a
/// time; what it gives must be what reading the whole sheet into memory gives.
struct StreamingTests {
    static let normaliser = Normaliser(catalogue: CatalogueFixture.catalogue)

    static func expectSame(_ streamed: NormalisedSheet, _ whole: NormalisedSheet, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(streamed.layout == whole.layout, sourceLocation: sourceLocation)
        #expect(streamed.decisions == whole.decisions, sourceLocation: sourceLocation)
        #expect(streamed.titles == whole.titles, sourceLocation: sourceLocation)
        #expect(streamed.declaredUnits == whole.declaredUnits, sourceLocation: sourceLocation)
        #expect(streamed.titleYear == whole.titleYear, sourceLocation: sourceLocation)
        #expect(streamed.records.count == whole.records.count, sourceLocation: sourceLocation)
        #expect(streamed.records == whole.records, sourceLocation: sourceLocation)
        #expect(streamed.skipped == whole.skipped, sourceLocation: sourceLocation)
        #expect(streamed.rejects == whole.rejects, sourceLocation: sourceLocation)
    }

    /// A deterministic generator, so a failure can be read again.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func pick<T>(_ choices: [T]) -> T { choices[next(choices.count)] }
    }

    static func quoted(_ field: String) -> String {
        field.contains(",") || field.contains("\"") || field.contains("\n") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// A township's return as a CSV file of about `schools` rows: a title, a unit row, a two-row
    /// header with a CSV parent label, a 栏次 row, sections, totals (some in traditional characters),
    /// blank records, figures in every spelling, bad cells, a note row and signatures after it.
    static func townshipCSV(schools: Int) -> String {
        var generator = Generator(state: 20_240_901)
        var lines = [
            "青石县城关镇2024年中小学基本情况统计表,,,,,,,,,,",
            ",,,,,,,,单位：人、万元,,",
            "学校代码,学校名称,乡镇,办学类型,在校学生数,教师数,,,教学仪器设备值,图书（册）,备注",
            ",,,,,专任教师,其中:女,音体美专任教师,,,",
            "甲,乙,丙,丁,1,2,3,4,5,6,7",
            "一、小学,,,,,,,,,,",
        ]
        let types = ["小学", "完全小学", "教学点", "九年一贯制学校", "", "小学部", "初中", "村小"]
        let names = ["城关镇第一小学", "城关镇中心小学（本部）", "白沙乡學校", "城关镇 实验小学", "青石县䢺溪乡第五小学", "Hope Primary School", "城关镇第三十小学"]
        let students = ["1,234", "456", " 78 ", "—", "约300", "１４", "2,000", "0", "-", "1:2", "", "12", "无"]
        let money = ["12.35", "1,754.5", "0.5", "—", "#DIV/0!", "3", "12.5%", "7.25"]
        for index in 0..<schools {
            if index == schools / 2 { lines.append("二、初中,,,,,,,,,,") }
            if index % 97 == 96 { lines.append(["城关镇小计", "合  计", "合計", "全鎮合計", "总计"][(index / 97) % 5] + ",,,,1000,,,,,,") }
            if index % 131 == 130 { lines.append(",,,,,,,,,,") }
            let code = String(format: "36032100%04d", index)
            let fields = [
                index % 211 == 5 ? "" : code,
                index % 211 == 5 ? "" : generator.pick(names),
                generator.pick(["城关镇", "白沙乡", "東坝镇"]),
                generator.pick(types),
                generator.pick(students),
                String(generator.next(80)),
                String(generator.next(40)),
                generator.pick(["3", "", "—", "2"]),
                generator.pick(money),
                generator.pick(["24,357", "6200", "1,75,4914", "无", "15840"]),
                generator.pick(["", "/", "新建", "注：撤并"]),
            ]
            lines.append(fields.map(quoted).joined(separator: ","))
        }
        lines += ["注：本表由学校填报，乡镇中心校汇总。,,,,,,,,,,", "填表人：张三,,审核人：李四,,,,,,,,", "城关镇甲小学,,,,12,,,,,,"]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func writeTemporary(_ text: String, name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-normalise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [1_000, Normaliser.headRows - 10, Normaliser.headRows - 6, Normaliser.headRows + 1])
    func aStreamedCSVTableGivesTheRecordsOfTheWholeTable(schools: Int) throws {
        let path = try Self.writeTemporary(Self.townshipCSV(schools: schools), name: "城关镇_2024.csv")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let file = try CSVFile(path: path)
        // As a caller holding any reader has it: the CSV reader's own answer, not the default.
        var rows: any RowSource = try file.rows()
        #expect(!rows.mayHaveMergedRanges)
        let streamed = try Self.normaliser.normalise(&rows)
        var again = try file.rows()
        let whole = Self.normaliser.normalise(try SheetTable(reading: &again))
        Self.expectSame(streamed, whole)
        #expect(whole.layout == .table(headerRows: 3...4, dataStart: 6))
        #expect(whole.records.count > schools / 2)
        #expect(whole.skipped.filter { $0.kind == .totals }.count == schools / 97)
        #expect(whole.skipped.contains { $0.kind == .totals && $0.text.hasPrefix("全鎮合計") } || schools < 400)
        #expect(whole.skipped.last?.kind == .afterNotes)
        #expect(whole.rejects.contains { $0.reason.contains("约300") })

        // Handed over one at a time: the same records, in the same order (no whole-school figures here).
        var handed: [SchoolRecord] = []
        var third = try file.rows()
        let sheet = try Self.normaliser.normalise(&third) { handed.append($0) }
        #expect(sheet.records.isEmpty)
        #expect(handed == whole.records)
        #expect(sheet.skipped == whole.skipped && sheet.rejects == whole.rejects)
    }

    /// Rows handed out one at a time, merged ranges known only at the end, as an XLSX sheet states
    /// them after its rows; `mayHaveMergedRanges` is the protocol's default.
    struct LateMergesSource: RowSource {
        let sheet: SheetDescription
        let rows: [Row]
        let merges: [CellRange]
        var index = 0
        var ended = false

        var mergedRanges: [CellRange] { ended ? merges : [] }

        mutating func nextRow() throws -> Row? {
            guard index < rows.count else {
                ended = true
                return nil
            }
            index += 1
            return rows[index - 1]
        }
    }

    /// 500 schools; a nine-year school's two part rows far below the first 200 rows share its code
    /// and name (merged down) and its books (merged down: the whole school's figure).
    static func nineYearSheet() -> (rows: [Row], merges: [CellRange]) {
        func row(_ number: Int, _ texts: [String]) -> Row {
            Row(number: number, cells: texts.enumerated().compactMap { column, text in
                text.isEmpty ? nil : Cell(column: column + 1, value: .string(text))
            })
        }
        var rows = [row(1, ["学校代码", "学校名称", "学段", "在校学生数", "图书(册)", "备注"])]
        var tops: [Int] = []
        var number = 2
        for index in 0..<500 {
            if index == 60 || index == 420 {
                let code = String(format: "36032199%04d", index)
                rows.append(Row(number: number, cells: [
                    Cell(column: 1, value: .string(code)), Cell(column: 2, value: .string("青石县第\(index)九年一贯制学校")),
                    Cell(column: 3, value: .string("小学部")), Cell(column: 4, value: .number(300)), Cell(column: 5, value: .number(12_000)),
                ]))
                rows.append(Row(number: number + 1, cells: [Cell(column: 3, value: .string("初中部")), Cell(column: 4, value: .number(200))]))
                tops.append(number)
                number += 2
                continue
            }
            rows.append(row(number, [String(format: "36032100%04d", index), "第\(index)小学", index % 3 == 0 ? "初中" : "小学",
                                     String(100 + index), String(1_000 + index), index % 50 == 0 ? "新建" : ""]))
            number += 1
        }
        var merges: [CellRange] = []
        for top in tops {
            merges += ["A\(top):A\(top + 1)", "B\(top):B\(top + 1)", "E\(top):E\(top + 1)"].compactMap(CellRange.init(reference:))
        }
        // Too large to resolve cell by cell, as before: ignored.
        merges.append(CellRange(reference: "F1:F20000")!)
        return (rows, merges)
    }

    @Test func aVerticalMergeBeyondTheHeadIsTheWholeSchools() throws {
        let (rows, merges) = Self.nineYearSheet()
        let sheet = SheetDescription(index: 0, name: "学校")
        var source = LateMergesSource(sheet: sheet, rows: rows, merges: merges)
        #expect(source.mayHaveMergedRanges)
        let streamed = try Self.normaliser.normalise(&source)
        let whole = Self.normaliser.normalise(SheetTable(sheet: sheet, rows: rows, mergedRanges: merges))
        Self.expectSame(streamed, whole)

        let late = try #require(rows.first { $0.cells.first?.value == .string("360321990420") }).number
        #expect(late > Normaliser.headRows)
        let parts = streamed.records.filter { $0.schoolCode == "360321990420" }
        #expect(parts.map(\.stage) == [.primary, .wholeSchool, .junior])
        #expect(parts.first { $0.stage == .wholeSchool }?.value("books") == 12_000)
        #expect(parts.first { $0.stage == .wholeSchool }?.values.first?.cell == CellPosition(row: late, column: 5))
        let junior = try #require(parts.first { $0.stage == .junior })
        #expect(junior.row == late + 1)
        #expect(junior.identity["school_name"] == IdentityValue(text: "青石县第420九年一贯制学校", cell: CellPosition(row: late, column: 2)))
        #expect(junior.value("students") == 200 && junior.value("books") == nil)
        #expect(streamed.records.filter { $0.stage == .wholeSchool }.count == 2)

        // Handed over one at a time: whole-school records come last, the rest in order.
        var handed: [SchoolRecord] = []
        var again = LateMergesSource(sheet: sheet, rows: rows, merges: merges)
        _ = try Self.normaliser.normalise(&again) { handed.append($0) }
        #expect(handed.filter { $0.stage != .wholeSchool } == whole.records.filter { $0.stage != .wholeSchool })
        #expect(handed.suffix(2).allSatisfy { $0.stage == .wholeSchool })
        #expect(Set(handed) == Set(whole.records))
    }

    /// Row by row, the tracker answers as the whole grid does: overlapping ranges (the later
    /// wins), ranges whose top-left row is blank, ranges too large to resolve, single cells.
    @Test func theMergeTrackerAnswersAsTheGridDoes() {
        var generator = Generator(state: 42)
        var rows: [Row] = []
        for number in 1...120 where generator.next(7) != 0 {
            let cells = (1...8).compactMap { column in
                generator.next(3) == 0 ? nil : Cell(column: column, value: .string("r\(number)c\(column)"))
            }
            rows.append(Row(number: number, cells: cells))
        }
        var merges: [CellRange] = []
        for _ in 0..<60 {
            let row = generator.next(120) + 1, column = generator.next(8) + 1
            merges.append(CellRange(first: CellPosition(row: row, column: column),
                                    last: CellPosition(row: row + generator.next(6), column: column + generator.next(3))))
        }
        merges.append(CellRange(reference: "B2:K2000")!)
        let grid = SheetGrid(SheetTable(sheet: SheetDescription(index: 0, name: "x"), rows: rows, mergedRanges: merges))
        var tracker = MergeTracker(merges)
        for row in grid.rowNumbers {
            tracker.advance(to: row, cells: grid.cells(of: row))
            for column in 1...12 {
                let merge = tracker.merge(row, column)
                #expect(merge?.range == grid.mergedRange(row, column), "\(row) \(column)")
                #expect((grid.value(row, column) ?? merge?.topLeft) == grid.shownValue(row, column), "\(row) \(column)")
            }
        }
    }

    @Test func aShortSourceIsReadAsAWholeTable() throws {
        let (rows, merges) = Self.nineYearSheet()
        let short = Array(rows.prefix(80))
        let sheet = SheetDescription(index: 0, name: "学校")
        var source = LateMergesSource(sheet: sheet, rows: short, merges: merges)
        Self.expectSame(try Self.normaliser.normalise(&source), Self.normaliser.normalise(SheetTable(sheet: sheet, rows: short, mergedRanges: merges)))
    }

    @Test func anErrorFromTheRecordHandlerStopsTheReading() throws {
        struct Stop: Error {}
        let (rows, merges) = Self.nineYearSheet()
        var source = LateMergesSource(sheet: SheetDescription(index: 0, name: "学校"), rows: rows, merges: merges)
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try Self.normaliser.normalise(&source) { _ in
                seen += 1
                if seen == 300 { throw Stop() }
            }
        }
        #expect(seen == 300)
    }
}
