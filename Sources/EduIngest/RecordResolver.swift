import EduNormalise
import EduWarehouse
import Foundation

/// Settles each record's year and county. The year: the file's own field, then the sheet's title
/// (青石县城关镇2024年小学…; a hidden sheet titled 2023年… holds 2023), then --year. The county:
/// the file's own field, then --county, then what the file says of itself where the catalogue
/// knows the name (the sheet's title, another sheet's title, the file's name); where the flag and
/// the file disagree the flag holds and a warning names the file and both. A record with no
/// school code, year or county is rejected with that reason, never guessed.
struct RecordResolver {
    let catalogue: Catalogue
    let year: Int?
    let county: String?

    /// What the file says of its county outside its fields.
    struct FileCounty {
        var path: String
        /// Named by a title row of any of the file's sheets, else by the file's name.
        var named: County?

        init(path: String, sheets: [NormalisedSheet], catalogue: Catalogue) {
            self.path = path
            let titles = sheets.lazy.flatMap(\.titles)
            named = titles.lazy.compactMap { County.named(in: $0, among: catalogue.counties) }.first
                ?? County.named(in: (path as NSString).lastPathComponent, among: catalogue.counties)
        }
    }

    func resolve(_ sheet: NormalisedSheet, file: FileCounty, warnings: inout FileWarnings) -> SheetToLoad {
        var records: [ResolvedRecord] = []
        var rejects = sheet.rejects
        let titleCounty = sheet.titles.lazy.compactMap { County.named(in: $0, among: catalogue.counties) }.first ?? file.named
        if let county, let titleCounty, titleCounty.code != county {
            warnings.add("\(file.path): it names \(titleCounty.name) (\(titleCounty.code)) but --county \(county) was given: \(county) holds")
        }
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
            let ownCounty: String?
            switch countyCell(record, sheet: sheet, file: file, warnings: &warnings) {
            case .refused(let reject):
                rejects.append(reject)
                continue
            case .code(let code):
                ownCounty = code
            case .none:
                ownCounty = record.identity["county_name"].flatMap { County.named(in: $0.text, among: catalogue.counties)?.code }
            }
            if let ownCounty, let county, ownCounty != county {
                warnings.add("\(file.path) › \(sheet.sheet.name): its county field says \(ownCounty) but --county \(county) was given: "
                             + "the file's field holds")
            }
            guard let countyCode = ownCounty ?? county ?? titleCounty?.code else {
                reject("no county for \(name): the return has no county field, no --county was given, and neither its titles nor its "
                    + "file name name a county the catalogue knows")
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

    enum CountyCell {
        case none
        case code(String)
        case refused(Reject)
    }

    /// The record's own 行政区划代码 cell: six digits (full-width ones folded, or the county's six of a
    /// 9- or 12-digit area code, with a warning naming the cell), else a reject naming the cell.
    private func countyCell(_ record: SchoolRecord, sheet: NormalisedSheet, file: FileCounty, warnings: inout FileWarnings) -> CountyCell {
        guard let cell = record.identity["county_code"], !cell.text.trimmingWhiteSpace().isEmpty else { return .none }
        let place = "\(sheet.sheet.name)!\(cell.cell.reference)"
        guard let code = CountyCode(areaCode: cell.text) else {
            return .refused(Reject(row: cell.cell.row, column: cell.cell.column, field: "county_code", written: cell.text,
                                   reason: "\(place): 行政区划代码 \(CountyCode.problem(cell.text)); correct the cell"))
        }
        if let note = code.foldingNote { warnings.add("\(file.path) › \(place): 行政区划代码 \(note)") }
        return .code(code.digits)
    }

}
