import EduStandards
import Foundation

extension Schema {
    /// Migration 007: the checks (审核, issue 14). The rules' tables, filled from Pipelines/checks.yml
    /// at every ingest, and `audit_findings`, one row per finding, pointing at the cell.
    static var auditMigration: String {
        """
        CREATE TABLE audit_rules (
            rule TEXT PRIMARY KEY,
            severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
            message TEXT NOT NULL
        );
        -- subset_exceeds_total: a part that may not exceed its whole.
        CREATE TABLE audit_pairs (part TEXT NOT NULL, whole TEXT NOT NULL, PRIMARY KEY (part, whole));
        -- class_size: pupils per class above or below a limit, each band its own severity and message.
        CREATE TABLE audit_class_bands (
            name TEXT PRIMARY KEY,
            side TEXT NOT NULL CHECK (side IN ('above', 'below')),
            class_limit REAL NOT NULL,
            severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
            message TEXT NOT NULL
        );
        -- per_student_range: plausible bounds of a field per pupil, and the likely cause outside them.
        CREATE TABLE audit_bounds (field TEXT PRIMARY KEY, minimum REAL, maximum REAL, hint TEXT NOT NULL);
        -- year_over_year: the largest share a field may change by from the previous year.
        CREATE TABLE audit_changes (field TEXT PRIMARY KEY, share REAL NOT NULL);
        -- missing_required and parts_vs_whole: the fields each looks at.
        CREATE TABLE audit_fields (rule TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (rule, field));
        -- parts_vs_whole and breakdown_vs_total tolerances.
        CREATE TABLE audit_tolerances (rule TEXT PRIMARY KEY, tolerance REAL NOT NULL);

        \(auditFindingsView)

        \(auditedCountyBalance)
        """
    }

    /// county_balance as 006 made it, with `audit_errors`: the error findings on the figures its CV
    /// is computed from (the indicator's field and the pupils of the counted school parts; for the
    /// composite, those of all its indicators), so a CV over figures that cannot be right is marked.
    static var auditedCountyBalance: String {
        let body = judgedCountyBalance
        let start = body.range(of: "CREATE VIEW county_balance AS\n")?.upperBound ?? body.startIndex
        let select = body[start...].trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: ";"))
        let fields = DerivedIndicator.all.map { "WHEN '\($0.id)' THEN '\($0.field)'" }.joined(separator: " ")
        return """
        DROP VIEW county_balance;
        -- county_balance (issue 13) and audit_errors: error findings on the figures each CV is computed from.
        CREATE VIEW county_balance AS
        WITH errors AS (
            SELECT a.year, a.county_code, a.stage, a.school_code, a.indicator FROM audit_findings a
            JOIN school_indicators i ON i.year = a.year AND i.school_code = a.school_code AND i.stage = a.stage
            WHERE a.severity = 'error' AND i.excluded_reason IS NULL
        ), feeds AS (
            SELECT si.standard, si.indicator, CASE si.indicator \(fields) END AS field FROM standard_indicators si
        )
        SELECT b.*,
               (SELECT count(*) FROM errors e WHERE e.year = b.year AND e.county_code = b.county_code AND e.stage = b.stage
                  AND (e.indicator = 'students'
                       OR e.indicator IN (SELECT field FROM feeds f WHERE f.standard = b.standard
                                          AND (f.indicator = b.indicator OR b.indicator = 'composite'))
                       OR (e.indicator IN ('teachers_college_degree', 'teachers_bachelor_degree')
                           AND (b.indicator LIKE 'teachers_above_required_degree%' OR b.indicator = 'composite')))) AS audit_errors
        FROM (
        \(select)
        ) b;
        """
    }

    /// A figure as a message shows it: whole numbers without a fraction, others to two places.
    static func shown(_ expression: String) -> String {
        "CASE WHEN \(expression) IS NULL THEN NULL WHEN \(expression) = CAST(\(expression) AS INTEGER) "
            + "THEN CAST(CAST(\(expression) AS INTEGER) AS TEXT) ELSE printf('%.2f', \(expression)) END"
    }

    /// A message template with its slots filled.
    static func filled(field: String, value: String, other: String = "NULL", otherValue: String = "NULL",
                               limit: String = "NULL", hint: String = "NULL") -> String {
        "replace(replace(replace(replace(replace(replace(r.message, '{field}', coalesce(\(field), '')), "
            + "'{value}', coalesce(\(shown(value)), '')), '{other}', coalesce(\(other), '')), "
            + "'{other_value}', coalesce(\(shown(otherValue)), '')), '{limit}', coalesce(\(limit), '')), '{hint}', coalesce(\(hint), ''))"
    }

    /// A bound as a message shows it: 50–100000, ≤500 or ≥50.
    private static var boundText: String {
        "CASE WHEN b.minimum IS NULL THEN '≤' || \(shown("b.maximum")) WHEN b.maximum IS NULL THEN '≥' || \(shown("b.minimum")) "
            + "ELSE \(shown("b.minimum")) || '–' || \(shown("b.maximum")) END"
    }

    static var auditFindingsView: String {
        let fieldName = "coalesce((SELECT name FROM fields WHERE id = v.field), v.field)"
        return """
        -- One row per finding of the checks, pointing at the cell: the school part, the rule, its severity,
        -- the message with the figures filled in, the figure and what was expected of it.
        CREATE VIEW audit_findings AS
        WITH v AS (
            SELECT lv.year, lv.county_code, s.township, lv.school_code, s.name AS school_name, lv.stage, lv.field, lv.value,
                   f.path AS source_file, sh.name AS sheet, lv.cell, lv.sheet_id
            FROM loaded_values lv
            JOIN sheets sh ON sh.id = lv.sheet_id JOIN source_files f ON f.id = sh.file_id
            LEFT JOIN schools s ON s.code = lv.school_code
            WHERE lv.current = 1
        ), kinds AS (SELECT id, kind FROM fields)
        -- negative_value: a count, area or money figure below 0.
        SELECT v.year, v.county_code, v.township, v.school_code, v.school_name, v.stage, r.rule, r.severity,
               \(filled(field: fieldName, value: "v.value")) AS message,
               v.field AS indicator, v.value, '>= 0' AS expected, v.source_file, v.sheet, v.cell
        FROM v JOIN audit_rules r ON r.rule = 'negative_value' JOIN kinds k ON k.id = v.field
        WHERE k.kind IN ('count', 'measure') AND v.value < 0
        UNION ALL
        -- subset_exceeds_total: a part above its whole, in the same school part.
        SELECT v.year, v.county_code, v.township, v.school_code, v.school_name, v.stage, r.rule, r.severity,
               \(filled(field: fieldName, value: "v.value", other: "coalesce((SELECT name FROM fields WHERE id = w.field), w.field)",
                        otherValue: "w.value")),
               v.field, v.value, '<= ' || w.field, v.source_file, v.sheet, v.cell
        FROM v JOIN audit_pairs p ON p.part = v.field
        JOIN v w ON w.year = v.year AND w.school_code = v.school_code AND w.stage = v.stage AND w.field = p.whole
        JOIN audit_rules r ON r.rule = 'subset_exceeds_total'
        WHERE v.value > w.value
        UNION ALL
        -- parts_vs_whole: the whole school's figure against the sum of its parts' figures.
        SELECT w.year, w.county_code, w.township, w.school_code, w.school_name, w.stage, r.rule, r.severity,
               \(filled(field: "coalesce((SELECT name FROM fields WHERE id = w.field), w.field)", value: "parts.total",
                        otherValue: "w.value")),
               w.field, parts.total, w.value, w.source_file, w.sheet, w.cell
        FROM v w
        JOIN audit_fields af ON af.rule = 'parts_vs_whole' AND af.field = w.field
        JOIN (SELECT year, school_code, field, sum(value) AS total FROM v
              WHERE stage IN ('primary', 'junior', 'senior', 'preschool') GROUP BY year, school_code, field) parts
          ON parts.year = w.year AND parts.school_code = w.school_code AND parts.field = w.field
        JOIN audit_rules r ON r.rule = 'parts_vs_whole'
        WHERE w.stage = 'whole_school'
          AND abs(parts.total - w.value) > coalesce((SELECT tolerance FROM audit_tolerances WHERE rule = 'parts_vs_whole'), 0)
        UNION ALL
        -- class_size: pupils per class of a school part beyond a band's limit.
        SELECT c.year, c.county_code, c.township, c.school_code, c.school_name, c.stage, 'class_size', b.severity,
               replace(replace(b.message, '{value}', \(shown("c.per_class"))), '{limit}', \(shown("b.class_limit"))),
               'students_per_class', c.per_class, (CASE b.side WHEN 'above' THEN '<= ' ELSE '>= ' END) || \(shown("b.class_limit")),
               c.source_file, c.sheet, c.cell
        FROM (SELECT s.year, s.county_code, s.township, s.school_code, s.school_name, s.stage, s.value / k.value AS per_class,
                     k.source_file, k.sheet, k.cell
              FROM v s JOIN v k ON k.year = s.year AND k.school_code = s.school_code AND k.stage = s.stage AND k.field = 'classes'
              WHERE s.field = 'students' AND k.value > 0) c
        JOIN audit_class_bands b
          ON (b.side = 'above' AND c.per_class > b.class_limit) OR (b.side = 'below' AND c.per_class < b.class_limit)
        WHERE b.side = 'below' OR NOT EXISTS (SELECT 1 FROM audit_class_bands o
                                             WHERE o.side = 'above' AND o.class_limit > b.class_limit AND c.per_class > o.class_limit)
        UNION ALL
        -- per_student_range: a field per pupil outside its plausible bounds.
        SELECT v.year, v.county_code, v.township, v.school_code, v.school_name, v.stage, r.rule, r.severity,
               \(filled(field: fieldName, value: "v.value / p.value",
                        limit: boundText, hint: "b.hint")),
               v.field, v.value / p.value, \(boundText),
               v.source_file, v.sheet, v.cell
        FROM v JOIN audit_bounds b ON b.field = v.field
        JOIN v p ON p.year = v.year AND p.school_code = v.school_code AND p.stage = v.stage AND p.field = 'students'
        JOIN audit_rules r ON r.rule = 'per_student_range'
        WHERE p.value > 0 AND (v.value / p.value > b.maximum OR v.value / p.value < b.minimum)
        UNION ALL
        -- year_over_year: a figure that changed by more than its share since the year before.
        SELECT v.year, v.county_code, v.township, v.school_code, v.school_name, v.stage, r.rule, r.severity,
               \(filled(field: fieldName, value: "v.value", otherValue: "o.value",
                        limit: "CAST(CAST(round(c.share * 100) AS INTEGER) AS TEXT) || '%'")),
               v.field, v.value, \(shown("o.value * (1 - c.share)")) || '–' || \(shown("o.value * (1 + c.share)")),
               v.source_file, v.sheet, v.cell
        FROM v JOIN audit_changes c ON c.field = v.field
        JOIN v o ON o.year = v.year - 1 AND o.school_code = v.school_code AND o.stage = v.stage AND o.field = v.field
        JOIN audit_rules r ON r.rule = 'year_over_year'
        WHERE o.value > 0 AND abs(v.value - o.value) > c.share * o.value
        UNION ALL
        -- missing_required: a compulsory school part without a figure the balance indicators need,
        -- where its return has a column (or label) for it: the cell was left empty. A field the whole
        -- return lacks is no school's mistake; county_balance's composite_note names it.
        SELECT s.year, s.county_code, s.township, s.school_code, s.school_name, s.stage, r.rule, r.severity,
               replace(r.message, '{field}', coalesce((SELECT name FROM fields WHERE id = af.field), af.field)),
               af.field, NULL, 'a figure', s.source_file, s.sheet, NULL
        FROM (SELECT year, county_code, township, school_code, school_name, stage, min(source_file) AS source_file, min(sheet) AS sheet,
                     min(sheet_id) AS sheet_id
              FROM v WHERE stage IN ('primary', 'junior') GROUP BY year, county_code, school_code, stage) s
        JOIN audit_fields af ON af.rule = 'missing_required'
        JOIN audit_rules r ON r.rule = 'missing_required'
        WHERE EXISTS (SELECT 1 FROM header_decisions h WHERE h.sheet_id = s.sheet_id
                          AND (h.field = af.field OR (af.field = 'teachers_above_required_degree'
                                                      AND h.field IN ('teachers_college_degree', 'teachers_bachelor_degree'))))
          AND NOT EXISTS (SELECT 1 FROM school_values sv WHERE sv.year = s.year AND sv.school_code = s.school_code
                              AND sv.stage = s.stage AND (sv.indicator = af.field
                                  OR (af.field = 'teachers_above_required_degree'
                                      AND sv.indicator IN ('teachers_college_degree', 'teachers_bachelor_degree'))));
        """
    }
}
