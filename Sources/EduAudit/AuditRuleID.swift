/// The checks eduetl knows (Pipelines/checks.yml → rules). Each has its own settings.
public enum AuditRuleID: String, Sendable, CaseIterable {
    case negativeValue = "negative_value"
    case subsetExceedsTotal = "subset_exceeds_total"
    case partsVsWhole = "parts_vs_whole"
    case breakdownVsTotal = "breakdown_vs_total"
    case classSize = "class_size"
    case perStudentRange = "per_student_range"
    case yearOverYear = "year_over_year"
    case missingRequired = "missing_required"
}
