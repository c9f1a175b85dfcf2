extension Schema {
    /// audit_findings as 011 made it, subset_exceeds_total looking each part's whole up by its key.
    /// 011's arm paired every two current figures of a school part before asking whether they were a
    /// part and its whole (every county's errors took minutes on a national warehouse); now a figure
    /// whose field is a part (audit_pairs) looks its whole up through loaded_values_key, and the
    /// sheet, file and school are joined to the findings alone.
    static var auditFindingsPairsFirst: String {
        replacingArm("-- subset_exceeds_total:", of: auditFindingsByCounty, with: subsetExceedsTotalArm)
    }

    /// audit_findings' text with the arm (between UNION ALLs) that starts with `prefix` replaced.
    static func replacingArm(_ prefix: String, of view: String, with arm: String) -> String {
        view.components(separatedBy: "\nUNION ALL\n").map { $0.hasPrefix(prefix) ? arm : $0 }.joined(separator: "\nUNION ALL\n")
    }

    private static var subsetExceedsTotalArm: String {
        let fieldName = "coalesce((SELECT name FROM fields WHERE id = pv.field), pv.field)"
        let wholeName = "coalesce((SELECT name FROM fields WHERE id = wv.field), wv.field)"
        return """
        -- subset_exceeds_total: a part above its whole, in the same school part (the whole looked up by its key).
        SELECT pv.year, pv.county_code, s.township, pv.school_code, s.name, pv.stage, r.rule, r.severity,
               \(filled(field: fieldName, value: "pv.value", other: wholeName, otherValue: "wv.value")),
               pv.field, pv.value, '<= ' || wv.field, f.path, sh.name, pv.cell
        FROM audit_rules r
        CROSS JOIN loaded_values pv
        CROSS JOIN audit_pairs p
        CROSS JOIN loaded_values wv
        JOIN sheets sh ON sh.id = pv.sheet_id JOIN source_files f ON f.id = sh.file_id
        LEFT JOIN schools s ON s.code = pv.school_code
        WHERE r.rule = 'subset_exceeds_total' AND pv.current = 1 AND p.part = pv.field
          AND wv.year = pv.year AND wv.school_code = pv.school_code AND wv.stage = pv.stage AND wv.field = p.whole AND wv.current = 1
          AND pv.value > wv.value
        """
    }

    /// audit_findings as 012 made it, subset_exceeds_total reading value_cells (migration 015): a
    /// value whose field is a part is picked by its field's number, without its texts, and its whole
    /// looked up by value_cells_key; the sheet, file and school are joined to the findings alone.
    static var auditFindingsOnValueCells: String {
        replacingArm("-- subset_exceeds_total:", of: auditFindingsPairsFirst, with: subsetExceedsTotalOnValueCells)
    }

    private static var subsetExceedsTotalOnValueCells: String {
        let fieldName = "coalesce((SELECT name FROM fields WHERE id = pair.part), pair.part)"
        let wholeName = "coalesce((SELECT name FROM fields WHERE id = pair.whole), pair.whole)"
        return """
        -- subset_exceeds_total: a part above its whole, in the same school part (parts picked by their field's number, the whole by its key).
        SELECT pv.year, pv.county_code, s.township, pv.school_code, s.name, ps.term, r.rule, r.severity,
               \(filled(field: fieldName, value: "pv.value", other: wholeName, otherValue: "wv.value")),
               pair.part, pv.value, '<= ' || pair.whole, f.path, sh.name, pv.cell
        FROM audit_rules r
        CROSS JOIN value_cells pv
        CROSS JOIN (SELECT q.part, q.whole, tp.id AS part_id, tw.id AS whole_id FROM audit_pairs q
                    JOIN value_terms tp ON tp.term = q.part JOIN value_terms tw ON tw.term = q.whole) pair ON pair.part_id = pv.field_id
        CROSS JOIN value_cells wv ON wv.year = pv.year AND wv.school_code = pv.school_code AND wv.stage_id = pv.stage_id
                                 AND wv.field_id = pair.whole_id AND wv.current = 1
        CROSS JOIN value_terms ps ON ps.id = pv.stage_id
        CROSS JOIN sheets sh ON sh.id = pv.sheet_id
        CROSS JOIN source_files f ON f.id = sh.file_id
        LEFT JOIN schools s ON s.code = pv.school_code
        WHERE r.rule = 'subset_exceeds_total' AND pv.current = 1 AND pv.value > wv.value
        """
    }
}
