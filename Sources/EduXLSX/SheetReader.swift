import EduCore
import EduZip

/// Streams one worksheet's rows: the sheet part is inflated in chunks straight into libxml2's
/// SAX2 push parser, and rows are handed out as they complete, so memory stays flat however
/// many rows the sheet has. Merged ranges are stored after the cells in the XML, so
/// `mergedRanges` is complete once `nextRow()` has returned nil.
public final class SheetReader: RowSource {
    public let sheet: SheetDescription
    /// The used range the sheet declares in <dimension> (producers do not always keep it right).
    public var declaredDimension: CellRange? { handler.declaredDimension }
    public var mergedRanges: [CellRange] { handler.mergedRanges }

    private let path: String
    private let part: String
    private let stream: ZipEntryStream?
    private let parser: XMLPushParser
    private let handler: SheetContentHandler
    private var buffer: UnsafeMutableRawBufferPointer
    private var pending: [Row] = []
    private var deferredError: (any Error)?
    private var nextIndex = 0
    private var ended = false

    static let chunkSize = 64 * 1024

    init(workbook: Workbook, sheet: SheetDescription, part: String) throws {
        self.sheet = sheet
        self.path = workbook.path
        self.part = part
        handler = SheetContentHandler(sharedStrings: workbook.sharedStrings, styles: workbook.styles,
                                      uses1904DateSystem: workbook.uses1904DateSystem)
        do {
            parser = try XMLPushParser(handler: handler)
        } catch {
            throw XLSXError(error, at: SourceLocation(file: workbook.path, entry: part, sheet: sheet.name))
        }
        // A sheet listed in the workbook without a part reads as empty, as Excel shows it.
        if let entry = workbook.archive.entry(named: part) {
            do {
                stream = try workbook.archive.openStream(entry)
            } catch {
                throw XLSXError(.archive(error.description), at: SourceLocation(file: workbook.path, entry: part))
            }
        } else {
            stream = nil
        }
        buffer = .allocate(byteCount: Self.chunkSize, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    /// The next row with at least one non-empty cell, or nil at the end of the sheet.
    public func nextRow() throws -> Row? {
        while nextIndex == pending.count {
            if let error = deferredError {
                deferredError = nil
                throw error
            }
            guard !ended else { return nil }
            do {
                try feedNextChunk()
            } catch {
                // Rows completed before the bad spot are handed out first; the error follows.
                deferredError = error
            }
            pending = handler.takeCompletedRows()
            nextIndex = 0
        }
        defer { nextIndex += 1 }
        return pending[nextIndex]
    }

    private func feedNextChunk() throws {
        guard let stream else {
            ended = true
            return
        }
        do {
            let count = try stream.read(into: buffer)
            try parser.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count]), isLast: count == 0)
            if count == 0 { ended = true }
        } catch let reason as XLSXError.Reason {
            ended = true
            throw XLSXError(reason, at: SourceLocation(file: path, entry: handler.failureCell == nil ? part : nil,
                                                       sheet: handler.failureCell == nil ? nil : sheet.name,
                                                       cell: handler.failureCell))
        } catch let error as ZipError {
            ended = true
            throw XLSXError(.archive(error.description), at: SourceLocation(file: path, entry: part))
        }
    }
}
