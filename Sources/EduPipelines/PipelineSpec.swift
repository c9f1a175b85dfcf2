import EduAudit
import EduConfig
import EduIngest
import EduNormalise
import EduReports
import EduStandards

/// One scheduled pipeline, as its file (Pipelines/*.yml) describes it: what to ingest, into which
/// warehouse, which summaries to export where, and when. Relative paths are relative to the folder
/// eduetl runs in (the project root), as the command line's own defaults are.
public struct PipelineSpec: Sendable, Equatable {
    /// The pipeline's name: letters, digits, `.`, `_` and `-` (it names the run's state and lock).
    public var name: String
    /// Folders, files or glob patterns in the last path component (`returns/*.xlsx`) to ingest;
    /// folders are searched recursively. Each may carry its own year and county; a file several
    /// inputs reach takes the most specific one's.
    public var inputs: [IngestInput]
    /// The SQLite warehouse (created when missing).
    public var warehouse: String
    /// The year for returns whose fields and title name none (as `--year`).
    public var year: Int?
    /// The six-digit county code for returns that name none (as `--county`).
    public var county: String?
    /// The catalogue of fields and aliases.
    public var catalogue: String
    /// The standards the summaries measure against.
    public var standards: String
    /// The checks (审核) the ingest syncs into the warehouse for audit_findings.
    public var checks: String = PipelineSpec.defaultChecks
    /// The summaries to export after the ingest; nil for an ingest-only pipeline.
    public var exports: Exports?
    /// Whether the checks' findings (审核) are written beside the exports, and whether an error stops
    /// them; nil (no `audit` key) for no audit.
    public var audit: AuditMode?
    /// When it runs; nil for a pipeline run only on demand.
    public var schedule: CronSchedule?
    /// The file it was read from (or the name given to the text).
    public var source: String
    /// What the file wrote otherwise than it was read (a county code in full-width digits), to say when it runs.
    public var notes: [String] = []

    public static let defaultCatalogue = CatalogueLoader.defaultPath
    public static let defaultStandards = StandardsLoader.defaultPath
    public static let defaultChecks = AuditRulesLoader.defaultPath

    public init(name: String, inputs: [IngestInput], warehouse: String, year: Int? = nil, county: String? = nil,
                catalogue: String = PipelineSpec.defaultCatalogue, standards: String = PipelineSpec.defaultStandards,
                exports: Exports? = nil, audit: AuditMode? = nil, schedule: CronSchedule? = nil, source: String = "") {
        self.name = name
        self.inputs = inputs
        self.warehouse = warehouse
        self.year = year
        self.county = county
        self.catalogue = catalogue
        self.standards = standards
        self.exports = exports
        self.audit = audit
        self.schedule = schedule
        self.source = source
    }

    /// The county summaries a pipeline writes (as `eduetl report`).
    public struct Exports: Sendable, Equatable {
        /// The formats, in the file's order, each once.
        public var formats: [ReportFormat]
        /// The folder the dated files go into.
        public var destination: String
        /// The counties to summarise (six-digit codes); nil for every county in the warehouse.
        public var counties: [String]?
        /// Whether the ranking of every county of each year exported (`county_overview`, as `eduetl report
        /// --all-counties` writes it) goes beside the summaries, in the same formats (`ranking: true`).
        public var ranking: Bool

        public init(formats: [ReportFormat], destination: String, counties: [String]? = nil, ranking: Bool = false) {
            self.formats = formats
            self.destination = destination
            self.counties = counties
            self.ranking = ranking
        }
    }
}

/// What a pipeline does with the checks' findings (`audit:`) after the ingest, for each county and
/// year it exports: `eduetl audit`'s summary logged and its files (the export formats among xlsx,
/// csv and json) written beside the exports.
public enum AuditMode: String, Sendable, Equatable, CaseIterable {
    /// The findings are written and summed up; the county summaries are exported whatever they are.
    case report
    /// As `report`, but when any finding is an error the county summaries are not exported and the
    /// run fails, saying how many errors there are.
    case stopOnError = "stop-on-error"
}

/// A pipeline file that cannot be used, with the line it broke on:
/// `annual-returns.yml line 7: schedule "61 * * * *": minute 61 is out of range 0-59`.
public typealias PipelineError = ConfigError
