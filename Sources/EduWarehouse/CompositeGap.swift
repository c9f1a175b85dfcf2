import Foundation

/// Why a basic indicator gives the composite CV no CV, read from county_balance's `composite_note`
/// ("books_per_student: no school reported books; teachers_per_student: the mean is 0"), so a
/// report can word it in its own language. Text the note may hold in another form is kept as written.
public struct CompositeGap: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// No counted school reported the field the indicator divides (`field`, a catalogue id).
        case noSchoolReported(field: String)
        /// The schools' mean is 0, so the CV (S / mean) has no value.
        case meanIsZero
        /// A reason worded otherwise, as the note gives it.
        case other(String)
    }

    /// The indicator id, or the note's text before its colon.
    public var indicator: String
    public var reason: Reason

    public init(indicator: String, reason: Reason) {
        self.indicator = indicator
        self.reason = reason
    }

    /// The note's parts, in its order; none for a NULL or empty note.
    public static func parse(_ note: String?) -> [CompositeGap] {
        guard let note else { return [] }
        return note.split(separator: ";").compactMap { part -> CompositeGap? in
            let text = part.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let colon = text.firstIndex(of: ":") else { return CompositeGap(indicator: "", reason: .other(text)) }
            let indicator = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
            let rest = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            let reported = "no school reported "
            if rest.hasPrefix(reported) {
                return CompositeGap(indicator: indicator, reason: .noSchoolReported(field: String(rest.dropFirst(reported.count))))
            }
            if rest == "the mean is 0" { return CompositeGap(indicator: indicator, reason: .meanIsZero) }
            return CompositeGap(indicator: indicator, reason: .other(rest))
        }
    }
}
