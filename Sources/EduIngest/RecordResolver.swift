import EduNormalise
import EduWarehouse

/// Settles each record's year and county: the file's own fields first, then its title rows
/// (青石县城关镇2024年小学… names the year, and the county where the catalogue knows it), then
/// the --year and --county flags. A record with no school code, year or county is rejected with
/// that reason, never guessed.
struct RecordResolver {
    let catalogue: Catalogue
    let year: Int?
    let county: String?

    func resolve(_ sheet: NormalisedSheet) -> SheetToLoad {
        var records: [ResolvedRecord] = []
        var rejects = sheet.rejects
        let titleCounty = sheet.titles.lazy.compactMap { County.named(in: $0, among: catalogue.counties) }.first
        for record in sheet.records {
            let name = record.schoolName ?? ""
            func reject(_ reason: String) {
                rejects.append(Reject(row: record.row, column: nil, field: nil, written: name, reason: reason))
            }
            let raw = record.schoolCode ?? ""
            let code = raw.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) || !raw.utf8.allSatisfy({ $0 < 0x80 })
                ? raw.filter { !$0.isWhitespace } : raw
            guard !code.isEmpty || record.stage == .county else {
                reject("no school code (学校标识码) for \(name.isEmpty ? "this school" : name): the warehouse keys schools by it")
                continue
            }
            guard let year = record.identity["year"].flatMap({ Int($0.text) }) ?? sheet.titleYear ?? year else {
                reject("no year for \(name): the return has no year field, its title names none, and no --year was given")
                continue
            }
            let countyCode = record.identity["county_code"]?.text
                ?? record.identity["county_name"].flatMap { County.named(in: $0.text, among: catalogue.counties)?.code }
                ?? titleCounty?.code
                ?? county
            guard let countyCode else {
                reject("no county for \(name): the return has no county field, its title names no county the catalogue knows, and no --county was given")
                continue
            }
            if record.stage == .county {
                records.append(ResolvedRecord(record: record, schoolCode: "", year: year, countyCode: countyCode))
                continue
            }
            let type = catalogue.schoolType(cell: record.identity["school_type"]?.text, name: record.schoolName)
            records.append(ResolvedRecord(record: record, schoolCode: code, year: year, countyCode: countyCode, schoolType: type))
        }
        return SheetToLoad(sheet: sheet, records: records, rejects: rejects)
    }
}
