import Foundation

/// One event read from an event log file, handed to `ArtifactEvidenceBuilder`.
public struct ArtifactEvent: Sendable {
    public var recordNumber: UInt64
    public var eventID: Int64
    public var provider: String
    /// `yyyy-MM-ddTHH:mm:ssZ`.
    public var timeCreated: String
    public var computer: String?
    /// EventData values in order; named `param1`, `param2`, ... as in the XML form.
    public var data: [String]

    public init(
        recordNumber: UInt64, eventID: Int64, provider: String, timeCreated: String, computer: String?, data: [String]
    ) {
        self.recordNumber = recordNumber
        self.eventID = eventID
        self.provider = provider
        self.timeCreated = timeCreated
        self.computer = computer
        self.data = data
    }
}
