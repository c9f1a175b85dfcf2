import EduCore

/// Guards against hostile archives, checked from the central directory when an archive is
/// opened, before anything is inflated: a zip bomb is refused in milliseconds. Declared sizes
/// can lie, so streams also refuse output past an entry's declared size.
public struct ZipLimits: Hashable, Sendable {
    /// Most entries an archive may list (a workbook has a few dozen).
    public var maxEntries: Int
    /// Largest declared uncompressed size of one entry.
    public var maxEntrySize: UInt64
    /// Largest sum of the entries' declared uncompressed sizes.
    public var maxTotalSize: UInt64
    /// Highest uncompressed/compressed ratio of an entry larger than `ratioCheckMinimumSize`.
    public var maxCompressionRatio: Double
    /// Entries up to this uncompressed size skip the ratio check (tiny parts compress very well).
    public var ratioCheckMinimumSize: UInt64

    public init(maxEntries: Int = 10_000, maxEntrySize: UInt64 = 1 << 30, maxTotalSize: UInt64 = 4 << 30,
                maxCompressionRatio: Double = 1_000, ratioCheckMinimumSize: UInt64 = 1 << 20) {
        self.maxEntries = maxEntries
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckMinimumSize = ratioCheckMinimumSize
    }

    /// 10 000 entries, 1 GiB per entry, 4 GiB in all, 1 000-fold above 1 MiB.
    public static let `default` = ZipLimits()

    /// The entry count the end-of-central-directory record declares, before any entry is read.
    func checkEntryCount(_ declared: UInt64, file: String) throws(ZipError) {
        guard declared <= UInt64(max(maxEntries, 0)) else {
            throw .limitExceeded(SourceLocation(file: file), .tooManyEntries(declared: declared, limit: maxEntries))
        }
    }

    /// One entry's declared size and ratio.
    func check(_ entry: ZipEntry, file: String) throws(ZipError) {
        let location = SourceLocation(file: file, entry: entry.name)
        guard entry.uncompressedSize <= maxEntrySize else {
            throw .limitExceeded(location, .entryTooLarge(size: entry.uncompressedSize, limit: maxEntrySize))
        }
        guard entry.uncompressedSize > ratioCheckMinimumSize else { return }
        let ratio = Double(entry.uncompressedSize) / Double(entry.compressedSize)  // +inf when 0
        guard ratio <= maxCompressionRatio else {
            throw .limitExceeded(location, .compressionRatioTooHigh(ratio: ratio, limit: maxCompressionRatio))
        }
    }

    /// Adds an entry's declared size to the running total, refusing past `maxTotalSize`.
    func addToTotal(_ total: inout UInt64, _ entry: ZipEntry, file: String) throws(ZipError) {
        let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
        total = overflow ? .max : sum
        guard total <= maxTotalSize else {
            throw .limitExceeded(SourceLocation(file: file), .totalTooLarge(total: total, limit: maxTotalSize))
        }
    }
}
