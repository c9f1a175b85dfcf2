/// Where a county's name was read in a return.
public enum CountyNameSource: String, Sendable, Hashable, CaseIterable {
    /// A 县区名称 cell of the county's schools.
    case countyField = "county-field"
    /// The title above a sheet of the county's schools (青石县城关镇2024年…).
    case title
    /// The schools' own names (东湖区白鹭镇中心小学).
    case schoolName = "school-name"
}

/// A county's name as one file writes it, and how many of its records say so.
public struct CountyNameEvidence: Sendable, Hashable {
    public var countyCode: String
    public var name: String
    public var source: CountyNameSource
    public var records: Int

    public init(countyCode: String, name: String, source: CountyNameSource, records: Int) {
        self.countyCode = countyCode
        self.name = name
        self.source = source
        self.records = records
    }
}
