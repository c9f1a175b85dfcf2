import EduWarehouse
import Foundation

/// Hands files out to the workers and their results back to the writer in file order, letting
/// the workers run at most `window` files ahead so memory stays bounded. A worker starts reading
/// a file only once the writer has recorded that it does (`run_files`): a trap while reading it
/// leaves the file named in the warehouse for the next run to report.
final class PreparedQueue: @unchecked Sendable {
    /// What the writer is handed next: file states to record, or the file it waits for.
    enum Step {
        case record([(position: Int, state: Warehouse.RunFileState)])
        case ready(FilePreparer.Prepared)
    }

    private let condition = NSCondition()
    private var next = 0
    private var written = 0
    private var ready: [Int: FilePreparer.Prepared] = [:]
    private var toRecord: [(position: Int, state: Warehouse.RunFileState)] = []
    private var recordedStarts: Set<Int> = []
    private var cancelled = false
    private let count: Int
    private let window: Int

    init(count: Int, window: Int) {
        self.count = count
        self.window = max(window, 1)
    }

    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && next < count && next - written >= window { condition.wait() }
        guard !cancelled, next < count else { return nil }
        next += 1
        return next - 1
    }

    /// Asks the writer to record that file `index` is being read and waits until it has; false
    /// when the run was cancelled meanwhile.
    func startReading(_ index: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        toRecord.append((index, .reading))
        condition.broadcast()
        while !cancelled && !recordedStarts.contains(index) { condition.wait() }
        return !cancelled
    }

    func deliver(_ index: Int, _ prepared: FilePreparer.Prepared) {
        condition.lock()
        ready[index] = prepared
        toRecord.append((index, .read))
        condition.broadcast()
        condition.unlock()
    }

    /// The writer's next step while it waits for file `index`: states to record first, so no
    /// worker waits on a file the writer is not yet loading.
    func step(_ index: Int) -> Step {
        condition.lock()
        defer { condition.unlock() }
        while ready[index] == nil && toRecord.isEmpty { condition.wait() }
        if !toRecord.isEmpty {
            defer { toRecord.removeAll() }
            return .record(toRecord)
        }
        written = index + 1
        condition.broadcast()
        guard let prepared = ready.removeValue(forKey: index) else { return .record([]) }
        return .ready(prepared)
    }

    /// The writer recorded these states: the workers waiting to read those files go on.
    func recorded(_ states: [(position: Int, state: Warehouse.RunFileState)]) {
        condition.lock()
        for entry in states where entry.state == .reading { recordedStarts.insert(entry.position) }
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
