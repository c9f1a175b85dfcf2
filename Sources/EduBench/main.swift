#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// EduBench: one benchmark case per process, so each peak RSS is the case's own.
// Scripts/bench/run_bench.py runs the cases side by side and prints the table.
let usage = """
    usage: EduBench read-xlsx FILE
           EduBench floor-inflate FILE ENTRY
           EduBench floor-sax FILE ENTRY
    Prints one JSON line: case, seconds, cells, xml_bytes, peak_rss_bytes.
    """

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    let result: CaseResult
    switch (arguments.first, arguments.count) {
    case ("read-xlsx", 2): result = try ReadXLSXCase.run(path: arguments[1])
    case ("floor-inflate", 3): result = try FloorCases.inflate(path: arguments[1], entry: arguments[2])
    case ("floor-sax", 3): result = try FloorCases.sax(path: arguments[1], entry: arguments[2])
    default:
        printError(usage)
        exit(64)
    }
    print(result.jsonLine)
} catch {
    printError("EduBench: \(error)")
    exit(1)
}
