/// One row a query returned, its columns read by name (`row.text("stage")`), so a query's
/// column list can change without every reader counting positions. Positions still work for the
/// one-column queries (`row.first`).
struct SQLiteRow: RandomAccessCollection {
    typealias Value = SQLiteStatement.Value

    let values: [Value]
    /// Column name → position, shared by every row of the statement.
    let columns: [String: Int]
    /// The query, to name in an error.
    let sql: String

    var startIndex: Int { values.startIndex }
    var endIndex: Int { values.endIndex }
    subscript(position: Int) -> Value { values[position] }

    /// The named column's value; a name the query does not return is a programming error, caught
    /// by the tests (debug builds stop), and reads as NULL otherwise.
    subscript(column name: String) -> Value {
        guard let position = columns[name], position < values.count else {
            assertionFailure("the query has no column '\(name)': \(sql)")
            return .null
        }
        return values[position]
    }

    func text(_ name: String) -> String? { self[column: name].text }
    func int(_ name: String) -> Int64? { self[column: name].int }
    func double(_ name: String) -> Double? { self[column: name].double }
    /// 1 → true, 0 → false, NULL → nil (SQLite's booleans).
    func bool(_ name: String) -> Bool? { self[column: name].int.map { $0 != 0 } }
    /// A count column as Int; NULL or out of range reads as 0.
    func count(_ name: String) -> Int { self[column: name].int.flatMap { Int(exactly: $0) } ?? 0 }

    /// A column the schema declares NOT NULL: NULL there means the file was changed by hand.
    func requiredText(_ name: String, database: String) throws(WarehouseError) -> String {
        guard let text = text(name) else { throw WarehouseError(.missingValue(column: name, sql: sql), database: database) }
        return text
    }

    func requiredInt(_ name: String, database: String) throws(WarehouseError) -> Int64 {
        guard let number = int(name) else { throw WarehouseError(.missingValue(column: name, sql: sql), database: database) }
        return number
    }

    func requiredDouble(_ name: String, database: String) throws(WarehouseError) -> Double {
        guard let number = double(name) else { throw WarehouseError(.missingValue(column: name, sql: sql), database: database) }
        return number
    }
}
