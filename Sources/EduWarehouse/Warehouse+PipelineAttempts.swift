import Foundation

extension Warehouse {
    /// The earliest slot any run of a pipeline was for, whatever its status: a first run that
    /// failed leaves one, so the scheduler retries from it as it retries later runs.
    public func firstAttemptedSlot(pipeline: String) throws -> Date? {
        try connection.prepare("SELECT slot FROM pipeline_runs WHERE pipeline = ? AND slot IS NOT NULL")
            .rows([.text(pipeline)]).compactMap { Self.slotDate($0.first?.text) }.min()
    }
}
