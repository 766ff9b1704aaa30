import Foundation

/// One event record of an `.evtx` file as libevtx reads it, in Swift values.
public struct EventLogRecord: Sendable, Equatable {
    /// EventRecordID.
    public var recordNumber: UInt64 = 0
    /// FILETIME ticks (System/TimeCreated).
    public var writtenTime: UInt64 = 0
    public var eventIdentifier: UInt32 = 0
    public var qualifiers: UInt32 = 0
    public var level: UInt8 = 0
    /// Provider GUID text, when the record names one.
    public var provider: String?
    /// Provider name ("Service Control Manager").
    public var sourceName: String?
    public var computer: String?
    /// EventData values in order (param1, param2, ...).
    public var strings: [String] = []

    public init() {}
}
