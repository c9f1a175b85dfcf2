/// value_terms (migration 015): the texts of the values' stages, fields and units, each stored once.
extension Statements {
    var insertTerm: SQLiteStatement {
        get throws(WarehouseError) { try cachedStatement("INSERT OR IGNORE INTO value_terms (term) VALUES (?)", key: "insertTerm") }
    }
    var termID: SQLiteStatement {
        get throws(WarehouseError) { try cachedStatement("SELECT id FROM value_terms WHERE term = ?", key: "termID") }
    }

    /// The id of a stage's, field's or unit's text, added to value_terms when new.
    func id(ofTerm term: String) throws(WarehouseError) -> Int64 {
        if let known = termIDs[term] { return known }
        _ = try insertTerm.run([.text(term)])
        guard let id = try termID.rows([.text(term)]).first?.first?.int else {
            throw WarehouseError(.missingValue(column: "value_terms.id", sql: "SELECT id FROM value_terms WHERE term = '\(term)'"),
                                 database: connection.path)
        }
        termIDs[term] = id
        return id
    }
}
