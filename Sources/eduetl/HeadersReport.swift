import EduCore
import EduNormalise

/// `eduetl headers` output: the normaliser's decisions for one sheet, as text or JSON.
enum HeadersReport {
    static func text(file: String, sheet: NormalisedSheet, catalogue: Catalogue) -> String {
        var out = "\(file) › \(sheet.sheet.name): "
        switch sheet.layout {
        case .table(let rows, let dataStart):
            let span = rows.count == 1 ? "row \(rows.lowerBound)" : "rows \(rows.lowerBound)–\(rows.upperBound)"
            out += "table, header \(span), data from row \(dataStart)\n"
        case .form:
            out += "form (labels and values)\n"
        case .none(let why):
            return out + "nothing to read: \(why)\n"
        }
        if !sheet.declaredUnits.isEmpty { out += "  unit row declares: \(sheet.declaredUnits.joined(separator: " "))\n" }
        if let year = sheet.titleYear { out += "  title names the year \(year)\n" }
        for decision in sheet.decisions {
            let place = decision.labelCell?.reference ?? CellPosition.columnName(decision.column)
            let path = decision.path.map { $0.replacingOccurrences(of: "\n", with: "⏎") }.joined(separator: " / ")
            var line = "  \(place.padding(5))\(path)  →  "
            if let field = decision.field {
                line += "\(field) (\(decision.method.rawValue) \(format(decision.confidence)))"
                if let unit = decision.unit, !unit.canonical.isEmpty {
                    line += unit.factor == 1 ? ", \(unit.canonical)" : ", \(unit.written) × \(format(unit.factor)) → \(unit.canonical)"
                    if unit.source != .assumed { line += " [\(unit.source.rawValue)]" }
                }
            } else {
                line += "unmapped"
            }
            if let note = decision.note { line += "; \(note)" }
            if let link = decision.breakdownOf {
                line += "; a part of \(link.field) summed against its 合计 in column \(CellPosition.columnName(link.totalColumn))"
            }
            out += line + "\n"
        }
        let missing = sheet.unmappedFields(of: catalogue)
        if !missing.isEmpty { out += "  fields not found: \(missing.joined(separator: ", "))\n" }
        for skipped in sheet.skipped where skipped.kind != .header {
            out += "  row \(skipped.row) skipped as \(skipped.kind.rawValue): \(skipped.text.replacingOccurrences(of: "\n", with: "⏎").prefix(60))\n"
        }
        let stages = Dictionary(grouping: sheet.records, by: \.stage).map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
        let values = sheet.records.reduce(0) { $0 + $1.values.count }
        out += "  records: \(sheet.records.count) (\(stages.joined(separator: ", "))), values: \(values), rejects: \(sheet.rejects.count)\n"
        let markers = markedCells(sheet)
        if !markers.isEmpty {
            let zeros = markers.filter(\.readAsZero)
            var line = "  empty markers: \(zeros.count) read as 0"
            if zeros.count < markers.count { line += ", \(markers.count - zeros.count) left missing" }
            let shown = markers.prefix(12).map { "\($0.cell.reference) \($0.field) '\($0.written)'\($0.readAsZero ? " → 0" : "")" }
            out += line + " (" + shown.joined(separator: ", ") + (markers.count > shown.count ? ", …" : "") + ")\n"
        }
        for reject in sheet.rejects {
            out += "  rejected \(reject.cell): \(reject.reason)\n"
        }
        return out
    }

    static func json(file: String, sheet: NormalisedSheet, catalogue: Catalogue) -> String {
        var fields: [String] = [
            "\"file\": \(CellDump.quoted(file))",
            "\"sheet\": \(CellDump.quoted(sheet.sheet.name))",
        ]
        switch sheet.layout {
        case .table(let rows, let dataStart):
            fields.append("\"layout\": \"table\", \"header_rows\": [\(rows.lowerBound), \(rows.upperBound)], \"data_start\": \(dataStart)")
        case .form:
            fields.append("\"layout\": \"form\"")
        case .none(let why):
            fields.append("\"layout\": \"none\", \"reason\": \(CellDump.quoted(why))")
        }
        fields.append("\"declared_units\": [\(sheet.declaredUnits.map(CellDump.quoted).joined(separator: ", "))]")
        fields.append("\"title_year\": \(sheet.titleYear.map(String.init) ?? "null")")
        let columns = sheet.decisions.map { decision -> String in
            var parts = [
                "\"column\": \(CellDump.quoted(CellPosition.columnName(decision.column)))",
                "\"cell\": \(decision.labelCell.map { CellDump.quoted($0.reference) } ?? "null")",
                "\"path\": [\(decision.path.map(CellDump.quoted).joined(separator: ", "))]",
                "\"field\": \(decision.field.map(CellDump.quoted) ?? "null")",
                "\"method\": \(CellDump.quoted(decision.method.rawValue))",
                "\"confidence\": \(format(decision.confidence))",
            ]
            if let unit = decision.unit, !unit.canonical.isEmpty {
                parts.append("\"unit\": {\"written\": \(CellDump.quoted(unit.written)), \"canonical\": \(CellDump.quoted(unit.canonical)), "
                             + "\"factor\": \(CellDump.jsonNumber(unit.factor)), \"source\": \(CellDump.quoted(unit.source.rawValue))}")
            }
            parts.append("\"stage\": \(decision.stage.map { CellDump.quoted($0.rawValue) } ?? "null")")
            parts.append("\"note\": \(decision.note.map(CellDump.quoted) ?? "null")")
            let breakdown = decision.breakdownOf.map { link in
                "{\"field\": \(CellDump.quoted(link.field)), \"total_column\": \(CellDump.quoted(CellPosition.columnName(link.totalColumn)))}"
            }
            parts.append("\"breakdown_of\": \(breakdown ?? "null")")
            return "{" + parts.joined(separator: ", ") + "}"
        }
        fields.append("\"columns\": [\n    " + columns.joined(separator: ",\n    ") + "\n  ]")
        let skipped = sheet.skipped.map { "{\"row\": \($0.row), \"kind\": \(CellDump.quoted($0.kind.rawValue)), \"text\": \(CellDump.quoted($0.text))}" }
        fields.append("\"skipped\": [\(skipped.joined(separator: ", "))]")
        fields.append("\"records\": \(sheet.records.count)")
        let stages = Dictionary(grouping: sheet.records, by: \.stage).map { "\(CellDump.quoted($0.key.rawValue)): \($0.value.count)" }.sorted()
        fields.append("\"records_by_stage\": {\(stages.joined(separator: ", "))}")
        let rejects = sheet.rejects.map { "{\"cell\": \(CellDump.quoted($0.cell)), \"reason\": \(CellDump.quoted($0.reason))}" }
        fields.append("\"rejects\": [\(rejects.joined(separator: ", "))]")
        let markers = markedCells(sheet)
        let cells = markers.map { marker in
            "{\"cell\": \(CellDump.quoted(marker.cell.reference)), \"field\": \(CellDump.quoted(marker.field)), "
                + "\"written\": \(CellDump.quoted(marker.written)), \"read_as_zero\": \(marker.readAsZero)}"
        }
        let zeros = markers.filter(\.readAsZero).count
        fields.append("\"empty_markers\": {\"read_as_zero\": \(zeros), \"left_missing\": \(markers.count - zeros), "
                      + "\"cells\": [\(cells.joined(separator: ", "))]}")
        return "  {" + fields.joined(separator: ",\n  ") + "}"
    }

    /// The sheet's cells written as an empty marker (—, /, 无), in sheet order.
    static func markedCells(_ sheet: NormalisedSheet) -> [MarkedEmpty] {
        sheet.records.flatMap(\.markedEmpty).sorted { ($0.cell.row, $0.cell.column) < ($1.cell.row, $1.cell.column) }
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(format2: number)
    }
}

private extension String {
    init(format2 number: Double) {
        let scaled = (number * 100).rounded() / 100
        self = String(scaled)
    }

    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
