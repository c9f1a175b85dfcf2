import ArgumentParser
import Dispatch
import EduStandards
import EduWeb
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves the warehouse's pages (returns uploaded, county summaries, the ranking, the checks, the pipelines) in the browser.",
        discussion: "Pages are rendered on this machine from the warehouse, in Chinese, with no scripts from elsewhere. It listens on "
            + "127.0.0.1 (this machine only) unless --bind names another address; then every request must carry the token it prints "
            + "(open the address it prints, with ?token=…, once). Uploaded returns are kept in uploads/, a folder an upload, "
            + "and ingested one upload at a time. Stop it with Ctrl-C. Exit status 2 for a bad option, 3 when it cannot listen.")

    @Option(help: "The warehouse file.")
    var db = "warehouse.sqlite"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "The address to listen on: 127.0.0.1 (default, this machine only), or e.g. 0.0.0.0 for the office network (a token is then required).")
    var bind = "127.0.0.1"

    /// The catalogue uploaded returns are read with.
    @OptionGroup var catalogueOption: CatalogueOption

    @OptionGroup var standardsOption: StandardsOption

    /// The checks, read again at every county and audit page: an edited threshold counts on the next page.
    @OptionGroup var checksOption: ChecksOption

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port \(port) is not a port (0 to 65535).") }
        if bind.isEmpty { throw ValidationError("--bind needs an address, e.g. 127.0.0.1.") }
    }

    func run() throws {
        let standards = try standardsOption.load()
        _ = try checksOption.load()  // a broken file is refused at start, with its line
        _ = try catalogueOption.load()
        let token = WebSettings.isLoopback(bind) ? nil : WebSettings.newToken()
        let settings = WebSettings(database: db, host: bind, port: port, projectFolder: FileManager.default.currentDirectoryPath,
                                   standardsPath: standardsOption.standards ?? StandardsLoader.defaultPath,
                                   checksPath: checksOption.checks, cataloguePath: catalogueOption.catalogue, token: token)
        let server = WebServer(settings: settings, standards: standards)
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { port in
                    let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
                    let address = "http://\(host):\(port)/" + (token.map { "?token=\($0)" } ?? "")
                    let output = StandardOutput()
                    output.write("eduetl serve: \(address) (warehouse \(settings.database); Ctrl-C stops it)\n")
                    output.flush()
                }
            } catch {
                outcome.failure = error
            }
            done.signal()
        }
        done.wait()
        if let failure = outcome.failure {
            throw CommandFailure.cannotServe("cannot serve on \(bind):\(port): \(failure)")
        }
    }
}

/// How the server ended, handed from its task to the waiting command.
private final class ServeOutcome: @unchecked Sendable {
    // Written once by the server's task before it signals, read after the wait.
    var failure: Error?
}
