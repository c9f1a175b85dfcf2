/// A per-school indicator the school_indicators view computes: a field per student, or per 100
/// students.
public struct DerivedIndicator: Sendable, Equatable {
    /// The view's column, and the name standards.yml uses.
    public var id: String
    /// The catalogue field divided by the students.
    public var field: String
    /// 1 per student, 100 per 100 students.
    public var scale: Double

    /// The indicators the views compute, in the views' column order.
    public static let all: [DerivedIndicator] = [
        DerivedIndicator(id: "teaching_aux_area_per_student", field: "teaching_aux_area", scale: 1),
        DerivedIndicator(id: "sports_area_per_student", field: "sports_area", scale: 1),
        DerivedIndicator(id: "equipment_value_per_student", field: "equipment_value", scale: 1),
        DerivedIndicator(id: "computers_per_100_students", field: "computers", scale: 100),
        DerivedIndicator(id: "books_per_student", field: "books", scale: 1),
        DerivedIndicator(id: "teachers_per_student", field: "full_time_teachers", scale: 1),
        DerivedIndicator(id: "teachers_above_required_degree_per_student", field: "teachers_above_required_degree", scale: 1),
        DerivedIndicator(id: "teachers_mid_senior_title_per_student", field: "teachers_mid_senior_title", scale: 1),
        DerivedIndicator(id: "teachers_above_required_degree_per_100_students", field: "teachers_above_required_degree", scale: 100),
        DerivedIndicator(id: "backbone_teachers_per_100_students", field: "backbone_teachers", scale: 100),
        DerivedIndicator(id: "pe_arts_teachers_per_100_students", field: "pe_arts_teachers", scale: 100),
        DerivedIndicator(id: "multimedia_classrooms_per_100_students", field: "multimedia_classrooms", scale: 100),
    ]

    /// The composite of the basic standard: the mean of its indicators' CVs (county_balance's
    /// `indicator = 'composite'`).
    public static let compositeID = "composite"
}
