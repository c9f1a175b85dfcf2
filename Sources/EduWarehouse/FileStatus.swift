/// A loaded file's standing (`source_files.status`): its values are current, a newer version of
/// the same path replaced them, or it was refused (the reason in `rejects`).
public enum FileStatus: String, Sendable, CaseIterable {
    case loaded
    case superseded
    case rejected
}

/// What a file in `source_files` was read as (`source_files.format`): a workbook, a text table,
/// or, for a refused path, a folder or a file of no known format.
public enum SourceFormat: String, Sendable, Hashable, CaseIterable {
    case xlsx
    /// A legacy Excel 97-2003 or Excel 95 workbook.
    case xls
    case csv
    case folder
    case unknown
}
