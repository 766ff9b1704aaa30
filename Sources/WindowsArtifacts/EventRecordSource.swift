import Foundation

/// An open event log file of either format (`.evtx` through libevtx, `.evt` through libevt),
/// so that one reader turns both into the same evidence.
public protocol EventRecordSource: AnyObject {
    var path: String { get }
    var isCorrupted: Bool { get }
    func recordCount() throws -> Int
    /// The record at `index` (0-based, file order); its EventData strings are read only
    /// when `wanted(source name)` (a System log holds tens of thousands of records).
    func record(at index: Int, stringsWhen wanted: (String?) -> Bool) throws -> EventLogRecord
}

extension EventRecordSource {
    public func record(at index: Int) throws -> EventLogRecord { try record(at: index, stringsWhen: { _ in true }) }
}
