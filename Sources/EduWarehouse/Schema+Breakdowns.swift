import Foundation

extension Schema {
    /// Migration 008: the parts beside a 合计 (一年级 … 六年级 beside 在校生数 / 合计), kept with their cells,
    /// and audit_findings as 007 made it with breakdown_vs_total (the parts that do not add up to their
    /// 合计) and missing_required pointing at the empty cell of a table. county_balance reads
    /// audit_findings by name, so its audit_errors count the new findings too.
    static var breakdownsMigration: String {
        """
        -- One row per part's figure beside a 合计, in the 合计 field's unit; no field's value.
        CREATE TABLE breakdown_values (
            sheet_id INTEGER NOT NULL REFERENCES sheets(id),
            year INTEGER NOT NULL,
            county_code TEXT NOT NULL,
            school_code TEXT NOT NULL,
            stage TEXT NOT NULL,
            field TEXT NOT NULL,
            part TEXT NOT NULL,
            value REAL NOT NULL,
            cell TEXT NOT NULL,
            total_cell TEXT NOT NULL
        );
        CREATE INDEX breakdown_values_sheet ON breakdown_values(sheet_id);

        DROP VIEW audit_findings;
        \(auditFindingsWithBreakdowns)
        """
    }

    /// 007's audit_findings, its last statement's semicolon taken off, missing_required pointing at the
    /// empty cell, and the breakdown_vs_total branch.
    static var auditFindingsWithBreakdowns: String {
        var view = auditFindingsView.trimmingTrailingSpaceAndSemicolon
            .replacingOccurrences(of: "af.field, NULL, 'a figure', s.source_file, s.sheet, NULL", with: missingCell)
        view += """

        UNION ALL
        -- breakdown_vs_total: the parts beside a loaded 合计 that do not add up to it ({parts} names their cells).
        SELECT v.year, v.county_code, v.township, v.school_code, v.school_name, v.stage, r.rule, r.severity,
               replace(\(filled(field: "coalesce((SELECT name FROM fields WHERE id = v.field), v.field)", value: "b.total",
                                otherValue: "v.value")), '{parts}', b.first_cell || '–' || b.last_cell),
               v.field, b.total, v.value, v.source_file, v.sheet, v.cell
        -- The parts share the 合计's row: ordered by the length of their reference, then by it, B5 comes before AA5.
        FROM (SELECT sheet_id, school_code, stage, field, total_cell, sum(value) AS total,
                     substr(min(length(cell) || ' ' || cell), instr(min(length(cell) || ' ' || cell), ' ') + 1) AS first_cell,
                     substr(max(length(cell) || ' ' || cell), instr(max(length(cell) || ' ' || cell), ' ') + 1) AS last_cell
              FROM breakdown_values GROUP BY sheet_id, school_code, stage, field, total_cell) b
        JOIN v ON v.sheet_id = b.sheet_id AND v.school_code = b.school_code AND v.stage = b.stage AND v.field = b.field
              AND v.cell = b.total_cell
        JOIN audit_rules r ON r.rule = 'breakdown_vs_total'
        -- A sum of areas or money in 万 is no exact binary number: a millionth of the 合计 is no difference.
        WHERE abs(b.total - v.value) > coalesce((SELECT tolerance FROM audit_tolerances WHERE rule = 'breakdown_vs_total'), 0)
                                       + 1e-6 * max(1, abs(v.value));
        """
        return view
    }
}

extension Schema {
    /// missing_required's cell in a table: the field's column (the one its header decisions mapped, an
    /// alternative's for the degree counts) in the school part's row (that of its values on the sheet).
    /// A form's empty cell is not known (its label is): NULL, as before.
    fileprivate static var missingCell: String {
        """
        af.field, NULL, 'a figure', s.source_file, s.sheet,
               (SELECT h.column_name || ltrim(lv.cell, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')
                FROM header_decisions h JOIN sheets sh ON sh.id = h.sheet_id
                JOIN loaded_values lv ON lv.sheet_id = h.sheet_id AND lv.school_code = s.school_code AND lv.stage = s.stage
                                     AND lv.current = 1
                WHERE h.sheet_id = s.sheet_id AND sh.layout = 'table'
                  AND (h.field = af.field OR (af.field = 'teachers_above_required_degree'
                                              AND h.field IN ('teachers_college_degree', 'teachers_bachelor_degree')))
                ORDER BY h.id, lv.id LIMIT 1)
        """
    }
}

extension String {
    fileprivate var trimmingTrailingSpaceAndSemicolon: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace || last == ";" { text = text.dropLast() }
        return String(text)
    }
}
