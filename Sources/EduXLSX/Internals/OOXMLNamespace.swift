/// The namespaces an XLSX package uses, in their transitional (ECMA-376 Part 4) and strict
/// (ISO/IEC 29500 strict, purl.oclc.org) spellings. Both spellings mean the same to the reader.
struct OOXMLNamespace: Equatable {
    enum Family: Equatable {
        /// SpreadsheetML elements: worksheet, sheetData, row, c, v, sst, si, t, numFmt ...
        case spreadsheet
        /// Office document relationships: the r:id attribute on <sheet>.
        case officeRelationships
        /// Package relationships: .rels parts.
        case packageRelationships
        /// No namespace at all (some hand-written files); treated like SpreadsheetML.
        case none
        case other
    }

    let family: Family
    let isStrict: Bool

    static let transitionalSpreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let strictSpreadsheet = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    static let transitionalRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let strictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    init(uri: UnsafePointer<UInt8>?) {
        guard let uri, uri[0] != 0 else {
            family = .none
            isStrict = false
            return
        }
        switch String(cString: uri) {
        case Self.transitionalSpreadsheet: (family, isStrict) = (.spreadsheet, false)
        case Self.strictSpreadsheet: (family, isStrict) = (.spreadsheet, true)
        case Self.transitionalRelationships: (family, isStrict) = (.officeRelationships, false)
        case Self.strictRelationships: (family, isStrict) = (.officeRelationships, true)
        case Self.packageRelationships: (family, isStrict) = (.packageRelationships, false)
        default: (family, isStrict) = (.other, false)
        }
    }

    /// SpreadsheetML, or no namespace at all.
    var isSpreadsheet: Bool { family == .spreadsheet || family == .none }
}
