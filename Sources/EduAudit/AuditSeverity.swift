/// How sure a finding is: an error is a figure that cannot be right; a warning is unusual and
/// asks the school to confirm it.
public enum AuditSeverity: String, Sendable, CaseIterable {
    case error
    case warning
}
