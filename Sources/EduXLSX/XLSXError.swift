import EduCore
import EduZip

/// A workbook eduetl cannot read, with where and why, printed as one sentence.
public struct XLSXError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Error, Equatable, Sendable {
        /// The ZIP layer refused the file (not a ZIP, damaged, password-protected, a zip bomb ...).
        case archive(String)
        case missingPart(String)
        case doctypeForbidden
        case malformedXML(message: String, line: Int?)
        case sharedStringOutOfRange(index: Int, count: Int)
        case badCellReference(String)
        case badNumber(String)
        case noSuchSheet(String)
    }

    public var location: SourceLocation
    public var reason: Reason

    public init(_ reason: Reason, at location: SourceLocation) {
        self.reason = reason
        self.location = location
    }

    public var description: String {
        switch reason {
        case .archive(let sentence):
            return sentence
        case .missingPart(let part):
            return "\(location): the workbook has no \(part); it is not a complete .xlsx (open it in Excel or WPS and save it again)."
        case .doctypeForbidden:
            return "\(location): the part contains a DOCTYPE (DTD), which .xlsx files never have; refused for safety, as it can hide entity attacks."
        case .malformedXML(let message, let line):
            let at = line.map { " (line \($0))" } ?? ""
            return "\(location): the XML is damaged\(at): \(message); open the file in Excel or WPS and save it again."
        case .sharedStringOutOfRange(let index, let count):
            return "\(location): the cell points at shared string \(index) but the workbook has only \(count); the file is damaged."
        case .badCellReference(let text):
            return "\(location): '\(text)' is not a cell reference; the file is damaged."
        case .badNumber(let text):
            return "\(location): cannot read '\(text)' as a number; the file is damaged."
        case .noSuchSheet(let name):
            return "\(location): there is no sheet named '\(name)'; `eduetl inspect` lists the sheets."
        }
    }
}
