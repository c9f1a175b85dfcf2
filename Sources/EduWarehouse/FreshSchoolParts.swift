import EduNormalise

/// school_parts rows of the schools a load meets for the first time, gathered as their values go
/// in: such a school's current figures are exactly this file's, so its parts need no query. A
/// national year is 195,300 such schools; recomputing them with SQL after the load cost a third of
/// its time. A school that had values already, has a whole-school record (its figures are shared
/// out by SQL) or lists a part twice is left to `refreshTouchedSchools`, as every school of a load
/// that supersedes another version is.
struct FreshSchoolParts {
    private struct SchoolKey: Hashable {
        var year: Int
        var school: String
    }

    private struct Part {
        var county: String
        var figures: [String: Double] = [:]
    }

    private var parts: [SchoolKey: [Stage: Part]] = [:]
    /// The schools in the order met: rows go in in the file's order, so the sums the views take over
    /// them come out the same, to the last bit, for the same file.
    private var order: [SchoolKey] = []
    /// The school's primary, junior and senior pupils, by the county its records give.
    private var pupils: [SchoolKey: [String: Double]] = [:]
    /// The schools whose parts SQL recomputes, in the order met.
    private(set) var recomputed: [(year: Int, school: String)] = []
    private var recomputedKeys: Set<SchoolKey> = []

    private static let partFields = Set(Schema.partColumns)

    /// A record about to be loaded; `fresh`: its school had no values for the year before this file.
    mutating func add(_ resolved: ResolvedRecord, fresh: Bool) {
        let key = SchoolKey(year: resolved.year, school: resolved.schoolCode)
        guard !recomputedKeys.contains(key) else { return }
        let stage = resolved.record.stage
        guard fresh, stage != .wholeSchool, parts[key]?[stage] == nil else { return recompute(key) }
        let values = resolved.record.values
        if [.primary, .junior, .senior].contains(stage), let students = values.first(where: { $0.field == "students" }) {
            pupils[key, default: [:]][resolved.countyCode, default: 0] += students.value
        }
        guard stage == .primary || stage == .junior || stage == .senior || stage == .preschool else { return }
        var part = Part(county: resolved.countyCode)
        if stage == .primary || stage == .junior {
            for value in values where Self.partFields.contains(value.field) { part.figures[value.field] = value.value }
        }
        // A part with no value has no row (as school_parts has none); senior and preschool parts are
        // noted only so that a second record of the part is seen.
        guard !values.isEmpty || stage == .senior || stage == .preschool else { return }
        if parts[key] == nil { order.append(key) }
        parts[key, default: [:]][stage] = part
    }

    private mutating func recompute(_ key: SchoolKey) {
        parts[key] = nil
        pupils[key] = nil
        if recomputedKeys.insert(key).inserted { recomputed.append((key.year, key.school)) }
    }

    /// Inserts the fresh schools' primary and junior parts into school_parts.
    func insert(into connection: SQLiteConnection) throws(WarehouseError) {
        let columns = Schema.partColumns
        let insert = try connection.prepare("""
            INSERT INTO school_parts (year, county_code, school_code, stage, \(columns.joined(separator: ", ")))
            VALUES (?, ?, ?, ?, \(columns.map { _ in "?" }.joined(separator: ", ")))
            """)
        for key in order {
            for stage in [Stage.primary, .junior] {
                guard let part = parts[key]?[stage] else { continue }
                var row: [SQLiteStatement.Value] = [.int(Int64(key.year)), .text(part.county), .text(key.school), .text(stage.rawValue)]
                for column in columns.dropLast() { row.append(part.figures[column].map(SQLiteStatement.Value.double) ?? .null) }
                row.append(pupils[key]?[part.county].map(SQLiteStatement.Value.double) ?? .null)
                _ = try insert.run(row)
            }
        }
    }
}
