#if DEBUG
/// Debug-only fault injection for tests (`@testable import EduZip`). Bound for one test's task
/// with `ZipTestHooks.$current.withValue(hooks) { … }`; a `FileReader` or `RawInflater` made
/// inside that scope keeps the hooks for its life, so tests running in parallel never see each
/// other's. Only that test's task touches the counters, hence the unchecked Sendable.
final class ZipTestHooks: @unchecked Sendable {
    @TaskLocal static var current: ZipTestHooks?

    /// Calls of zlib's inflate() made (or faked) so far.
    var inflateCalls = 0
    /// pread(2) calls made so far.
    var readCalls = 0
    /// When set, inflate() call number `afterCalls` (0-based) and every later one return `code`
    /// without calling zlib: no input consumed, no output produced.
    var forcedInflateResult: (afterCalls: Int, code: Int32)?
    /// When set, inflateInit2 is not called and this code is reported instead.
    var forcedInitResult: Int32?
    /// When set, each pread(2) asks for at most this many bytes (short reads).
    var maxBytesPerRead: Int?

    init() {}
}
#endif
