import EduNormalise
import EduStandards
import EduWarehouse
import Foundation

/// A county summary arranged for the exporters: stages in report order, each stage's CV rows
/// (basic indicators, the composite, quality indicators), the per-school indicator columns, the
/// quality minimums by stage, and the schools that do not comply. The tables the XLSX, CSV and
/// HTML exporters share are built here, so the three show the same rows and columns.
public struct CountyReport: Sendable {
    /// The quality standard's compliance rule (standards.yml → compliance), used to say why a
    /// school fails; without it the report gives the counts and shortfalls only.
    public struct ComplianceRule: Sendable, Equatable {
        public var minMet: Int
        public var unmetFloor: Double

        public init(minMet: Int, unmetFloor: Double) {
            self.minMet = minMet
            self.unmetFloor = unmetFloor
        }
    }

    public let summary: CountySummary
    public let rule: ComplianceRule?
    /// The day of the export, as the file names and the page show it.
    public let generated: Date

    /// stage → indicator → quality minimum, as the compliance view applied them.
    private let minimums: [Stage: [String: Double]]

    public init(summary: CountySummary, rule: ComplianceRule? = nil, generated: Date = Date()) {
        self.summary = summary
        self.rule = rule
        self.generated = generated
        var minimums: [Stage: [String: Double]] = [:]
        for row in summary.compliance {
            for item in row.items { minimums[row.stage, default: [:]][item.indicator] = item.minimum }
        }
        self.minimums = minimums
    }

    // MARK: Facts

    /// 青石县, or the code when the warehouse has no name for the county.
    public var countyName: String { summary.countyName ?? summary.countyCode }

    /// 青石县（360321）2024年义务教育均衡发展县域汇总.
    public var title: String {
        "\(ReportLabels.countyHeading(name: summary.countyName, code: summary.countyCode))\(summary.year)年义务教育均衡发展县域汇总"
    }

    /// "2026-11-26" in the local time zone.
    public var generatedDay: String { ReportFiles.day(of: generated) }

    /// The stages with figures: primary before junior, then any other.
    public var stages: [Stage] {
        let present = Set(summary.balance.map(\.stage) + summary.schools.map(\.stage))
        return Stage.allCases.filter(present.contains)
    }

    /// One stage's CV rows: the basic indicators in the standards' order, the composite, then the
    /// quality indicators; rows of ids neither list names come last.
    public func balanceRows(stage: Stage) -> [CountySummary.BalanceRow] {
        let rows = summary.balance.filter { $0.stage == stage }
        func position(_ row: CountySummary.BalanceRow) -> (Int, Int) {
            switch row.standard {
            case .basic:
                if row.indicator == DerivedIndicator.compositeID { return (1, 0) }
                return (0, summary.basicIndicators.firstIndex(of: row.indicator) ?? summary.basicIndicators.count)
            case .quality:
                return (2, summary.qualityIndicators.firstIndex(of: row.indicator) ?? summary.qualityIndicators.count)
            }
        }
        return rows.enumerated().sorted { lhs, rhs in
            let (a, b) = (position(lhs.element), position(rhs.element))
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// The composite CV row of a stage.
    public func composite(stage: Stage) -> CountySummary.BalanceRow? {
        summary.balance.first { $0.stage == stage && $0.standard == .basic && $0.indicator == DerivedIndicator.compositeID }
    }

    /// The per-school indicator columns: the basic standard's, then the quality standard's
    /// others, then any other indicator the schools have.
    public var schoolIndicatorIDs: [String] {
        var ids: [String] = []
        for id in summary.basicIndicators + summary.qualityIndicators + DerivedIndicator.all.map(\.id)
        where !ids.contains(id) && summary.schools.contains(where: { $0.indicators.keys.contains(id) }) {
            ids.append(id)
        }
        return ids
    }

    /// The quality minimum of an indicator for a stage, as the compliance view applied it.
    public func minimum(_ indicator: String, stage: Stage) -> Double? {
        minimums[stage]?[indicator]
    }

    public func compliance(school: String, stage: Stage) -> CountySummary.ComplianceRow? {
        summary.compliance.first { $0.schoolCode == school && $0.stage == stage }
    }

    /// The schools (by stage) that do not comply with the quality standard (complies = 0),
    /// excluded schools included and marked.
    public var nonCompliant: [CountySummary.ComplianceRow] {
        summary.compliance.filter { $0.complies == false }
    }

    /// Why a school does not comply, in a sentence: the minimums met (and the figures missing),
    /// the ones below the floor, and, with figures missing, that they cannot change it.
    public func failureReason(_ row: CountySummary.ComplianceRow) -> String {
        let total = row.items.count
        let missing = row.missing.count
        var parts = ["\(total)项中达标\(row.indicatorsMet)项" + (missing > 0 ? "，缺少数据\(missing)项" : "")]
        if let rule {
            if row.indicatorsMet + missing < rule.minMet {
                parts[0] += missing > 0 ? "（即使缺少的各项都达标也少于\(rule.minMet)项）" : "（少于\(rule.minMet)项）"
            }
            let below = row.items.filter(belowFloor)
            if !below.isEmpty {
                let floor = Self.number(rule.unmetFloor * 100, decimals: 0)
                parts.append(below.map { ReportLabels.indicator($0.indicator).shortName }.joined(separator: "、")
                             + "不足最低标准的\(floor)%")
            }
        }
        if missing > 0, row.complies == false { parts.append("无论缺少的数据如何均不达标") }
        return parts.joined(separator: "；")
    }

    /// 达标指标数 as the tables show it: 4/7, or 3/7（缺3项） with figures missing.
    public func metCount(_ row: CountySummary.ComplianceRow) -> String {
        let missing = row.missing.count
        return "\(row.indicatorsMet)/\(row.items.count)" + (missing > 0 ? "（缺\(missing)项）" : "")
    }

    /// The indicators a part has no figure for, by their short names: 百生骨干教师、百生体艺教师.
    public func missingNames(_ row: CountySummary.ComplianceRow) -> String? {
        let missing = row.missing
        return missing.isEmpty ? nil : missing.map { ReportLabels.indicator($0).shortName }.joined(separator: "、")
    }

    /// Whether a school's missed minimum also falls below the rule's floor (e.g. 85%).
    func belowFloor(_ item: CountySummary.ComplianceRow.Item) -> Bool {
        guard let rule, item.met == false, let value = item.value, item.minimum > 0 else { return false }
        return value / item.minimum < rule.unmetFloor
    }

    // MARK: Formatting

    /// `value` with `decimals` places ("0.1762"); never "-0.00".
    public static func number(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(max(0, decimals))f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return text
    }
}

/// A table as the exporters share it: column titles, rows of cells that are text, numbers with
/// the decimals they show with, or empty, and marks for what to draw the eye to.
public struct ReportTable: Sendable {
    public enum Mark: Sendable, Equatable {
        case none
        /// Below a minimum or over a limit.
        case shortfall
        /// A school left out of the county figures.
        case excluded
        /// A CV computed over figures the checks (审核) found wrong, and its count of such findings.
        case audited
    }

    public struct Cell: Sendable, Equatable {
        public enum Value: Sendable, Equatable {
            case empty
            case text(String)
            /// A number shown with `decimals` places (students: 0).
            case number(Double, decimals: Int)
            /// A fraction shown as a percentage with `decimals` places: 0.923 → 92.3%.
            case percent(Double, decimals: Int)
        }

        public var value: Value
        public var mark: Mark
        /// Shown after the number on the page only (师生比 1:17.4).
        public var hint: String?

        public init(_ value: Value, mark: Mark = .none, hint: String? = nil) {
            self.value = value
            self.mark = mark
            self.hint = hint
        }

        public static func text(_ text: String?, mark: Mark = .none) -> Cell {
            Cell(text.map { .text($0) } ?? .empty, mark: mark)
        }

        public static func number(_ number: Double?, decimals: Int, mark: Mark = .none) -> Cell {
            guard let number, number.isFinite else { return Cell(.empty, mark: mark) }
            return Cell(.number(number, decimals: decimals), mark: mark)
        }

        /// The text a CSV or a page shows: numbers rounded to their decimals.
        public var display: String {
            switch value {
            case .empty: return ""
            case .text(let text): return text
            case .number(let number, let decimals): return CountyReport.number(number, decimals: decimals)
            case .percent(let number, let decimals): return CountyReport.number(number * 100, decimals: decimals) + "%"
            }
        }
    }

    /// A short id: "balance-primary", "schools", "compliance".
    public var id: String
    /// The sheet's name in a workbook.
    public var name: String
    public var title: String
    public var columns: [String]
    public var rows: [[Cell]]
    /// Columns that hold canonical ids for machines (a page may leave them out).
    public var idColumns: Set<Int>
    public var notes: [String]
}

extension CountyReport {
    /// Every school and stage with its indicators: shortfalls against the quality minimums
    /// marked, excluded schools marked with their reason, the school's quality compliance.
    public func schoolsTable() -> ReportTable {
        let ids = schoolIndicatorIDs
        let columns = [ReportLabels.stageColumn, ReportLabels.schoolCodeColumn, ReportLabels.schoolNameColumn,
                       ReportLabels.schoolTypeColumn, ReportLabels.studentsColumn]
            + ids.map(ReportLabels.label)
            + [ReportLabels.degreeColumn, ReportLabels.excludedColumn, ReportLabels.qualityComplianceColumn,
               ReportLabels.indicatorsMetColumn, "学段代码"]
        var rows: [[ReportTable.Cell]] = []
        for stage in stages {
            for school in summary.schools where school.stage == stage {
                let excluded: ReportTable.Mark = school.excludedReason == nil ? .none : .excluded
                var cells: [ReportTable.Cell] = [
                    .text(ReportLabels.stage(stage)), .text(school.schoolCode), .text(school.schoolName),
                    .text(school.schoolType), .number(school.students, decimals: 0),
                ]
                for id in ids {
                    let value = school.indicators[id] ?? nil
                    var mark = ReportTable.Mark.none
                    if let value, let minimum = minimum(id, stage: stage), value < minimum { mark = .shortfall }
                    cells.append(.number(value, decimals: ReportLabels.indicator(id).decimals, mark: mark))
                }
                let compliance = compliance(school: school.schoolCode, stage: stage)
                cells.append(.text(school.requiredDegreeField.map(ReportLabels.degreeField)))
                cells.append(.text(school.excludedReason.map(ReportLabels.exclusionReason), mark: excluded))
                cells.append(.text(compliance.map { ReportLabels.yesNo($0.complies) },
                                   mark: compliance?.complies == false ? .shortfall : .none))
                cells.append(.text(compliance.map(metCount)))
                cells.append(.text(stage.rawValue))
                rows.append(cells)
            }
        }
        var minimumsNote: [String] = []
        for id in summary.qualityIndicators {
            let values = stages.compactMap { stage in
                minimum(id, stage: stage).map { "\(ReportLabels.stage(stage)) \(Self.trimmed($0))" }
            }
            if !values.isEmpty { minimumsNote.append("\(ReportLabels.indicator(id).shortName)：\(values.joined(separator: "，"))") }
        }
        var notes = [ReportLabels.shortfallNote]
        if !minimumsNote.isEmpty { notes.append("优质均衡学校最低标准（" + minimumsNote.joined(separator: "；") + "）。") }
        notes += [ReportLabels.degreeNote, ReportLabels.undecidedNote, ReportLabels.excludedNote, ReportLabels.sharedFiguresNote]
        return ReportTable(id: "schools", name: "学校指标", title: "\(title)：各校指标", columns: columns, rows: rows,
                           idColumns: [columns.count - 1], notes: notes)
    }

    /// The schools that do not comply with the quality standard: one row per minimum missed,
    /// with the value, the minimum, the gap and the share of the minimum reached.
    public func complianceTable() -> ReportTable {
        let columns = [ReportLabels.stageColumn, ReportLabels.schoolCodeColumn, ReportLabels.schoolNameColumn,
                       ReportLabels.studentsColumn, ReportLabels.indicatorsMetColumn, "未达标指标", ReportLabels.valueColumn,
                       ReportLabels.minimumColumn, ReportLabels.shortfallColumn, ReportLabels.shareColumn,
                       ReportLabels.failureColumn, ReportLabels.missingColumn, "备注", ReportLabels.idColumn, "学段代码"]
        var rows: [[ReportTable.Cell]] = []
        for school in nonCompliant {
            let note = school.excludedReason.map { "不计入县域统计：" + ReportLabels.exclusionReason($0) }
            let reason = failureReason(school)
            for item in school.items where item.met == false {
                let indicator = ReportLabels.indicator(item.indicator)
                let share = item.value.flatMap { item.minimum > 0 ? $0 / item.minimum : nil }
                rows.append([
                    .text(ReportLabels.stage(school.stage)), .text(school.schoolCode), .text(school.schoolName),
                    .number(school.students, decimals: 0), .text(metCount(school)),
                    .text(indicator.label), .number(item.value, decimals: indicator.decimals, mark: .shortfall),
                    .number(item.minimum, decimals: indicator.decimals),
                    .number(item.value.map { $0 - item.minimum }, decimals: indicator.decimals),
                    ReportTable.Cell(share.map { .percent($0, decimals: 1) } ?? .empty, mark: belowFloor(item) ? .shortfall : .none),
                    .text(reason), .text(missingNames(school)), .text(note, mark: note == nil ? .none : .excluded),
                    .text(item.indicator), .text(school.stage.rawValue),
                ])
            }
        }
        var notes = ["每所未达标学校按未达到的最低标准逐项列出；达到标准的比例 = 实际值 ÷ 最低标准。", ReportLabels.missingFiguresNote]
        let undecided = summary.compliance.filter { $0.complies == nil }.count
        if undecided > 0 { notes.append("另有\(undecided)个学校（学段）数据不全、无法判定，见各校指标。") }
        if let rule {
            notes.insert("学校达标：\(summary.qualityIndicators.count)项中至少\(rule.minMet)项达到最低标准，且其余每项不低于最低标准的"
                         + Self.number(rule.unmetFloor * 100, decimals: 0) + "%。", at: 0)
        }
        return ReportTable(id: "compliance", name: "未达标学校", title: "\(title)：优质均衡未达标学校", columns: columns,
                           rows: rows, idColumns: [13, 14], notes: notes)
    }

    /// 4.5, 2000, 0.9: a minimum as written, without trailing zeros.
    static func trimmed(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = number(value, decimals: 4)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
