/// The field that fed a school part's teachers above the required degree (school_indicators'
/// `required_degree_field`): the stage's own degree where the return gives it (专科及以上 for
/// primary, 本科及以上 for junior), else the column that says 高于规定学历. Raw values are field ids.
public enum RequiredDegreeField: String, Sendable, Hashable, CaseIterable, Codable {
    /// 专科及以上学历教师数: the primary stage's required degree.
    case collegeDegree = "teachers_college_degree"
    /// 本科及以上学历教师数: the junior stage's required degree.
    case bachelorDegree = "teachers_bachelor_degree"
    /// 高于规定学历教师数 as the return wrote it, the degree left to the school.
    case aboveRequiredDegree = "teachers_above_required_degree"
}
