/// How a county rate is held against its target: at least (`>=`, an enrolment rate) or at most
/// (`<=`, a dropout rate). The raw values are what standards.yml and the warehouse write.
public enum Comparison: String, Sendable, Hashable, CaseIterable, Codable {
    case atLeast = ">="
    case atMost = "<="

    /// ≥ or ≤, as reports print it.
    public var symbol: String {
        switch self {
        case .atLeast: return "≥"
        case .atMost: return "≤"
        }
    }
}
