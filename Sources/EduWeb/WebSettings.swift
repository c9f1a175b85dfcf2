import Foundation

/// How `eduetl serve` runs: the warehouse, where it listens, the project folder its pipelines and
/// YAML files are in, and the token asked of every request when it listens beyond this machine.
public struct WebSettings: Sendable {
    public var database: String
    public var host: String
    public var port: Int
    /// The folder holding Pipelines/ (the project root).
    public var projectFolder: String
    public var standardsPath: String
    /// The checks (审核) file, read again and synced at every county and audit page (as `eduetl report`
    /// and `eduetl audit` do); nil: $EDUETL_CHECKS, else Pipelines/checks.yml, else the built-in ones.
    public var checksPath: String?
    /// The catalogue uploads are read with; nil: $EDUETL_CATALOGUE, else Pipelines/catalogue.yml, else the built-in one.
    public var cataloguePath: String?
    /// Where uploaded returns are kept, a folder an upload.
    public var uploadFolder: String
    /// The largest file and the largest upload taken; beyond them nothing of the upload is saved.
    public var uploadFileLimit = 64 << 20
    public var uploadTotalLimit = 256 << 20
    /// Carried by every form and checked on every POST: a page elsewhere cannot make the browser post here.
    public var csrf: String = WebSettings.newToken()
    /// Asked of every request (`?token=`, then a cookie) when `host` is not a loopback address; nil on loopback.
    public var token: String?

    public init(database: String, host: String = "127.0.0.1", port: Int = 8080, projectFolder: String = ".",
                standardsPath: String, checksPath: String? = nil, cataloguePath: String? = nil, uploadFolder: String = "uploads",
                token: String? = nil) {
        self.database = database
        self.host = host
        self.port = port
        self.projectFolder = projectFolder
        self.standardsPath = standardsPath
        self.checksPath = checksPath
        self.cataloguePath = cataloguePath
        self.uploadFolder = uploadFolder
        self.token = token
    }

    /// 127.0.0.0/8, ::1 and localhost: only this machine can reach the page.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// A token for a server bound beyond loopback: 32 hex digits from the system's random source.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
