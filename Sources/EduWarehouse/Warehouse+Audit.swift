import EduAudit

extension Warehouse {
    /// Replaces the checks' tables with the file's rules, so audit_findings applies them.
    public func syncAuditRules(_ rules: AuditRules) throws {
        try connection.transaction {
            try connection.execute("""
                DELETE FROM audit_rules; DELETE FROM audit_pairs; DELETE FROM audit_class_bands; DELETE FROM audit_bounds;
                DELETE FROM audit_changes; DELETE FROM audit_fields; DELETE FROM audit_tolerances;
                """)
            let rule = try connection.prepare("INSERT INTO audit_rules (rule, severity, message) VALUES (?, ?, ?)")
            for (id, entry) in rules.rules { try rule.run([.text(id.rawValue), .text(entry.severity.rawValue), .text(entry.message)]) }
            let pair = try connection.prepare("INSERT OR IGNORE INTO audit_pairs (part, whole) VALUES (?, ?)")
            for entry in rules.pairs { try pair.run([.text(entry.part), .text(entry.whole)]) }
            let band = try connection.prepare("INSERT INTO audit_class_bands (name, side, class_limit, severity, message) VALUES (?, ?, ?, ?, ?)")
            for entry in rules.classSizeBands {
                try band.run([.text(entry.name), .text(entry.side.rawValue), .double(entry.limit), .text(entry.rule.severity.rawValue),
                              .text(entry.rule.message)])
            }
            let bound = try connection.prepare("INSERT INTO audit_bounds (field, minimum, maximum, hint) VALUES (?, ?, ?, ?)")
            for entry in rules.bounds { try bound.run([.text(entry.field), .optional(entry.minimum), .optional(entry.maximum), .text(entry.hint)]) }
            let change = try connection.prepare("INSERT INTO audit_changes (field, share) VALUES (?, ?)")
            for (field, share) in rules.yearOverYear { try change.run([.text(field), .double(share)]) }
            let field = try connection.prepare("INSERT OR IGNORE INTO audit_fields (rule, field) VALUES (?, ?)")
            for id in rules.partsFields { try field.run([.text(AuditRuleID.partsVsWhole.rawValue), .text(id)]) }
            for id in rules.requiredFields { try field.run([.text(AuditRuleID.missingRequired.rawValue), .text(id)]) }
            let tolerance = try connection.prepare("INSERT INTO audit_tolerances (rule, tolerance) VALUES (?, ?)")
            try tolerance.run([.text(AuditRuleID.partsVsWhole.rawValue), .double(rules.partsTolerance)])
            try tolerance.run([.text(AuditRuleID.breakdownVsTotal.rawValue), .double(rules.breakdownTolerance)])
        }
    }
}
