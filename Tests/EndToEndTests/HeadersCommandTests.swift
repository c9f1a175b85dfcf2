import Foundation
import Testing

/// `eduetl headers` on the sample county: each column's decision, as text and as JSON; a broken
/// catalogue refused with its line.
struct HeadersCommandTests {
    static let samples = BinaryRunner.root.appendingPathComponent("SampleInputs")
    static let catalogue = BinaryRunner.root.appendingPathComponent("Pipelines/catalogue.yml").path

    @Test func textShowsEachColumnsDecision() throws {
        let file = Self.samples.appendingPathComponent("青石县城关镇2024年中小学统计表.xlsx").path
        let result = try BinaryRunner.run(["headers", "--catalogue", Self.catalogue, file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("› 小学: table, header rows 3–4, data from row 5"))
        #expect(result.stdout.contains("教学装备 / 教学仪器设备值  →  equipment_value (alias 1), 万元 × 10000 → 元 [unit-row]"))
        #expect(result.stdout.contains("教师数 / 其中:女  →  unmapped"))
        #expect(result.stdout.contains("row 11 skipped as totals"))
        #expect(result.stdout.contains("› Sheet3: nothing to read"))
    }

    /// 柳溪县's return: the grades beside 在校学生数 / 合计 are summed against it (text and JSON); 其中：女
    /// and the teachers' columns beside 专任教师 / 合计 (parts "of which") are not.
    @Test func theColumnsSummedAgainstATotalAreShown() throws {
        let file = Self.samples.appendingPathComponent("柳溪县/柳溪县白石镇2024年中小学基本情况统计表.xlsx").path
        let text = try BinaryRunner.run(["headers", "--catalogue", Self.catalogue, file])
        #expect(text.status == 0, "\(text.stderr)")
        let summed = text.stdout.split(separator: "\n").filter { $0.contains("summed against its 合计 in column G") }
        #expect(summed.count == 9, "\(text.stdout)")
        #expect(text.stdout.contains("在校学生数 / 一年级  →  unmapped"))
        let json = try BinaryRunner.run(["headers", "--json", "--catalogue", Self.catalogue, file])
        let sheets = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let columns = try #require(sheets.first?["columns"] as? [[String: Any]])
        let parts = columns.compactMap { $0["breakdown_of"] as? [String: String] }
        #expect(parts.count == 9 && parts.allSatisfy { $0 == ["field": "students", "total_column": "G"] }, "\(parts)")
        let female = try #require(columns.first { $0["field"] as? String == "students_female" })
        #expect(female["breakdown_of"] is NSNull)
    }

    @Test func jsonIsForMachines() throws {
        let file = Self.samples.appendingPathComponent("白沙乡_2024_中小学.csv").path
        let result = try BinaryRunner.run(["headers", "--json", "--catalogue", Self.catalogue, file])
        #expect(result.status == 0, "\(result.stderr)")
        let sheets = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let sheet = try #require(sheets.first)
        #expect(sheet["layout"] as? String == "table")
        #expect(sheet["header_rows"] as? [Int] == [3, 3])
        #expect(sheet["records"] as? Int == 6)
        let columns = try #require(sheet["columns"] as? [[String: Any]])
        let students = try #require(columns.first { $0["field"] as? String == "students" })
        #expect(students["path"] as? [String] == ["在校生数"])
        #expect(students["method"] as? String == "alias")
        let skipped = try #require(sheet["skipped"] as? [[String: Any]])
        #expect(skipped.contains { $0["row"] as? Int == 11 && $0["kind"] as? String == "totals" })
    }

    /// 青石镇's return writes four zeros of 青石镇高坪教学点 as —, / and 无: read as 0 under the
    /// catalogue's `empty_markers: zero`, left missing under `missing`; each sheet says how many.
    @Test func emptyMarkersReadAsZeroAreCountedPerSheet() throws {
        let file = Self.samples.appendingPathComponent("青石镇2024年度中小学基本情况统计.xlsx").path
        let text = try BinaryRunner.run(["headers", "--catalogue", Self.catalogue, file])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("  empty markers: 4 read as 0 (J12 teachers_mid_senior_title '—' → 0, K12 backbone_teachers '/' → 0, "
                                     + "L12 pe_arts_teachers '无' → 0, R12 multimedia_classrooms '—' → 0)\n"), "\(text.stdout)")

        let json = try BinaryRunner.run(["headers", "--json", "--catalogue", Self.catalogue, file])
        #expect(json.status == 0, "\(json.stderr)")
        let sheets = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let notes = try #require(sheets.first { $0["sheet"] as? String == "填报说明" }?["empty_markers"] as? [String: Any])
        #expect(notes["read_as_zero"] as? Int == 0)
        let markers = try #require(sheets.first { $0["sheet"] as? String == "基本情况" }?["empty_markers"] as? [String: Any])
        #expect(markers["read_as_zero"] as? Int == 4)
        #expect(markers["left_missing"] as? Int == 0)
        let cells = try #require(markers["cells"] as? [[String: Any]])
        #expect(cells.map { $0["cell"] as? String } == ["J12", "K12", "L12", "R12"])
        #expect(cells.map { $0["written"] as? String } == ["—", "/", "无", "—"])
        #expect(cells.allSatisfy { $0["read_as_zero"] as? Bool == true })

        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("catalogue.yml")
        let catalogue = try String(contentsOfFile: Self.catalogue, encoding: .utf8)
        #expect(catalogue.contains("\nempty_markers: zero\n"))
        try catalogue.replacingOccurrences(of: "\nempty_markers: zero\n", with: "\nempty_markers: missing\n")
            .write(to: missing, atomically: true, encoding: .utf8)
        let before = try BinaryRunner.run(["headers", "--catalogue", missing.path, file])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.contains("  empty markers: 0 read as 0, 4 left missing (J12 teachers_mid_senior_title '—', "), "\(before.stdout)")
    }

    @Test func aBrokenCatalogueIsRefusedWithItsLine() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("catalogue.yml")
        let text = try String(contentsOfFile: Self.catalogue, encoding: .utf8)
        try text.replacingOccurrences(of: "    kind: count\n    unit: 台", with: "    kind: count\n    unit: 公斤").write(to: broken, atomically: true, encoding: .utf8)
        let file = Self.samples.appendingPathComponent("白沙乡_2024_中小学.csv").path
        let result = try BinaryRunner.run(["headers", "--catalogue", broken.path, file])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("eduetl: \(broken.path) line "))
        #expect(result.stderr.contains("the unit '公斤' of 'computers' is not among the units"))
    }
}
