import CEduSQLite
import EduCore
import EduNormalise

extension Warehouse {
    /// Loads one file in one transaction: all of it or none of it. The same bytes loaded before
    /// change nothing. A loaded file at the same place is superseded: its values are removed and
    /// it stays recorded. Where another file gave the same school, year, stage and field a
    /// different value, the later wins and the conflict is recorded. Whether these bytes are
    /// loaded is read under the write lock, so a process loading the same file at the same time
    /// finds it loaded (unchanged) instead of superseding it with an identical version.
    public func load(_ file: FileToLoad, run: Int64) throws -> LoadResult {
        try connection.transaction {
            if let earlier = try loadedFile(sha256: file.source.sha256, settings: file.source.settings) {
                return LoadResult(outcome: .unchanged, fileID: earlier.id, values: 0, rejects: 0, conflicts: 0, superseded: [])
            }
            var result = LoadResult(outcome: .loaded, fileID: 0, values: 0, rejects: 0, conflicts: 0, superseded: [])
            statements.termIDs = [:]
            try startTouchingSchools()
            let message = file.warnings.isEmpty ? nil : file.warnings.joined(separator: "\n")
            try statements.insertFile.run([
                .text(file.source.path), .text(file.source.absolutePath), .text(file.source.sha256), .int(Int64(file.source.bytes)),
                .text(file.source.format.rawValue), .int(Int64(file.sheets.count)), .optional(file.source.details), .text(Self.now()),
                .text(FileStatus.loaded.rawValue), .optional(message), .int(run), .text(file.source.settings),
            ])
            let fileID = connection.lastInsertID
            result.fileID = fileID
            for row in try statements.loadedAtPath.rows([.text(file.source.absolutePath)]) {
                let oldID = try row.requiredInt("id", database: path)
                guard oldID != fileID else { continue }
                try supersede(oldID, by: fileID)
                result.superseded.append(try row.requiredText("path", database: path))
            }
            for evidence in file.countyNames {
                try statements.insertCountyName.run([.int(fileID), .text(evidence.countyCode), .text(evidence.name),
                                                     .text(evidence.source.rawValue), .int(Int64(evidence.records))])
            }
            // A warehouse with no values yet, or none for these schools, takes plain inserts.
            let warehouseEmpty = try statements.anyValue.rows().first?.first?.int == 0
            var checkedSchools: [String: Bool] = [:]
            var fresh = FreshSchoolParts()
            for sheet in file.sheets {
                let sheetID = try insertSheet(sheet, fileID: fileID)
                for reject in sheet.rejects {
                    try statements.insertReject.run([
                        .int(fileID), .text(sheet.sheet.sheet.name), .int(Int64(reject.row)), .text(reject.cell),
                        .optional(reject.field), .text(reject.written), .text(reject.reason),
                    ])
                }
                result.rejects += sheet.rejects.count
                for resolved in sheet.records where resolved.record.stage == .county {
                    try insertCountyValues(resolved, sheetID: sheetID, result: &result)
                }
                for resolved in sheet.records where resolved.record.stage != .county {
                    try upsertSchool(resolved, fileID: fileID)
                    let key = "\(resolved.year)|\(resolved.schoolCode)"
                    var mayConflict = !warehouseEmpty
                    if mayConflict {
                        if let known = checkedSchools[key] {
                            mayConflict = known
                        } else {
                            mayConflict = try statements.schoolHasValues.rows([.int(Int64(resolved.year)), .text(resolved.schoolCode)])
                                .first?.first?.int == 1
                            checkedSchools[key] = mayConflict
                        }
                    }
                    fresh.add(resolved, fresh: !mayConflict && result.superseded.isEmpty)
                    try insertValues(resolved, sheetID: sheetID, run: run, checkExisting: mayConflict, result: &result)
                }
            }
            if result.superseded.isEmpty {
                try fresh.insert(into: connection)
                try touchSchools(fresh.recomputed)
            } else {
                try touchSchools(ofFile: fileID)
            }
            try refreshTouchedSchools()
            return result
        }
    }

    /// Removes a superseded version's values; where they had overridden another file's, that
    /// file's value is current again.
    private func supersede(_ oldID: Int64, by fileID: Int64) throws {
        try connection.execute("""
            CREATE TEMP TABLE IF NOT EXISTS orphan_keys (year INTEGER, school_code TEXT, stage TEXT, field TEXT);
            DELETE FROM temp.orphan_keys;
            """)
        try statements.orphanKeys.run([.int(oldID)])
        try touchSchools(ofFile: oldID)
        try statements.deleteValuesOfFile.run([.int(oldID)])
        try statements.promoteOverridden.run([])
        try statements.deleteEmptyMarkersOfFile.run([.int(oldID)])
        try statements.deleteBreakdownsOfFile.run([.int(oldID)])
        try connection.execute("DELETE FROM county_values WHERE sheet_id IN (SELECT id FROM sheets WHERE file_id = \(oldID))")
        try statements.supersede.run([.int(fileID), .int(oldID)])
    }

    private func insertSheet(_ load: SheetToLoad, fileID: Int64) throws -> Int64 {
        let sheet = load.sheet
        var layout = "none", headerRows: String?
        switch sheet.layout {
        case .table(let rows, _):
            layout = "table"
            headerRows = rows.count == 1 ? "\(rows.lowerBound)" : "\(rows.lowerBound)-\(rows.upperBound)"
        case .form: layout = "form"
        case .none: layout = "none"
        }
        try statements.insertSheet.run([.int(fileID), .text(sheet.sheet.name), .text(layout), .optional(headerRows),
                                        .optional(sheet.titles.first)])
        let sheetID = connection.lastInsertID
        for decision in sheet.decisions {
            let unit = decision.unit.flatMap { $0.canonical.isEmpty ? nil : $0 }
            try statements.insertDecision.run([
                .int(sheetID), .text(CellPosition.columnName(decision.column)), .optional(decision.labelCell?.reference),
                .text(decision.path.joined(separator: " / ")), .optional(decision.field), .text(decision.method.rawValue),
                .double(decision.confidence), .optional(unit?.written), .optional(unit?.canonical), .optional(unit?.factor),
                .optional(unit?.source.rawValue), .optional(decision.note),
            ])
        }
        for skipped in sheet.skipped {
            try statements.insertSkipped.run([.int(sheetID), .int(Int64(skipped.row)), .text(skipped.kind.rawValue), .text(skipped.text)])
        }
        return sheetID
    }

    /// A county's own figures: a later file's figure overrides an earlier one, which is kept.
    private func insertCountyValues(_ resolved: ResolvedRecord, sheetID: Int64, result: inout LoadResult) throws {
        for value in resolved.record.values {
            try statements.overrideCountyValue.run([.int(Int64(resolved.year)), .text(resolved.countyCode), .text(value.field)])
            try statements.insertCountyValue.run([.int(Int64(resolved.year)), .text(resolved.countyCode), .text(value.field),
                                                  .double(value.value), .text(value.unit), .int(sheetID), .text(value.cell.reference)])
            result.values += 1
        }
    }

    /// The school's identity; what this file does not say (an empty cell, a column it lacks)
    /// keeps what an earlier file said.
    private func upsertSchool(_ resolved: ResolvedRecord, fileID: Int64) throws {
        let record = resolved.record
        try statements.upsertSchool.run([
            .text(resolved.schoolCode), .optional(record.identityText("school_name")), .text(resolved.countyCode),
            .optional(record.identityText("township")), .optional(resolved.schoolType ?? record.identityText("school_type")),
            .optional(record.identityText("urban_rural")), .int(fileID),
            .optional(record.ownership?.rawValue), .optional(record.identityText("ownership")),
            .optional(record.identityText("address")),
        ])
    }

    private func insertValues(_ resolved: ResolvedRecord, sheetID: Int64, run: Int64, checkExisting: Bool,
                              result: inout LoadResult) throws {
        let insert = try statements.insertValue
        let stage = resolved.record.stage.rawValue
        let stageID = try statements.id(ofTerm: stage)
        // The record's own columns are bound once: SQLite keeps bindings across resets.
        func bindRecord() {
            insert.bindInt(1, Int64(resolved.year))
            insert.bindText(2, resolved.countyCode)
            insert.bindText(3, resolved.schoolCode)
            insert.bindInt(4, stageID)
            insert.bindInt(8, sheetID)
        }
        bindRecord()
        for value in resolved.record.values {
            if checkExisting, try replaceExisting(resolved, value, sheetID: sheetID, run: run, result: &result) {
                bindRecord()
                continue
            }
            insert.bindInt(5, try statements.id(ofTerm: value.field))
            insert.bindDouble(6, value.value)
            insert.bindInt(7, try statements.id(ofTerm: value.unit))
            insert.bindText(9, value.cell.reference)
            if try insert.step(allowingConstraint: true) == SQLITE_CONSTRAINT {
                // The same key twice in this file (a school listed twice): the later row wins.
                _ = try replaceExisting(resolved, value, sheetID: sheetID, run: run, result: &result)
                bindRecord()
                continue
            }
            result.values += 1
            #if DEBUG
            LoadTestHooks.afterValue(result.values)
            #endif
        }
        for empty in resolved.record.markedEmpty {
            try statements.insertEmptyMarker.run([
                .int(sheetID), .int(Int64(resolved.year)), .text(resolved.schoolCode), .text(stage), .text(empty.field),
                .text(empty.cell.reference), .text(empty.written),
            ])
        }
        for part in resolved.record.breakdowns {
            try statements.insertBreakdown.run([
                .int(sheetID), .int(Int64(resolved.year)), .text(resolved.countyCode), .text(resolved.schoolCode), .text(stage),
                .text(part.field), .text(part.part), .double(part.value), .text(part.cell.reference), .text(part.total.reference),
            ])
        }
    }

    /// Overrides the current value another load (or an earlier row of this file) gave for the same
    /// key, recording the conflict when the figures differ; the overridden value is kept, not
    /// current. False when there is no such value.
    private func replaceExisting(_ resolved: ResolvedRecord, _ value: FieldValue, sheetID: Int64, run: Int64,
                                 result: inout LoadResult) throws -> Bool {
        let stage = resolved.record.stage.rawValue
        let stageID = try statements.id(ofTerm: stage), fieldID = try statements.id(ofTerm: value.field)
        guard let old = try statements.existingValue.rows([.int(Int64(resolved.year)), .text(resolved.schoolCode), .int(stageID),
                                                           .int(fieldID)]).first,
              let oldID = old[0].int else { return false }
        if old[1].double != value.value {
            try statements.insertConflict.run([
                .int(run), .int(Int64(resolved.year)), .text(resolved.schoolCode), .text(stage), .text(value.field),
                old[1], old[2], old[3], .double(value.value), .int(sheetID), .text(value.cell.reference),
            ])
            result.conflicts += 1
        }
        try statements.overrideValue.run([.int(oldID)])
        try statements.insertValue.run([.int(Int64(resolved.year)), .text(resolved.countyCode), .text(resolved.schoolCode),
                                        .int(stageID), .int(fieldID), .double(value.value), .int(try statements.id(ofTerm: value.unit)),
                                        .int(sheetID), .text(value.cell.reference)])
        result.values += 1
        return true
    }
}
