import ArgumentParser
import EduIngest
import EduWarehouse
import Foundation

/// `--year`, `--county` and `--db`, shared by the commands that read a year of the warehouse
/// (`report`, `audit`): the year checked, the warehouse opened, and the counties chosen among
/// those it has, each refusal a sentence naming what to do.
struct YearAndCountyOptions: ParsableArguments {
    @Option(help: "The school year (e.g. 2024).")
    var year: Int

    @Option(help: "The county's 行政区划代码, six digits (default: every county the warehouse has for the year).", transform: CountyArgument.parse)
    var county: CountyCode?

    @Option(help: "The warehouse file.")
    var db = "warehouse.sqlite"

    func validate() throws {
        if !(1990...2100).contains(year) { throw ValidationError("--year \(year) is not a school year; give the year it starts, e.g. 2024.") }
    }

    /// The warehouse at --db; one that is not there is refused (nothing is created).
    func openWarehouse() throws -> Warehouse {
        CountyArgument.sayFolded(county)
        guard FileManager.default.fileExists(atPath: db) else {
            throw CommandFailure.rejected("there is no warehouse at \(db); `eduetl ingest` first, or name it with --db.")
        }
        return try Warehouse(path: db)
    }

    /// The warehouse with `checks` read again and synced, so the findings follow the file as it is now;
    /// a broken file is refused (with its line) before the warehouse is touched.
    func openWarehouse(syncing checks: ChecksOption) throws -> Warehouse {
        let rules = try checks.load()
        let warehouse = try openWarehouse()
        try warehouse.syncAuditRules(rules)
        return warehouse
    }

    /// The counties to write, among those the warehouse has values for in the year: --county's, else all.
    func chosen(among counties: [String]) throws -> [String] {
        guard !counties.isEmpty else {
            throw CommandFailure.rejected("the warehouse has no school values for \(year); `eduetl ingest` first.")
        }
        guard let county = county?.digits else { return counties }
        guard counties.contains(county) else {
            throw CommandFailure.rejected("the warehouse has no school values for county \(county) in \(year) "
                                          + "(it has \(counties.joined(separator: ", "))).")
        }
        return [county]
    }
}
