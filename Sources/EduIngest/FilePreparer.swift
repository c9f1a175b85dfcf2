import EduCSV
import EduCore
import EduNormalise
import EduWarehouse
import Foundation

/// Reads and normalises one file, off the writer's thread: its digest, its sheets' records with
/// year and county settled. A file that cannot be read is a reason, not a stop.
struct FilePreparer: Sendable {
    let normaliser: Normaliser
    let resolver: RecordResolver
    let csv: CSVOptions
    let settings: String

    enum Prepared {
        case ready(FileToLoad)
        /// The same bytes are in the warehouse already.
        case unchanged(SourceFile)
        case rejected(SourceFile, String)

        var warnings: [String] {
            if case .ready(let file) = self { return file.warnings }
            return []
        }
    }

    /// A path that cannot be read (missing, a folder that cannot be listed), recorded as rejected with why.
    func rejected(path: String, because problem: IngestError) -> Prepared {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let format = RegularFile.isFolder(path) ? SourceFormat.folder : OpenedFile.format(ofName: path).map(SourceFormat.init) ?? .unknown
        return .rejected(SourceFile(path: path, absolutePath: absolute, sha256: "", bytes: 0, format: format, settings: settings), "\(problem)")
    }

    func prepare(path: String, knownDigests: Set<String>) -> Prepared {
        // Only a regular file is opened: a FIFO named .csv would wait for a writer forever.
        do {
            try RegularFile.check(path)
        } catch {
            return rejected(path: path, because: error)
        }
        let absolute = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let format = OpenedFile.format(of: path)
        var source = SourceFile(path: path, absolutePath: absolute, sha256: "", bytes: 0, format: SourceFormat(format), settings: settings)
        do {
            (source.sha256, source.bytes) = try FileDigest.sha256(path: path)
        } catch {
            return .rejected(source, "\(error)")
        }
        if knownDigests.contains(source.sha256) { return .unchanged(source) }
        do {
            let file = try OpenedFile.open(path, csv: csv)
            source.details = file.details.joined(separator: ", ")
            var normalised: [NormalisedSheet] = []
            var warnings = FileWarnings()
            for description in file.sheets {
                var rows = try file.rows(description)
                normalised.append(try normaliser.normalise(&rows))
                warnings.add(contentsOf: rows.warnings.map(\.description))
            }
            // The county a file names may stand in one sheet's title only (一览表) or in its name.
            let county = RecordResolver.FileCounty(path: path, sheets: normalised, catalogue: resolver.catalogue)
            let sheets = normalised.map { resolver.resolve($0, file: county, warnings: &warnings) }
            if !sheets.contains(where: { !$0.records.isEmpty || !$0.rejects.isEmpty }) {
                return .rejected(source, "no sheet holds a table or form of school figures the catalogue recognises; `eduetl headers \(path)` shows "
                    + "what was found")
            }
            return .ready(FileToLoad(source: source, sheets: sheets, warnings: warnings.list,
                                     countyNames: CountyNameReader.evidence(in: sheets)))
        } catch {
            return .rejected(source, "\(error)")
        }
    }
}

extension SourceFormat {
    /// How `source_files.format` records a file opened in this format.
    init(_ format: OpenedFile.Format) {
        switch format {
        case .xlsx: self = .xlsx
        case .xls: self = .xls
        case .csv: self = .csv
        }
    }
}
