import EduStandards

extension Schema {
    /// Migration 006: the balance figures as inspectors judge them (issue 13).
    ///
    /// - school_indicators: the required degree per stage (primary 专科及以上, junior 本科及以上, else
    ///   a column that says 高于规定学历) and the field that fed it; classes, pupils per class and the
    ///   whole school's pupils. New columns come after the old ones.
    /// - county_balance: under the basic standard (2012) only the composite is judged, and a
    ///   composite over fewer CVs than the standard's indicators is NULL with `composite_note`;
    ///   under the quality standard (2017) each CV is judged. `judged` says which rows are.
    /// - school_compliance: a school that fails whatever its missing figures are fails (0); NULL
    ///   only while a missing figure could still decide it. `indicators_missing` counts them.
    /// - scale_limits and school_scale: class size and school size against the 2017 limits.
    /// - county_target_overrides and county_targets: plan targets per county, and figures the
    ///   plans set (books per pupil, teachers' degree shares) computed from the schools where no
    ///   county sheet gives them.
    /// - urban_rural_means and urban_rural_gaps: the basic indicators by 城区 / 镇区 / 乡村.
    ///
    /// Views that change are dropped and created again; every view that reads them is too.
    static var judgedBalanceMigration: String {
        """
        DROP VIEW school_compliance;
        DROP VIEW county_balance;
        DROP VIEW school_indicator_values;
        DROP VIEW school_indicators;
        DROP VIEW county_targets;

        -- Class size (pupils per class) and school size (pupils) limits, by stage or school type.
        CREATE TABLE scale_limits (
            kind TEXT NOT NULL CHECK (kind IN ('class_size', 'school_size')),
            applies_to TEXT NOT NULL,
            maximum REAL NOT NULL,
            PRIMARY KEY (kind, applies_to)
        );
        -- A county's own plan: a target that differs from county_rate_targets for that county.
        CREATE TABLE county_target_overrides (
            county_code TEXT NOT NULL,
            indicator TEXT NOT NULL,
            target REAL NOT NULL,
            PRIMARY KEY (county_code, indicator)
        );

        \(judgedSchoolIndicators)

        CREATE VIEW school_indicator_values AS
        \(indicatorValuesUnion);

        \(judgedCountyBalance)

        \(judgedSchoolCompliance)

        \(schoolScaleView)

        \(judgedCountyTargets)

        \(urbanRuralViews)
        """
    }

    /// The fields school_indicators reads besides the derived indicators' own.
    private static let requiredDegreeFields = ["teachers_college_degree", "teachers_bachelor_degree"]

    static var judgedSchoolIndicators: String {
        let plain = Set(DerivedIndicator.all.map(\.field)).subtracting(["teachers_above_required_degree"]).sorted()
        let inputs = plain.map { "max(CASE WHEN indicator = '\($0)' THEN value END) AS \($0)" }
        let degrees = (requiredDegreeFields + ["teachers_above_required_degree"]).map {
            "max(CASE WHEN indicator = '\($0)' THEN value END) AS \($0)"
        }
        return """
        -- One row per school and compulsory stage: its students, each derived indicator (NULL where
        -- an input is missing) and why a school is left out of the county figures. The required
        -- degree is the stage's: 专科及以上 for primary, 本科及以上 for junior, else a column that
        -- says 高于规定学历; required_degree_field names the field that fed it. classes and
        -- students_per_class are the part's; school_students counts the whole school's pupils
        -- (primary, junior and senior parts).
        CREATE VIEW school_indicators AS
        WITH f AS (
            SELECT year, county_code, school_code, max(school_name) AS school_name, stage,
               \(inputs.joined(separator: ",\n               ")),
               \(degrees.joined(separator: ",\n               ")),
               max(CASE WHEN indicator = 'classes' THEN value END) AS classes,
               max(CASE WHEN indicator = 'students' THEN value END) AS students
            FROM school_values WHERE stage IN ('primary', 'junior') GROUP BY year, county_code, school_code, stage
        ), b AS (
            SELECT f.*,
                   CASE WHEN f.stage = 'primary' AND f.teachers_college_degree IS NOT NULL THEN f.teachers_college_degree
                        WHEN f.stage = 'junior' AND f.teachers_bachelor_degree IS NOT NULL THEN f.teachers_bachelor_degree
                        ELSE f.teachers_above_required_degree END AS required_degree,
                   CASE WHEN f.stage = 'primary' AND f.teachers_college_degree IS NOT NULL THEN 'teachers_college_degree'
                        WHEN f.stage = 'junior' AND f.teachers_bachelor_degree IS NOT NULL THEN 'teachers_bachelor_degree'
                        WHEN f.teachers_above_required_degree IS NOT NULL THEN 'teachers_above_required_degree' END AS required_degree_field
            FROM f
        ), whole AS (
            SELECT year, county_code, school_code, sum(value) AS school_students
            FROM school_values WHERE indicator = 'students' AND stage IN ('primary', 'junior', 'senior')
            GROUP BY year, county_code, school_code
        )
        SELECT b.year AS year, b.county_code AS county_code, b.school_code AS school_code, b.school_name AS school_name,
               b.stage AS stage, sc.school_type AS school_type, b.students AS students,
               (SELECT e.reason FROM exclusion_rules e
                WHERE e.school_type = sc.school_type AND (e.below_students IS NULL OR b.students < e.below_students)
                LIMIT 1) AS excluded_reason,
               \(judgedRatios),
               b.classes AS classes,
               CASE WHEN b.classes > 0 THEN b.students / b.classes END AS students_per_class,
               w.school_students AS school_students,
               b.required_degree_field AS required_degree_field,
               sc.urban_rural AS urban_rural
        FROM b LEFT JOIN schools sc ON sc.code = b.school_code
        LEFT JOIN whole w ON w.year = b.year AND w.county_code = b.county_code AND w.school_code = b.school_code;
        """
    }

    /// The derived indicators, the required degree taken per stage.
    private static var judgedRatios: String {
        DerivedIndicator.all.map { indicator in
            let field = indicator.field == "teachers_above_required_degree" ? "required_degree" : indicator.field
            return indicator.scale == 1 ? "b.\(field) / b.students AS \(indicator.id)"
                : "b.\(field) * \(Int(indicator.scale)).0 / b.students AS \(indicator.id)"
        }.joined(separator: ",\n               ")
    }

    private static var indicatorValuesUnion: String {
        DerivedIndicator.all.map { indicator in
            "SELECT year, county_code, school_code, school_name, stage, school_type, students, excluded_reason, "
                + "'\(indicator.id)' AS indicator, \(indicator.id) AS value FROM school_indicators"
        }.joined(separator: "\n        UNION ALL ")
    }

    /// What a missing CV's note names: the field no school reported.
    private static var indicatorFieldCase: String {
        let cases = DerivedIndicator.all.map { "WHEN '\($0.id)' THEN '\($0.field)'" }.joined(separator: " ")
        return "CASE si.indicator \(cases) ELSE si.indicator END"
    }

    static var judgedCountyBalance: String {
        """
        -- Per county, stage and standard: each indicator's schools, students, enrolment-weighted mean
        -- and CV, its limit, and whether it is judged and met. The 2012 basic standard judges only
        -- its composite (the mean of its CVs), which is NULL, with composite_note saying why, when
        -- any of its indicators has no CV; the 2017 quality standard judges each CV.
        CREATE VIEW county_balance AS
        \(weightedCVTerms), counted AS (
            SELECT DISTINCT year, county_code, stage FROM school_indicators WHERE excluded_reason IS NULL AND students > 0
        ), e AS (
            SELECT c.year, c.county_code, c.stage, si.indicator, si.position, r.schools, r.students, r.cv,
                   CASE WHEN r.indicator IS NULL THEN si.indicator || ': no school reported ' || \(indicatorFieldCase)
                        WHEN r.cv IS NULL THEN si.indicator || ': the mean is 0' END AS note
            FROM counted c JOIN standard_indicators si ON si.standard = 'basic'
            LEFT JOIN r ON r.year = c.year AND r.county_code = c.county_code AND r.stage = c.stage
                       AND r.standard = 'basic' AND r.indicator = si.indicator
        ), composite AS (
            SELECT year, county_code, stage, max(schools) AS schools, max(students) AS students,
                   count(cv) AS cvs, count(*) AS wanted, avg(cv) AS cv
            FROM e GROUP BY year, county_code, stage
        )
        SELECT year, county_code, stage, standard, indicator, schools, students, mean, cv, cv_limit,
               CASE WHEN standard = 'quality' AND cv IS NOT NULL THEN cv <= cv_limit END AS cv_met,
               NULL AS composite_note, standard = 'quality' AS judged
        FROM r
        UNION ALL
        SELECT c.year, c.county_code, c.stage, 'basic', 'composite', c.schools, c.students, NULL,
               CASE WHEN c.cvs = c.wanted THEN c.cv END, l.cv_limit,
               CASE WHEN c.cvs = c.wanted AND c.cv IS NOT NULL THEN c.cv <= l.cv_limit END,
               (SELECT group_concat(note, '; ') FROM (SELECT note FROM e
                    WHERE e.year = c.year AND e.county_code = c.county_code AND e.stage = c.stage AND note IS NOT NULL
                    ORDER BY position)),
               1
        FROM composite c JOIN standard_cv_limits l ON l.standard = 'basic' AND l.stage = c.stage;
        """
    }

    static var judgedSchoolCompliance: String {
        """
        -- Per school and stage, each quality indicator against its minimum, the indicators met and
        -- missing, and whether the school complies: at least min_met met and each unmet one at least
        -- unmet_floor of its minimum. A school that fails whatever its missing figures are fails (an
        -- unmet one below the floor, or too few left that could be met); NULL only while a missing
        -- figure could still decide it.
        CREATE VIEW school_compliance AS
        WITH q AS (
            SELECT i.year, i.county_code, i.school_code, i.school_name, i.stage, i.school_type, i.students, i.excluded_reason,
                   i.indicator, i.value, qm.minimum,
                   CASE WHEN i.value IS NULL THEN NULL ELSE i.value >= qm.minimum END AS met
            FROM school_indicator_values i JOIN quality_minimums qm ON qm.indicator = i.indicator AND qm.stage = i.stage
        ), per_school AS (
            SELECT year, school_code, stage, sum(met = 1) AS indicators_met, count(*) - count(value) AS missing,
                   min(CASE WHEN met = 0 THEN value / minimum END) AS worst_share
            FROM q GROUP BY year, school_code, stage
        )
        SELECT q.year, q.county_code, q.school_code, q.school_name, q.stage, q.school_type, q.students, q.excluded_reason,
               q.indicator, q.value, q.minimum, q.met, p.indicators_met,
               CASE WHEN coalesce(p.worst_share, 1) < (SELECT unmet_floor FROM compliance_rule)
                         OR p.indicators_met + p.missing < (SELECT min_met FROM compliance_rule) THEN 0
                    WHEN p.missing > 0 THEN NULL
                    ELSE 1 END AS complies,
               p.missing AS indicators_missing
        FROM q JOIN per_school p ON p.year = q.year AND p.school_code = q.school_code AND p.stage = q.stage;
        """
    }

    private static var schoolScaleView: String {
        """
        -- Per school and stage: pupils per class against the class-size limit of its stage, and the
        -- whole school's pupils against the school-size limit of its type (九年一贯制学校 …), else of
        -- its stage. NULL where a figure or a limit is missing.
        CREATE VIEW school_scale AS
        WITH l AS (
            SELECT i.year, i.county_code, i.school_code, i.school_name, i.stage, i.school_type, i.students, i.excluded_reason,
                   i.classes, i.students_per_class, c.maximum AS class_size_limit, i.school_students,
                   coalesce(t.maximum, s.maximum) AS school_size_limit
            FROM school_indicators i
            LEFT JOIN scale_limits c ON c.kind = 'class_size' AND c.applies_to = i.stage
            LEFT JOIN scale_limits t ON t.kind = 'school_size' AND t.applies_to = i.school_type
            LEFT JOIN scale_limits s ON s.kind = 'school_size' AND s.applies_to = i.stage
        )
        SELECT year, county_code, school_code, school_name, stage, school_type, students, excluded_reason,
               classes, students_per_class, class_size_limit,
               CASE WHEN students_per_class IS NOT NULL AND class_size_limit IS NOT NULL
                    THEN students_per_class <= class_size_limit END AS class_size_met,
               school_students, school_size_limit,
               CASE WHEN school_students IS NOT NULL AND school_size_limit IS NOT NULL
                    THEN school_students <= school_size_limit END AS school_size_met
        FROM l;
        """
    }

    /// The county figures the plans set that are computed from the schools where no county sheet
    /// gives them: books per pupil, and the share of teachers with the stage's required degree.
    static let computedCountyFigures: [(id: String, stage: String, numerator: String, denominator: String)] = [
        ("primary_books_per_student", "primary", "books", "students"),
        ("junior_books_per_student", "junior", "books", "students"),
        ("primary_teachers_college_share", "primary", "required_degree", "full_time_teachers"),
        ("junior_teachers_bachelor_share", "junior", "required_degree", "full_time_teachers"),
    ]

    /// A computed county figure's numerator over a school part under `alias`: the stage's required
    /// degree (专科 for primary, 本科 for junior, else 高于规定学历), or the field.
    static func computedNumerator(_ stage: String, _ numerator: String, alias: String) -> String {
        guard numerator == "required_degree" else { return "\(alias).\(numerator)" }
        return stage == "primary" ? "coalesce(\(alias).teachers_college_degree, \(alias).teachers_above_required_degree)"
            : "coalesce(\(alias).teachers_bachelor_degree, \(alias).teachers_above_required_degree)"
    }

    static var judgedCountyTargets: String {
        let computed = computedCountyFigures.map { figure in
            let numerator = computedNumerator(figure.stage, figure.numerator, alias: "f")
            return """
            SELECT f.year, f.county_code, '\(figure.id)' AS indicator, sum(\(numerator)) / sum(f.\(figure.denominator)) AS value,
                       count(*) AS schools
                FROM degree_inputs f
                WHERE f.stage = '\(figure.stage)' AND f.excluded_reason IS NULL
                  AND \(numerator) IS NOT NULL AND f.\(figure.denominator) > 0
                GROUP BY f.year, f.county_code
            """
        }.joined(separator: "\n            UNION ALL\n            ")
        return """
        -- Each county figure against its target (>= or <=), the county's own plan (county_target_overrides)
        -- before the default, target_source saying which; gross rates above 1 are valid. A figure from a county sheet names its cell;
        -- one the plans set that no county sheet gives (books per pupil, teachers' degree shares) is
        -- computed from the county's counted schools, computed_from_schools saying how many.
        CREATE VIEW county_targets AS
        WITH degree_inputs AS (
            SELECT i.year, i.county_code, i.stage, i.excluded_reason,
                   max(CASE WHEN v.indicator = 'books' THEN v.value END) AS books,
                   max(CASE WHEN v.indicator = 'students' THEN v.value END) AS students,
                   max(CASE WHEN v.indicator = 'full_time_teachers' THEN v.value END) AS full_time_teachers,
                   max(CASE WHEN v.indicator = 'teachers_college_degree' THEN v.value END) AS teachers_college_degree,
                   max(CASE WHEN v.indicator = 'teachers_bachelor_degree' THEN v.value END) AS teachers_bachelor_degree,
                   max(CASE WHEN v.indicator = 'teachers_above_required_degree' THEN v.value END) AS teachers_above_required_degree
            FROM school_indicators i JOIN school_values v
              ON v.year = i.year AND v.county_code = i.county_code AND v.school_code = i.school_code AND v.stage = i.stage
            GROUP BY i.year, i.county_code, i.school_code, i.stage
        ), computed AS (
            \(computed)
        ), given AS (
            SELECT c.year, c.county_code, c.indicator, c.value, NULL AS schools, f.path AS source_file, sh.name AS sheet, c.cell AS cell
            FROM county_values c JOIN sheets sh ON sh.id = c.sheet_id JOIN source_files f ON f.id = sh.file_id
            WHERE c.current = 1
        ), figures AS (
            SELECT * FROM given
            UNION ALL
            SELECT k.year, k.county_code, k.indicator, k.value, k.schools, NULL, NULL, NULL FROM computed k
            WHERE k.value IS NOT NULL AND NOT EXISTS (SELECT 1 FROM given g
                WHERE g.year = k.year AND g.county_code = k.county_code AND g.indicator = k.indicator)
        )
        SELECT x.year AS year, x.county_code AS county_code, x.indicator AS indicator, x.value AS value,
               coalesce(o.target, t.target) AS target, t.comparison AS comparison,
               CASE t.comparison WHEN '>=' THEN x.value >= coalesce(o.target, t.target)
                    ELSE x.value <= coalesce(o.target, t.target) END AS met,
               x.source_file AS source_file, x.sheet AS sheet, x.cell AS cell,
               x.schools AS computed_from_schools,
               CASE WHEN o.target IS NOT NULL THEN 'county_plan' ELSE 'standards' END AS target_source
        FROM figures x JOIN county_rate_targets t ON t.indicator = x.indicator
        LEFT JOIN county_target_overrides o ON o.county_code = x.county_code AND o.indicator = x.indicator;
        """
    }

    /// 城区 / 镇区 / 乡村 from schools.urban_rural as returns write it: the words, or the national
    /// urban-rural codes (111 主城区, 112 城乡结合区 → 城区; 121-123 镇 → 镇区; 210, 220 → 乡村).
    static let areaExpression = """
        CASE WHEN sc.urban_rural LIKE '11%' OR sc.urban_rural LIKE '%城区%' OR sc.urban_rural LIKE '%城乡结合%'
                  OR sc.urban_rural LIKE '%城市%' THEN '城区'
             WHEN sc.urban_rural LIKE '12%' OR sc.urban_rural LIKE '%镇%' THEN '镇区'
             WHEN sc.urban_rural LIKE '2%' OR sc.urban_rural LIKE '%乡%' OR sc.urban_rural LIKE '%村%' THEN '乡村' END
        """

    static var urbanRuralViews: String {
        """
        -- The basic standard's indicators by 城区 / 镇区 / 乡村 (schools.urban_rural): per county, stage
        -- and area, the counted schools, their students and the enrolment-weighted mean.
        CREATE VIEW urban_rural_means AS
        WITH v AS (
            SELECT i.year, i.county_code, i.stage, i.indicator, si.position, i.students AS p, i.value AS x,
                   \(areaExpression) AS area
            FROM school_indicator_values i
            JOIN standard_indicators si ON si.indicator = i.indicator AND si.standard = 'basic'
            LEFT JOIN schools sc ON sc.code = i.school_code
            WHERE i.excluded_reason IS NULL AND i.value IS NOT NULL AND i.students > 0
        )
        SELECT year, county_code, stage, indicator, area, count(*) AS schools, sum(p) AS students, sum(p * x) / sum(p) AS mean
        FROM v WHERE area IS NOT NULL GROUP BY year, county_code, stage, indicator, area;

        -- Per county, stage and indicator with at least two areas: the highest and the lowest area
        -- mean and their ratio (基本均衡 asks that urban and rural schools' conditions be close).
        CREATE VIEW urban_rural_gaps AS
        SELECT m.year, m.county_code, m.stage, m.indicator, count(*) AS areas,
               (SELECT h.area FROM urban_rural_means h WHERE h.year = m.year AND h.county_code = m.county_code
                    AND h.stage = m.stage AND h.indicator = m.indicator ORDER BY h.mean DESC, h.area LIMIT 1) AS highest_area,
               max(m.mean) AS highest_mean,
               (SELECT w.area FROM urban_rural_means w WHERE w.year = m.year AND w.county_code = m.county_code
                    AND w.stage = m.stage AND w.indicator = m.indicator ORDER BY w.mean ASC, w.area LIMIT 1) AS lowest_area,
               min(m.mean) AS lowest_mean,
               CASE WHEN min(m.mean) > 0 THEN max(m.mean) / min(m.mean) END AS ratio
        FROM urban_rural_means m
        GROUP BY m.year, m.county_code, m.stage, m.indicator HAVING count(*) >= 2;
        """
    }
}
