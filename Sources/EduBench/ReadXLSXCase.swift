/// `read-xlsx FILE`: every cell of every sheet through the project's XLSX API.
/// The XLSX reader has not landed on this branch yet; until it does the case reports that.
enum ReadXLSXCase {
    static func run(path: String) throws -> CaseResult {
        throw BenchError("read-xlsx: the EduXLSX reader has not landed yet")
    }
}
