import Foundation

/// A small thread-safe memo shared by the workers of one ingest: header texts repeat from file to
/// file (a township's template), and folding and matching them (NFKC, ICU's transform, every
/// alias) costs far more than a lookup. Cleared when it grows past `limit`, so memory stays bounded.
final class MemoCache<Key: Hashable, Value>: @unchecked Sendable {
    private var entries: [Key: Value] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int = 50_000) {
        self.limit = limit
    }

    func value(for key: Key, compute: () -> Value) -> Value {
        lock.lock()
        if let cached = entries[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let value = compute()
        lock.lock()
        if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
        entries[key] = value
        lock.unlock()
        return value
    }
}
