#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// EduBench: one benchmark case per process, so each peak RSS is the case's own.
// Scripts/bench/run_bench.py runs the cases side by side and prints the table.
let usage = """
    usage: EduBench read-xlsx FILE
           EduBench read-xls FILE
           EduBench floor-inflate FILE ENTRY
           EduBench floor-sax FILE ENTRY
           EduBench floor-insert NEW-DB VALUES-TSV
    Prints one JSON line: case, seconds, cells, xml_bytes, peak_rss_bytes
    (read-xls: xml_bytes is the size of the Workbook stream;
    floor-insert: case, seconds, rows, load_seconds, db_bytes, peak_rss_bytes).
    """

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    let line: String
    switch (arguments.first, arguments.count) {
    case ("read-xlsx", 2): line = try ReadXLSXCase.run(path: arguments[1]).jsonLine
    case ("read-xls", 2): line = try ReadXLSCase.run(path: arguments[1]).jsonLine
    case ("floor-inflate", 3): line = try FloorCases.inflate(path: arguments[1], entry: arguments[2]).jsonLine
    case ("floor-sax", 3): line = try FloorCases.sax(path: arguments[1], entry: arguments[2]).jsonLine
    case ("floor-insert", 3): line = try FloorInsertCase.run(database: arguments[1], rowsFrom: arguments[2]).jsonLine
    default:
        printError(usage)
        exit(64)
    }
    print(line)
} catch {
    printError("EduBench: \(error)")
    exit(1)
}
