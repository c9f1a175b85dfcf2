@testable import EduWarehouse
import Foundation
import Testing

/// Rows are read by column name, and a value eduetl never writes (a NULL where it always writes
/// one, a status it does not know) is a sentence saying the warehouse was edited by hand, not a
/// row of blanks or a zero.
struct HandEditedWarehouseTests {
    static func scratchWarehouse() throws -> (Warehouse, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduetl-hand-edited-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try Warehouse(path: folder.appendingPathComponent("w.sqlite").path), folder)
    }

    @Test func columnsAreReadByNameWhateverTheirOrder() throws {
        let (warehouse, folder) = try Self.scratchWarehouse()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = try warehouse.connection.prepare("SELECT 'junior' AS stage, 7 AS schools, 0.25 AS cv, NULL AS mean").rows()
        let row = try #require(rows.first)
        #expect(row.text("stage") == "junior")
        #expect(row.count("schools") == 7)
        #expect(row.double("cv") == 0.25)
        #expect(row.double("mean") == nil)
        #expect(row.bool("schools") == true)
        let swapped = try #require(try warehouse.connection.prepare("SELECT 0.25 AS cv, 'junior' AS stage").rows().first)
        #expect(swapped.text("stage") == "junior" && swapped.double("cv") == 0.25)
    }

    @Test func aNullWhereEduetlAlwaysWritesAValueIsAnError() throws {
        let (warehouse, folder) = try Self.scratchWarehouse()
        defer { try? FileManager.default.removeItem(at: folder) }
        let row = try #require(try warehouse.connection.prepare("SELECT NULL AS indicator").rows().first)
        #expect(throws: WarehouseError.self) { try row.requiredText("indicator", database: warehouse.path) }
        do {
            _ = try row.requiredText("indicator", database: warehouse.path)
        } catch {
            #expect(error.description.contains("has no indicator"))
            #expect(error.description.contains("changed by hand"))
        }
    }

    @Test func aPipelineRunStatusEduetlNeverWritesIsAnErrorNamingIt() throws {
        let (warehouse, folder) = try Self.scratchWarehouse()
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = try warehouse.startPipelineRun(pipeline: "annual", file: "annual.yml", slot: nil, staleMessage: "stale")
        #expect(try warehouse.pipelineRuns(pipeline: "annual").map(\.status) == [.running])
        // As someone in the sqlite3 shell would, past the CHECK constraint.
        try warehouse.connection.execute("PRAGMA ignore_check_constraints = ON; UPDATE pipeline_runs SET status = 'paused' WHERE id = \(id)")
        do {
            _ = try warehouse.pipelineRuns(pipeline: "annual")
            Issue.record("a status eduetl never writes was read")
        } catch let error as WarehouseError {
            #expect(error.reason == .unexpectedValue(column: "status", value: "paused"))
            #expect(error.description.contains("'paused'"))
        } catch {
            Issue.record("not a WarehouseError: \(error)")
        }
    }

    @Test func aStaleRunningPipelineRunIsMarkedFailedWhenTheNextStarts() throws {
        let (warehouse, folder) = try Self.scratchWarehouse()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try warehouse.startPipelineRun(pipeline: "annual", file: "annual.yml", slot: "2024-08-31T22:00:00Z", staleMessage: "killed")
        _ = try warehouse.startPipelineRun(pipeline: "annual", file: "annual.yml", slot: nil, staleMessage: "killed")
        let runs = try warehouse.pipelineRuns(pipeline: "annual")
        #expect(runs.map(\.status) == [.failed, .running])
        #expect(runs.first?.message == "killed")
        #expect(runs.first?.slot == "2024-08-31T22:00:00Z")
    }
}
