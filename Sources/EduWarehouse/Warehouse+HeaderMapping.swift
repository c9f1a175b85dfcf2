extension Warehouse {
    /// The header mapping of the file last loaded from `absolutePath`, sheet by sheet in column order;
    /// empty when no version of it loaded (a rejected file has no sheets).
    public func headerMapping(ofFileAt absolutePath: String) throws -> [HeaderMappingRow] {
        try connection.prepare("""
            SELECT sh.name AS sheet, h.column_name AS column_name, h.header_path AS header_path, h.field AS field, h.method AS method,
                   h.unit AS unit, h.note AS note
            FROM header_decisions h JOIN sheets sh ON sh.id = h.sheet_id
            WHERE sh.file_id = (SELECT max(id) FROM source_files WHERE absolute_path = ? AND status = 'loaded')
            ORDER BY sh.id, h.id
            """).rows([.text(absolutePath)]).map { row in
            HeaderMappingRow(sheet: try row.requiredText("sheet", database: path), column: try row.requiredText("column_name", database: path),
                             headerPath: try row.requiredText("header_path", database: path), field: row.text("field"),
                             method: try row.requiredText("method", database: path), unit: row.text("unit"), note: row.text("note"))
        }
    }
}
