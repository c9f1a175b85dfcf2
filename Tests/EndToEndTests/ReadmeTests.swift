import Foundation
import Testing

/// The README is the manual: every subcommand the binary offers must be shown there.
@Suite struct ReadmeTests {
    @Test func everySubcommandIsInTheReadme() throws {
        let help = try BinaryRunner.run(["--help"])
        #expect(help.status == 0)
        let readme = try String(contentsOf: BinaryRunner.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = help.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        var subcommands: [String] = []
        for line in section.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
            let name = String(line.split(separator: " ")[0])
            if name != "See" && name != "help" { subcommands.append(name) }
        }
        #expect(!subcommands.isEmpty)
        for name in subcommands {
            #expect(readme.contains("eduetl \(name)"), "README.md does not show `eduetl \(name)`")
        }
    }
}
