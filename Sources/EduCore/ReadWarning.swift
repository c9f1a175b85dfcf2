/// Something a reader noticed and worked around without refusing the file, such as bytes that
/// were not valid in the file's encoding and were replaced. Later stages record these with the
/// load, so nothing is lost silently.
public struct ReadWarning: Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// "白沙乡.csv › 白沙乡!B7: 3 bytes ...".
    public var description: String { "\(location): \(message)" }
}
