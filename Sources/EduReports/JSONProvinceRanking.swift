import EduWarehouse
import Foundation

/// The ranking as JSON for machines: county_overview's columns under their own names, per stage in
/// ranking order, numbers at full precision (null where the view has NULL), and each county's
/// summary files written beside it.
///
/// ```json
/// {"format": "eduetl-county-ranking", "version": 1, "year": 2024, "generated": "2026-11-26",
///  "stages": [{"stage": "primary", "counties": [{"basic_rank": 1, "county_code": "360321", "county_name": "青石县",
///              "basic_cv": 0.1810…, "basic_cv_limit": 0.65, "basic_met": true, "composite_gaps": [], …}]}],
///  "county_reports": [{"county_code": "360321", "files": ["青石县-360321-2024-county-summary-20261126.html", …]}]}
/// ```
public enum JSONProvinceRanking {
    typealias Value = JSONCountyReport.Value

    public static func text(_ ranking: ProvinceRanking) -> String {
        var output = ""
        JSONCountyReport.write(document(ranking), into: &output, indent: "")
        return output + "\n"
    }

    static func document(_ ranking: ProvinceRanking) -> Value {
        .object([
            ("format", .string("eduetl-county-ranking")),
            ("version", .number(1)),
            ("year", .number(Double(ranking.year))),
            ("generated", .string(ranking.generatedDay)),
            ("stages", .array(ranking.stages.map { stage in
                .object([("stage", .string(stage.rawValue)), ("counties", .array(ranking.rows(stage: stage).map(county)))])
            })),
            ("county_reports", .array(ranking.counties.map { county in
                .object([("county_code", .string(county.code)), ("county_name", .optional(county.name)),
                         ("files", .array((ranking.countyReports[county.code] ?? []).map { .string(($0 as NSString).lastPathComponent) }))])
            })),
        ])
    }

    static func county(_ row: CountyOverviewRow) -> Value {
        .object([
            ("basic_rank", .optional(row.basicRank.map(Double.init))), ("county_code", .string(row.countyCode)),
            ("county_name", .optional(row.countyName)), ("schools", .number(Double(row.schools))), ("students", .number(row.students)),
            ("basic_cv", .optional(row.basicCV)), ("basic_cv_limit", .optional(row.basicCVLimit)), ("basic_met", .optional(row.basicMet)),
            ("composite_gaps", .array(row.compositeGaps.map(JSONCountyReport.gap))), ("audit_errors", .number(Double(row.auditErrors))),
            ("quality_cvs", .number(Double(row.qualityCVs))), ("quality_cvs_met", .number(Double(row.qualityCVsMet))),
            ("schools_judged", .number(Double(row.schoolsJudged))), ("schools_complying", .number(Double(row.schoolsComplying))),
            ("schools_undecided", .number(Double(row.schoolsUndecided))), ("complying_share", .optional(row.complyingShare)),
            ("targets", .number(Double(row.targets))), ("targets_met", .number(Double(row.targetsMet))),
        ])
    }
}
