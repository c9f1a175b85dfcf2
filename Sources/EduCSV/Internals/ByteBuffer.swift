/// A growable byte buffer the parser scans through a raw pointer. It owns its memory (freed in
/// deinit); callers reach the bytes only inside `withBytes`, so no pointer outlives a call.
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Makes room for at least `extra` more bytes after `count`.
    func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity
        while newCapacity < count + extra { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    /// Writes up to `limit` bytes at the end through `body`, which returns how many it wrote.
    func append<E: Error>(upTo limit: Int, _ body: (UnsafeMutablePointer<UInt8>) throws(E) -> Int) throws(E) {
        reserve(limit)
        let written = try body(base + count)
        precondition(written >= 0 && written <= limit)
        count += written
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.bindMemory(to: UInt8.self).baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Drops the first `prefix` bytes, moving the rest to the front.
    func removeFirst(_ prefix: Int) {
        precondition(prefix >= 0 && prefix <= count)
        guard prefix > 0 else { return }
        (base).update(from: base + prefix, count: count - prefix)
        count -= prefix
    }

    func removeAll() { count = 0 }

    func withBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}
