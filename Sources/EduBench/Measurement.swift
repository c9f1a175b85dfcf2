#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every case prints: one JSON line the driver (Scripts/bench/run_bench.py) reads.
struct CaseResult {
    var name: String
    var seconds: Double
    var cells: Int
    var xmlBytes: Int
    var peakRSSBytes: Int
    /// Folds every value read, so the optimiser cannot drop the work; not compared by anyone.
    var checksum: UInt64 = 0

    var jsonLine: String {
        "{\"case\":\"\(name)\",\"seconds\":\(seconds),\"cells\":\(cells),\"xml_bytes\":\(xmlBytes)"
            + ",\"peak_rss_bytes\":\(peakRSSBytes),\"checksum\":\(checksum)}"
    }
}

/// Monotonic seconds (clock_gettime(CLOCK_MONOTONIC)).
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Times one closure; returns its result and the elapsed seconds.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = monotonicSeconds()
    let value = try body()
    return (value, monotonicSeconds() - start)
}

/// The process's peak resident set so far: getrusage(RUSAGE_SELF).ru_maxrss (kB on Linux, bytes on macOS).
/// Linux keeps the peak across execve, so start EduBench from a small process (run_bench.py puts
/// a forking shell in between); exec'd straight from a big one, it reports that one's peak.
func peakRSSBytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss) * 1024
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss)
    #endif
}

/// A failure of the benchmark itself (bad arguments, an unreadable file), printed on one line.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes a line to standard error (the C `stderr` variable is off limits under Swift 6).
func printError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
