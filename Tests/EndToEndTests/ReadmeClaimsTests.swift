import Foundation
import Testing

/// README.md's checkable claims, each read from the README and held against what it describes:
/// the modules, the command line (run through its --help), the sample outputs it quotes, the
/// exit statuses, the catalogue's field count, the warehouse's tables and columns, the make
/// targets. A test here fails when either side changes without the other.
struct ReadmeClaimsTests {
    static let root = BinaryRunner.root

    static func readme() throws -> String {
        try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    }

    static func file(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The rows of the README table whose header line is `header`, each row's cells trimmed.
    static func table(_ header: String, in text: String) throws -> [[String]] {
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: header), "README.md has no table headed \(header)")
        return lines[(start + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// The text of every `code span` in `text`.
    static func codeSpans(_ text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// The identifiers a cell names in code spans: `a, b, c` gives a, b and c; `…` and spans that
    /// are not lists of lower-case identifiers (`indicator = 'composite'`, `831县级教育部门`) give none.
    static func identifiers(_ cell: String) -> [String] {
        codeSpans(cell).flatMap { span -> [String] in
            let names = span.components(separatedBy: ", ").filter { $0 != "…" }
            return names.allSatisfy { $0.range(of: "^[a-z_][a-z0-9_]*$", options: .regularExpression) != nil } ? names : []
        }
    }

    /// The fenced block (```) whose first line starts with `prefix`, without its fences.
    static func block(startingWith prefix: String, in text: String) throws -> String {
        let blocks = text.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let found = try #require(blocks.first { $0.drop { $0 != "\n" }.dropFirst().hasPrefix(prefix) },
                                 "README.md has no code block starting with \(prefix)")
        return String(found.drop { $0 != "\n" }.dropFirst())
    }

    // MARK: the stage table

    @Test func theStageTableNamesEveryModule() throws {
        let rows = try Self.table("| stage | module | state |", in: Self.readme())
        let named = Set(rows.flatMap { Self.codeSpans($0[1]) })
        let sources = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path)
        // The C shims and the benchmark driver are no stage of the pipeline.
        let modules = Set(sources.filter { !$0.hasPrefix("CEdu") && $0 != "EduBench" && !$0.hasPrefix(".") })
        #expect(named == modules,
                "in the table, not in Sources/: \(named.subtracting(modules).sorted()); in Sources/, not in the table: \(modules.subtracting(named).sorted())")
    }

    // MARK: the command line

    /// Each command the README's usage block shows, as words after `eduetl`.
    static let commands = [["inspect"], ["headers"], ["ingest"], ["report"], ["audit"], ["run"], ["schedule", "list"],
                           ["schedule", "run-due"], ["schedule", "install"], ["init"], ["serve"]]

    /// The options a command's --help lists (--help and --version left out).
    static func options(of command: [String]) throws -> Set<String> {
        let help = try BinaryRunner.run(command + ["--help"])
        #expect(help.status == 0, "\(command) --help: \(help.stderr)")
        let section = help.stdout.components(separatedBy: "OPTIONS:").last ?? ""
        var options = Set<String>()
        for line in section.split(separator: "\n") {
            guard let match = line.range(of: "^  (-[a-z], )?--[a-z-]+", options: .regularExpression) else { continue }
            options.insert(String(line[match].split(separator: " ").last ?? ""))
        }
        return options.subtracting(["--help", "--version"])
    }

    @Test func theUsageBlockShowsEveryCommandAndNoOther() throws {
        let usage = try Self.block(startingWith: "eduetl inspect FILE...", in: Self.readme())
        let shown = usage.split(separator: "\n").filter { $0.hasPrefix("eduetl ") }
            .map { $0.split(separator: " ").dropFirst().first.map(String.init) ?? "" }
        let help = try BinaryRunner.run(["--help"])
        let section = help.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let subcommands = section.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }.filter { $0 != "See" && $0 != "help" }
        #expect(Set(shown) == Set(subcommands + ["--version"]), "README shows \(Set(shown).sorted())")
        let schedule = usage.split(separator: "\n").filter { $0.hasPrefix("eduetl schedule ") }
            .compactMap { $0.split(separator: " ").dropFirst(2).first.map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "[]")) } }
        #expect(Set(schedule) == ["list", "run-due", "install"], "\(schedule)")
    }

    /// Each option line says in brackets which commands take it (`--standards` is ingest's and
    /// report's, not run's: a pipeline names its own); every option of every command is there.
    @Test func everyOptionIsShownWithExactlyTheCommandsThatTakeIt() throws {
        let usage = try Self.block(startingWith: "eduetl inspect FILE...", in: Self.readme())
        var shown: [String: Set<String>] = [:]
        for line in usage.split(separator: "\n") where line.hasPrefix("  --") {
            let bracket = try #require(line.range(of: #"\[[a-z, -]+\]"#, options: .regularExpression), "no [commands] in: \(line)")
            let takers = Set(line[bracket].dropFirst().dropLast().components(separatedBy: ", "))
            for flag in line[..<bracket.lowerBound].split(separator: " ") where flag.hasPrefix("--") {
                shown[String(flag.trimmingCharacters(in: CharacterSet(charactersIn: ",")))] = takers
            }
        }
        var actual: [String: Set<String>] = [:]
        for command in Self.commands {
            for option in try Self.options(of: command) { actual[option, default: []].insert(command.joined(separator: " ")) }
        }
        #expect(!actual.isEmpty)
        for (flag, takers) in actual.sorted(by: { $0.key < $1.key }) {
            #expect(shown[flag] == takers, "\(flag): README says \(shown[flag]?.sorted() ?? []), the commands' --help \(takers.sorted())")
        }
        #expect(Set(shown.keys).subtracting(actual.keys).isEmpty, "no command takes \(Set(shown.keys).subtracting(actual.keys).sorted())")
    }

    // MARK: outputs quoted

    @Test func thePasswordMessageIsWhatTheBinaryPrints() throws {
        let shown = try Self.block(startingWith: "eduetl: 县A_2024.xlsx: ", in: Self.readme())
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Excel's encryption: an OLE2 container holding EncryptedPackage (Scripts/fixtures/make_zip_fixtures.py).
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Tests/EduZipTests/Fixtures/compound_encrypted.xlsx"),
                                         to: folder.appendingPathComponent("县A_2024.xlsx"))
        let result = try BinaryRunner.run(["inspect", "县A_2024.xlsx"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == shown)
    }

    @Test func theCSVSummaryIsWhatInspectPrints() throws {
        let shown = try Self.block(startingWith: "SampleInputs/白沙乡_2024_中小学.csv: CSV", in: Self.readme())
        let result = try BinaryRunner.run(["inspect", "SampleInputs/白沙乡_2024_中小学.csv"], in: Self.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == shown)
    }

    @Test func theCellsShownAreAmongWhatInspectPrints() throws {
        let readme = try Self.readme()
        let found = readme.range(of: "`eduetl inspect --cells (SampleInputs/[^`]+)`", options: .regularExpression)
        let command = try #require(found, "README.md names no sample for --cells")
        let path = String(readme[command].dropFirst("`eduetl inspect --cells ".count).dropLast())
        let shown = try Self.block(startingWith: "{\"sheet\": ", in: readme).split(separator: "\n")
        let result = try BinaryRunner.run(["inspect", "--cells", path], in: Self.root)
        #expect(result.status == 0, "\(result.stderr)")
        let printed = Set(result.stdout.split(separator: "\n"))
        #expect(!shown.isEmpty)
        for line in shown { #expect(printed.contains(line), "\(path) does not print \(line)") }
    }

    // MARK: exit statuses

    @Test func theExitStatusTableIsExitStatusSwift() throws {
        let readme = try Self.readme()
        let rows = try Self.table("| status | meaning |", in: readme)
        let source = try Self.file("Sources/eduetl/ExitStatus.swift")
        let cases = source.split(separator: "\n").compactMap { line -> String? in
            guard let match = line.range(of: #"^\s+case [a-zA-Z]+ = [0-9]+$"#, options: .regularExpression) else { return nil }
            return line[match].split(separator: " ").last.map(String.init)
        }
        #expect(rows.map { $0[0] } == cases, "README's statuses \(rows.map { $0[0] }), ExitStatus's \(cases)")
        #expect(readme.contains("decided in one place, `Sources/eduetl/ExitStatus.swift`"))

        // The usage errors the table gives as examples end with 2 and create nothing.
        let usage = try #require(rows.first { $0[0] == "2" })
        let examples = Self.codeSpans(usage[1]).filter { $0.hasPrefix("--") }
        #expect(examples.count == 2, "\(examples)")
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        for example in examples {
            let result = try IngestCommandTests.ingest([IngestCommandTests.samples.appendingPathComponent("桃源乡2024年学校基本数据.csv").path],
                                                       db: db, example.components(separatedBy: " "))
            #expect(result.status == 2, "\(example): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: db.path), "\(example) created the warehouse")
        }
    }

    // MARK: the catalogue

    @Test func theFieldCountIsTheCatalogues() throws {
        let readme = try Self.readme().replacingOccurrences(of: "\n", with: " ")
        let found = readme.range(of: #"catalogue: [0-9]+ canonical fields, [0-9]+ of a school"#, options: .regularExpression)
        let claim = try #require(found, "README.md no longer says how many fields the catalogue has")
        let numbers = readme[claim].split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .punctuationCharacters)) }
        let foundRates = readme.range(of: #"[0-9]+ county rates"#, options: .regularExpression)
        let rates = try #require(foundRates, "README.md no longer says how many county rates the catalogue has")
        // fields: is a list of `- id:` items, each with its `kind:`, up to the next top-level key.
        let lines = try Self.file("Pipelines/catalogue.yml").components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "fields:"))
        let fields = lines[(start + 1)...].prefix { $0.isEmpty || $0.hasPrefix(" ") || $0.hasPrefix("#") }
        let ids = fields.filter { $0.hasPrefix("  - id: ") }
        let rateFields = fields.filter { $0.trimmingCharacters(in: .whitespaces) == "kind: rate" }
        #expect(ids.count > 20, "the catalogue's fields were not found")
        #expect(numbers == [ids.count, ids.count - rateFields.count], "README says \(readme[claim]); the catalogue has \(ids.count) fields, \(rateFields.count) rates")
        #expect(Int(readme[rates].split(separator: " ")[0]) == rateFields.count, "README says \(readme[rates])")
    }

    // MARK: the warehouse

    @Test func theTablesAndColumnsShownAreTheWarehouses() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("w.sqlite")
        let ingest = try IngestCommandTests.ingest([IngestCommandTests.samples.appendingPathComponent("桃源乡2024年学校基本数据.csv").path], db: db)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let objects = Set(try WarehouseQuery.lines(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"))
        #expect(objects.count > 20)

        let readme = try Self.readme()
        let rows = try Self.table("| name | what it holds |", in: readme) + Self.table("| view | one row per | columns |", in: readme)
        for row in rows {
            let names = Self.identifiers(row[0])
            #expect(!names.isEmpty && Set(names).isSubset(of: objects), "\(row[0]): not in a new warehouse")
            var columns = Set<String>()
            for name in names where objects.contains(name) {
                columns.formUnion(try WarehouseQuery.lines(db, "SELECT name FROM pragma_table_info(\(name.sqlQuoted))"))
            }
            let shown = Set(row.dropFirst().flatMap(Self.identifiers))
            #expect(shown.isSubset(of: columns), "\(row[0]): no column \(shown.subtracting(columns).sorted())")
        }
        // And every table and view a warehouse has is named somewhere in the README.
        let named = Set(Self.codeSpans(readme.replacingOccurrences(of: "```", with: "")))
        #expect(objects.subtracting(named).isEmpty, "not in README.md: \(objects.subtracting(named).sorted())")
    }

    // MARK: make

    @Test func theMakeTargetsAreTheMakefiles() throws {
        let readme = try Self.readme()
        var shown = Set<String>()
        var rest = readme[...]
        while let match = rest.range(of: #"make [a-z][a-z-]*"#, options: .regularExpression) {
            shown.insert(String(rest[match].dropFirst("make ".count)))
            rest = rest[match.upperBound...]
        }
        let phony = try #require(try Self.file("Makefile").split(separator: "\n").first { $0.hasPrefix(".PHONY:") })
        let targets = Set(phony.dropFirst(".PHONY:".count).split(separator: " ").map(String.init))
        #expect(shown == targets, "README only: \(shown.subtracting(targets).sorted()); Makefile only: \(targets.subtracting(shown).sorted())")
    }
}
