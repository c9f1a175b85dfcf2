import ArgumentParser

@main
struct EduETL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eduetl",
        abstract: "Reads Chinese school statistical returns (XLSX, CSV) into a SQLite warehouse.",
        subcommands: [InspectCommand.self, HeadersCommand.self])
}
