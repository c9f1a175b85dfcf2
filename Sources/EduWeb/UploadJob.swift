import EduIngest
import Foundation
import EduWarehouse

/// One upload (or one re-ingest after a header was confirmed) as the returns page follows it:
/// waiting its turn, being read file by file, then each file's outcome and header mapping.
struct UploadJob: Sendable {
    /// The page's address: /returns/<id>.
    var id: String
    /// The folder the upload's files were saved in, ingested as one input.
    var folder: String
    var saved: [String]
    var refused: [RefusedFile]
    var year: Int?
    var county: String?
    /// The catalogue line a confirmed header changed, when this job reads the upload again for it.
    var change: CatalogueFile.Change?
    var state: State
    /// When the worker took it up and when it was done: one upload's reading never overlaps another's.
    var started: Date?
    var finished: Date?

    struct RefusedFile: Sendable {
        var name: String
        var why: String
    }

    enum State: Sendable {
        /// Waiting for the uploads before it.
        case queued
        /// `done` of `total` files written; `last` the file just written.
        case reading(done: Int, total: Int, last: String?)
        case finished(Outcome)
        /// The warehouse or a settings file failed: nothing of this upload was kept beyond the files written.
        case failed(String)
    }

    struct Outcome: Sendable {
        var files: [Ingest.FileReport]
        /// Each file's header mapping, by the path the ingest reported.
        var mappings: [String: [HeaderMappingRow]]
    }

    var isDone: Bool {
        switch state {
        case .finished, .failed: return true
        case .queued, .reading: return false
        }
    }
}
