import EduNormalise

/// A file read and normalised, its records' year and county settled: what the warehouse loads
/// in one transaction.
public struct FileToLoad: Sendable {
    public var source: SourceFile
    public var sheets: [SheetToLoad]
    /// What the reader worked around (replaced bytes ...), kept with the file.
    public var warnings: [String]
    /// The counties' names as the file writes them (a county-name cell, a title, the schools' names).
    public var countyNames: [CountyNameEvidence]

    public init(source: SourceFile, sheets: [SheetToLoad], warnings: [String], countyNames: [CountyNameEvidence] = []) {
        self.source = source
        self.sheets = sheets
        self.warnings = warnings
        self.countyNames = countyNames
    }
}

/// The file itself: where it is, its bytes' SHA-256, its format.
public struct SourceFile: Sendable, Hashable {
    /// As given on the command line.
    public var path: String
    /// Absolute and resolved: a new version of a return arrives at the same place.
    public var absolutePath: String
    public var sha256: String
    public var bytes: Int
    public var format: SourceFormat
    /// Encoding, delimiter, date system.
    public var details: String?
    /// What besides the bytes decides what loads (the --year and --county given, the catalogue's
    /// digest): the same bytes under other settings load again.
    public var settings: String

    public init(path: String, absolutePath: String, sha256: String, bytes: Int, format: SourceFormat, details: String? = nil,
                settings: String = "") {
        self.path = path
        self.absolutePath = absolutePath
        self.sha256 = sha256
        self.bytes = bytes
        self.format = format
        self.details = details
        self.settings = settings
    }
}

public struct SheetToLoad: Sendable {
    public var sheet: NormalisedSheet
    public var records: [ResolvedRecord]
    /// The sheet's rejects and the records that could not be settled (no year, no county, no code).
    public var rejects: [Reject]

    public init(sheet: NormalisedSheet, records: [ResolvedRecord], rejects: [Reject]) {
        self.sheet = sheet
        self.records = records
        self.rejects = rejects
    }
}

/// A school record with the year and county it belongs to.
public struct ResolvedRecord: Sendable {
    public var record: SchoolRecord
    public var schoolCode: String
    public var year: Int
    public var countyCode: String
    /// The school's type as the catalogue names it (教学点, 九年一贯制学校 …), for exclusions.
    public var schoolType: String?

    public init(record: SchoolRecord, schoolCode: String, year: Int, countyCode: String, schoolType: String? = nil) {
        self.record = record
        self.schoolCode = schoolCode
        self.year = year
        self.countyCode = countyCode
        self.schoolType = schoolType
    }
}

/// What loading one file did.
public struct LoadResult: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case loaded
        /// The same bytes were loaded before: nothing changed.
        case unchanged
    }

    public var outcome: Outcome
    public var fileID: Int64
    public var values: Int
    public var rejects: Int
    public var conflicts: Int
    /// Earlier versions of this file now superseded.
    public var superseded: [String]
}
