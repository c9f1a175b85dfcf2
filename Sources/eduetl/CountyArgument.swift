import ArgumentParser
import EduIngest

/// `--county CODE` for every command that takes one: six ASCII digits, full-width ones folded
/// (the command then says so); anything else is a usage error (exit status 2).
enum CountyArgument {
    static func parse(_ text: String) throws -> CountyCode {
        guard let code = CountyCode(text) else { throw ValidationError("--county \(CountyCode.problem(text)).") }
        return code
    }

    /// "eduetl: note: --county '３６０３２１' read as 360321 …" when the digits were folded.
    static func sayFolded(_ code: CountyCode?) {
        if let note = code?.foldingNote { StandardError.write("eduetl: note: --county \(note)\n") }
    }
}
