import EduNormalise
import EduStandards
import Foundation

/// The SQLite warehouse: one file, WAL mode, schema migrations from the first version on. One
/// writer; every file loads in one transaction, so a reader (the sqlite3 shell) sees the
/// warehouse before or after each file, never half of one, and a load killed at any point
/// leaves it consistent.
public final class Warehouse {
    public let path: String
    let connection: SQLiteConnection
    lazy var statements = Statements(connection: connection)

    /// The connection's settings: WAL (readers never block the writer, nor see half a file),
    /// synchronous NORMAL (safe against a killed process), foreign keys enforced, and a 64 MiB
    /// page cache so a large file's transaction keeps its index pages in memory.
    public static let pragmas = "PRAGMA journal_mode = WAL; " + connectionPragmas

    /// The same without the switch to WAL, which `switchToWAL` makes first, retried.
    static let connectionPragmas = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;"

    public init(path: String) throws(WarehouseError) {
        self.path = path
        SQLiteConnection.configureOnce()
        try Self.refuseForeignDatabase(path: path)
        connection = try SQLiteConnection(path: path)
        do {
            try Self.switchToWAL(connection)
            try connection.execute(Self.connectionPragmas)
            try migrate()
        } catch let error as WarehouseError {
            throw error
        } catch {
            throw WarehouseError(.cannotOpen("\(error)"), database: path)
        }
    }

    /// Copies the catalogue's fields and counties, so queries can name them.
    public func syncCatalogue(_ catalogue: Catalogue) throws {
        try connection.transaction {
            let field = try connection.prepare("""
                INSERT INTO fields (id, name, kind, unit) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, unit = excluded.unit
                """)
            for definition in catalogue.fields {
                try field.run([.text(definition.id), .text(definition.name), .text(definition.kind.rawValue), .optional(definition.unit)])
            }
            let county = try connection.prepare("INSERT INTO counties (code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name")
            for entry in catalogue.counties {
                try county.run([.text(entry.code), .text(entry.name)])
            }
        }
    }

    // MARK: files

    /// The file loaded with these bytes and these settings (flags, catalogue), if any: loading it
    /// again changes nothing. A superseded version's bytes load again: they are the newest now.
    public func loadedFile(sha256: String, settings: String) throws -> (id: Int64, path: String)? {
        guard let row = try statements.loadedBySHA.rows([.text(sha256), .text(settings)]).first else { return nil }
        return (try row.requiredInt("id", database: path), try row.requiredText("path", database: path))
    }

    /// Records a file that could not be read or normalised, with the reason; the batch goes on.
    public func recordRejectedFile(_ source: SourceFile, reason: String, run: Int64) throws {
        try connection.transaction {
            try statements.insertFile.run([
                .text(source.path), .text(source.absolutePath), .text(source.sha256), .int(Int64(source.bytes)),
                .text(source.format.rawValue), .null, .optional(source.details), .text(Self.now()), .text(FileStatus.rejected.rawValue),
                .text(reason), .int(run),
                .text(source.settings),
            ])
            let fileID = connection.lastInsertID
            try statements.insertReject.run([.int(fileID), .null, .null, .null, .null, .null, .text(reason)])
        }
    }

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}

extension Warehouse {
    /// The digests of the files loaded with these settings: their bytes need not be read again.
    public func loadedDigests(settings: String) throws -> Set<String> {
        Set(try connection.prepare("SELECT sha256 FROM source_files WHERE status = 'loaded' AND load_settings = ?")
            .rows([.text(settings)]).compactMap { $0.first?.text })
    }
}

extension Warehouse {
    /// Replaces the standards' tables with the file's figures, so the views measure against them.
    public func syncStandards(_ standards: Standards) throws {
        try connection.transaction {
            try connection.execute("""
                DELETE FROM standard_cv_limits; DELETE FROM standard_indicators; DELETE FROM quality_minimums;
                DELETE FROM compliance_rule; DELETE FROM exclusion_rules; DELETE FROM county_rate_targets;
                DELETE FROM scale_limits; DELETE FROM county_target_overrides;
                """)
            let limit = try connection.prepare("INSERT INTO standard_cv_limits (standard, stage, cv_limit) VALUES (?, ?, ?)")
            for (standard, stages) in standards.cvLimits {
                for (stage, value) in stages { try limit.run([.text(standard.rawValue), .text(stage.rawValue), .double(value)]) }
            }
            let indicator = try connection.prepare("INSERT INTO standard_indicators (standard, indicator, position) VALUES (?, ?, ?)")
            for (standard, ids) in [(BalanceStandard.basic, standards.basicIndicators), (.quality, standards.qualityIndicators)] {
                for (position, id) in ids.enumerated() { try indicator.run([.text(standard.rawValue), .text(id), .int(Int64(position))]) }
            }
            let minimum = try connection.prepare("INSERT INTO quality_minimums (indicator, stage, minimum) VALUES (?, ?, ?)")
            for entry in standards.qualityMinimums {
                for (stage, value) in entry.minimums { try minimum.run([.text(entry.indicator), .text(stage.rawValue), .double(value)]) }
            }
            try connection.prepare("INSERT INTO compliance_rule (min_met, unmet_floor) VALUES (?, ?)")
                .run([.int(Int64(standards.minMet)), .double(standards.unmetFloor)])
            let exclusion = try connection.prepare("INSERT INTO exclusion_rules (school_type, below_students, reason) VALUES (?, ?, ?)")
            for rule in standards.exclusions { try exclusion.run([.text(rule.schoolType), .optional(rule.belowStudents), .text(rule.reason)]) }
            let target = try connection.prepare("INSERT INTO county_rate_targets (indicator, target, comparison) VALUES (?, ?, ?)")
            for entry in standards.countyTargets { try target.run([.text(entry.indicator), .double(entry.target), .text(entry.comparison.rawValue)]) }
            let scale = try connection.prepare("INSERT INTO scale_limits (kind, applies_to, maximum) VALUES (?, ?, ?)")
            let limits = standards.scaleLimits
            for (stage, maximum) in limits.classSize { try scale.run([.text("class_size"), .text(stage.rawValue), .double(maximum)]) }
            for (stage, maximum) in limits.schoolSizeByStage { try scale.run([.text("school_size"), .text(stage.rawValue), .double(maximum)]) }
            for (type, maximum) in limits.schoolSizeByType { try scale.run([.text("school_size"), .text(type), .double(maximum)]) }
            let plan = try connection.prepare("INSERT INTO county_target_overrides (county_code, indicator, target) VALUES (?, ?, ?)")
            for (county, targets) in standards.countyPlans {
                for (indicator, value) in targets { try plan.run([.text(county), .text(indicator), .double(value)]) }
            }
        }
    }
}
