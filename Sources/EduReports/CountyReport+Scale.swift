import EduNormalise
import EduWarehouse

extension CountyReport {
    /// A school over a scale limit of the 2017 standard: a part's pupils per class over the class
    /// size of its stage, or a whole school's pupils over the school size of its type or stage
    /// (once per school, however many parts it has).
    public struct ScaleBreach: Sendable, Equatable {
        /// The limit breached; the raw values are those of the warehouse's scale_limits.kind.
        public enum Kind: String, Sendable, CaseIterable {
            case classSize = "class_size"
            case schoolSize = "school_size"
        }

        public var kind: Kind
        public var schoolCode: String
        public var schoolName: String?
        public var schoolType: String?
        /// The part's stage for class size; for school size the school's one part, or `.wholeSchool`.
        public var stage: Stage
        /// Pupils per class, or the whole school's pupils.
        public var value: Double
        public var limit: Double
        /// A school part's pupils.
        public struct Part: Sendable, Equatable {
            public var stage: Stage
            public var students: Double
        }

        /// Class size: the part's pupils and classes. School size: each part's pupils, by stage.
        public var students: Double?
        public var classes: Double?
        public var parts: [Part]
        public var excludedReason: String?
    }

    /// What the scale check covered and found.
    public struct ScaleCheck: Sendable, Equatable {
        /// Schools with pupils per class or pupils and a limit to hold them against.
        public var schools: Int
        /// School parts (a nine-year school's primary and junior) with pupils per class and a limit.
        public var classParts: Int
        public var breaches: [ScaleBreach]

        public func count(_ kind: ScaleBreach.Kind) -> Int { breaches.filter { $0.kind == kind }.count }
    }

    /// The school_scale rows held against their limits: class-size breaches by stage and school,
    /// then school-size breaches by school.
    public var scaleCheck: ScaleCheck {
        let rows = summary.scale
        let classChecked = rows.filter { $0.studentsPerClass != nil && $0.classSizeLimit != nil }
        let sizeChecked = rows.filter { $0.schoolStudents != nil && $0.schoolSizeLimit != nil }
        let schools = Set((classChecked + sizeChecked).map(\.schoolCode)).count
        let stageRank = Dictionary(uniqueKeysWithValues: Stage.allCases.enumerated().map { ($1, $0) })
        var breaches: [ScaleBreach] = []
        for row in classChecked.sorted(by: { (stageRank[$0.stage] ?? 0, $0.schoolCode) < (stageRank[$1.stage] ?? 0, $1.schoolCode) })
        where row.classSizeMet == false {
            guard let value = row.studentsPerClass, let limit = row.classSizeLimit else { continue }
            breaches.append(ScaleBreach(kind: .classSize, schoolCode: row.schoolCode, schoolName: row.schoolName, schoolType: row.schoolType,
                                        stage: row.stage, value: value, limit: limit, students: row.students, classes: row.classes,
                                        parts: [], excludedReason: row.excludedReason))
        }
        var seen: Set<String> = []
        for row in rows.sorted(by: { $0.schoolCode < $1.schoolCode }) where !seen.contains(row.schoolCode) {
            seen.insert(row.schoolCode)
            let school = rows.filter { $0.schoolCode == row.schoolCode }
                .sorted { (stageRank[$0.stage] ?? 0) < (stageRank[$1.stage] ?? 0) }
            let over = school.filter { $0.schoolSizeMet == false }
            // The school's pupils are one figure; its parts may carry different limits (by stage
            // where its type has none): the strictest limit it breaches is named.
            guard let value = over.first?.schoolStudents, let limit = over.compactMap(\.schoolSizeLimit).min() else { continue }
            breaches.append(ScaleBreach(kind: .schoolSize, schoolCode: row.schoolCode, schoolName: row.schoolName, schoolType: row.schoolType,
                                        stage: school.count == 1 ? row.stage : .wholeSchool, value: value, limit: limit,
                                        students: value, classes: nil,
                                        parts: school.compactMap { part in part.students.map { ScaleBreach.Part(stage: part.stage, students: $0) } },
                                        excludedReason: row.excludedReason))
        }
        return ScaleCheck(schools: schools, classParts: classChecked.count, breaches: breaches)
    }

    /// 共核查35所学校（38个学段）：班额超过上限7个，学校规模超过上限2所。
    public var scaleSummary: String {
        let check = scaleCheck
        return "共核查\(check.schools)所学校（班额\(check.classParts)个学段）：班额超过上限\(check.count(.classSize))个学段，"
            + "学校规模超过上限\(check.count(.schoolSize))所。"
    }

    /// The schools over a class-size or school-size limit: one row per breach, with the figure,
    /// the limit, how far over, and what the figure is made of.
    public func scaleTable() -> ReportTable {
        let columns = ["项目", ReportLabels.stageColumn, ReportLabels.schoolCodeColumn, ReportLabels.schoolNameColumn,
                       ReportLabels.schoolTypeColumn, ReportLabels.valueColumn, "上限", "超出", "计算依据", "备注", "项目代码", "学段代码"]
        let rows: [[ReportTable.Cell]] = scaleCheck.breaches.map { breach in
            let decimals = breach.kind == .classSize ? 1 : 0
            let note = breach.excludedReason.map { "不计入县域统计：" + ReportLabels.exclusionReason($0) }
            return [
                .text(ReportLabels.scaleKind(breach.kind)), .text(ReportLabels.stage(breach.stage)), .text(breach.schoolCode),
                .text(breach.schoolName), .text(breach.schoolType), .number(breach.value, decimals: decimals, mark: .shortfall),
                .number(breach.limit, decimals: 0), .number(breach.value - breach.limit, decimals: decimals),
                .text(scaleBasis(breach)), .text(note, mark: note == nil ? .none : .excluded),
                .text(breach.kind.rawValue), .text(breach.stage.rawValue),
            ]
        }
        var notes = [scaleSummary]
        if let limits = classLimitsNote { notes.append(limits) }
        notes.append(ReportLabels.scaleNote)
        return ReportTable(id: "scale", name: "班额与规模", title: "\(title)：班额与学校规模", columns: columns, rows: rows,
                           idColumns: [10, 11], notes: notes)
    }

    /// 班额上限：小学45人，初中50人。 (as the view applied them)
    var classLimitsNote: String? {
        let limits = stages.compactMap { stage in
            summary.scale.first { $0.stage == stage && $0.classSizeLimit != nil }?.classSizeLimit
                .map { "\(ReportLabels.stage(stage))\(Self.trimmed($0))人" }
        }
        return limits.isEmpty ? nil : "班额上限：" + limits.joined(separator: "，") + "。"
    }

    /// 1893人 ÷ 37个班; 全校在校生3143人（小学部1683人、初中部1460人）.
    func scaleBasis(_ breach: ScaleBreach) -> String {
        switch breach.kind {
        case .classSize:
            guard let students = breach.students, let classes = breach.classes else { return "" }
            return "\(Self.number(students, decimals: 0))人 ÷ \(Self.trimmed(classes))个班"
        case .schoolSize:
            var text = "全校在校生\(Self.number(breach.value, decimals: 0))人"
            let parts = breach.parts.map { "\(ReportLabels.stage($0.stage))部\(Self.number($0.students, decimals: 0))人" }
            let partsTotal = breach.parts.reduce(0) { $0 + $1.students }
            if breach.parts.count > 1 || partsTotal != breach.value { text += "（其中" + parts.joined(separator: "、") + "）" }
            return text
        }
    }
}

extension ReportLabels {
    public static let scaleNote = "2017年优质均衡办法规定班额和学校规模的上限（standards.yml 的 class_size、school_size）；"
        + "学校规模按全校（小学、初中、高中各部合计）在校生计，九年一贯制等多学段学校只列一次。不计入县域统计的学校照列并注明。"
}
