import Foundation

/// SampleInputs/TRUTH.json, the figures the sample returns were generated from, and the
/// INDICATORS.md arithmetic applied to them here, beside the tests, without the warehouse: each
/// school part's counts (a whole-school figure shared out by the parts' students), who is left
/// out, and the weighted means and CVs the reports must show.
struct Truth {
    struct School: Decodable {
        var school_code: String
        var name: String
        var type: String
        var urban_rural: String?
        var parts: [String: [String: Double]]
        var school_wide: [String: Double]?
        var sources: [Source]?
    }

    struct Source: Decodable {
        var file: String
    }

    struct District: Decodable {
        var schools: [School]
    }

    struct File: Decodable {
        var schools: [School]
        var district: District
    }

    /// One school part with its counts.
    struct Part {
        var code: String
        var name: String
        var type: String
        var stage: String
        var area: String?
        var file: String?
        var counts: [String: Double]
        /// Every part of the school with pupils (senior and preschool included), by stage.
        var schoolParts: [String: Double]

        var students: Double { counts["students"] ?? 0 }
        var classes: Double? { counts["classes"] }

        /// Left out of the county figures (standards.yml → exclusions).
        var excluded: Bool { type == "特殊教育学校" || (type == "教学点" && students < 50) }

        /// A count per pupil (× scale), nil where the return lacks the count.
        func perStudent(_ field: String, scale: Double = 1) -> Double? {
            counts[field].map { $0 * scale / students }
        }
    }

    let county: [Part]
    let district: [Part]

    static let shared = Result { try Truth() }
    static func get() throws -> Truth { try shared.get() }

    private init() throws {
        let url = SampleCounty.root.appendingPathComponent("SampleInputs/TRUTH.json")
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        county = file.schools.flatMap(Self.parts)
        district = file.district.schools.flatMap(Self.parts)
    }

    /// A school's parts with pupils, its whole-school counts shared by the parts' students.
    static func parts(_ school: School) -> [Part] {
        let withPupils = school.parts.filter { ($0.value["students"] ?? 0) > 0 }
        let total = withPupils.values.reduce(0) { $0 + ($1["students"] ?? 0) }
        return withPupils.map { stage, own in
            var counts = own
            for (field, value) in school.school_wide ?? [:] where counts[field] == nil {
                counts[field] = value * (own["students"] ?? 0) / total
            }
            return Part(code: school.school_code, name: school.name, type: school.type, stage: stage, area: school.urban_rural,
                        file: school.sources?.first?.file, counts: counts,
                        schoolParts: withPupils.mapValues { $0["students"] ?? 0 })
        }.sorted { $0.stage < $1.stage }
    }

    /// The counted parts of a stage (primary or junior), excluded ones left out.
    static func counted(_ parts: [Part], _ stage: String) -> [Part] {
        parts.filter { $0.stage == stage && !$0.excluded }
    }

    /// The enrolment-weighted mean and CV of x over the parts that have it (INDICATORS.md).
    static func weighted(_ parts: [Part], _ value: (Part) -> Double?) -> (mean: Double, cv: Double)? {
        let pairs = parts.compactMap { part in value(part).map { (part.students, $0) } }
        let total = pairs.reduce(0) { $0 + $1.0 }
        guard total > 0 else { return nil }
        let mean = pairs.reduce(0) { $0 + $1.0 * $1.1 } / total
        let variance = pairs.reduce(0) { $0 + $1.0 / total * ($1.1 - mean) * ($1.1 - mean) }
        return (mean, variance.squareRoot() / mean)
    }

    /// The quality minimums of INDICATORS.md (primary, junior), by the field and scale they divide.
    static let qualityMinimums: [(id: String, field: String, scale: Double, primary: Double, junior: Double)] = [
        ("teachers_above_required_degree_per_100_students", "teachers_above_required_degree", 100, 4.2, 5.3),
        ("backbone_teachers_per_100_students", "backbone_teachers", 100, 1, 1),
        ("pe_arts_teachers_per_100_students", "pe_arts_teachers", 100, 0.9, 0.9),
        ("teaching_aux_area_per_student", "teaching_aux_area", 1, 4.5, 5.8),
        ("sports_area_per_student", "sports_area", 1, 7.5, 10.2),
        ("equipment_value_per_student", "equipment_value", 1, 2000, 2500),
        ("multimedia_classrooms_per_100_students", "multimedia_classrooms", 100, 2.3, 2.4),
    ]

    /// The 2017 rule (at least 6 of 7 met, each unmet one at least 85% of its minimum) with figures
    /// missing: false where the known figures already fail it, nil where a missing one could decide.
    static func complies(_ part: Part, missing: Set<String> = []) -> Bool? {
        var met = 0, absent = 0, worst = 1.0
        for minimum in qualityMinimums {
            guard !missing.contains(minimum.field), let value = part.perStudent(minimum.field, scale: minimum.scale) else {
                absent += 1
                continue
            }
            let floor = part.stage == "primary" ? minimum.primary : minimum.junior
            if value >= floor { met += 1 } else { worst = min(worst, value / floor) }
        }
        if worst < 0.85 || met + absent < 6 { return false }
        return absent > 0 ? nil : true
    }

    /// The basic indicators' fields and scales (INDICATORS.md), in standards.yml's order.
    static let basicIndicators: [(id: String, field: String, scale: Double)] = [
        ("teaching_aux_area_per_student", "teaching_aux_area", 1), ("sports_area_per_student", "sports_area", 1),
        ("equipment_value_per_student", "equipment_value", 1), ("computers_per_100_students", "computers", 100),
        ("books_per_student", "books", 1), ("teachers_per_student", "full_time_teachers", 1),
        ("teachers_above_required_degree_per_student", "teachers_above_required_degree", 1),
        ("teachers_mid_senior_title_per_student", "teachers_mid_senior_title", 1),
    ]
}
