/// The two national standards for balanced compulsory education a county is judged on: the basic
/// standard (8 resource indicators, their CVs and the composite) and the quality standard (the
/// per-school minimums and the compliance rule). The raw values are the warehouse's `standard` column.
public enum BalanceStandard: String, Sendable, Hashable, CaseIterable, Codable {
    case basic
    case quality
}
