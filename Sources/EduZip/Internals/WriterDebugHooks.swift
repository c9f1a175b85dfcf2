#if DEBUG
/// Debug-only fault injection for the writer's tests (`@testable import EduZip`), bound for one
/// test's task with `ZipWriterTestHooks.$current.withValue(hooks) { … }`. A `ZipWriter` (its
/// file and deflaters) made inside that scope keeps the hooks for its life, so tests running in
/// parallel never see each other's. Only that test's task touches the counters.
final class ZipWriterTestHooks: @unchecked Sendable {
    @TaskLocal static var current: ZipWriterTestHooks?

    /// Calls of zlib's deflate() made (or faked) so far.
    var deflateCalls = 0
    /// write(2) and pwrite(2) calls made so far.
    var writeCalls = 0
    /// When set, deflate() call number `afterCalls` (0-based) and every later one return `code`
    /// without calling zlib.
    var forcedDeflateResult: (afterCalls: Int, code: Int32)?
    /// When set, deflateInit2 is not called and this code is reported instead.
    var forcedDeflateInitResult: Int32?
    /// When set, each write(2) is asked for at most this many bytes (short writes).
    var maxBytesPerWrite: Int?
    /// When set, a write that would take the file past this many bytes fails with `errno`
    /// (ENOSPC: a full disk).
    var failWritesPast: (bytes: UInt64, errno: Int32)?

    init() {}
}
#endif
