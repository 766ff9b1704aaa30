import Foundation

/// An open event log file of either format (`.evtx` through libevtx, `.evt` through libevt),
/// so that one reader turns both into the same evidence.
public protocol EventRecordSource: AnyObject {
    var path: String { get }
    var isCorrupted: Bool { get }
    func recordCount() throws -> Int
    func record(at index: Int) throws -> EventLogRecord
}
