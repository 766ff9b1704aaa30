/// An event's ID as the mc.exe message-file layout defines it (netevent.h): Sev (2 bits),
/// C (customer), R (reserved), Facility (12), Code (16). Event Viewer shows only the low 16
/// bits as "Event ID" and the high 16 bits as `Qualifiers`; detection lists often quote the
/// full 32-bit value (7000 -> 3221232472), so a rule needs both forms to match them.
public struct EventIDDecode: Codable, Sendable, Equatable {
    /// The 16-bit event ID Event Viewer shows (7024).
    public var eventID: UInt16
    /// The `Qualifiers` attribute (49152 = 0xC000).
    public var qualifiers: UInt16
    /// The full value (0xC0001B70 = 3221232496).
    public var value: UInt32
    public var hex: String
    /// 0 success, 1 informational, 2 warning, 3 error.
    public var severity: Int
    public var severityName: String
    public var customerBit: Bool
    public var facility: Int
    public var code: Int

    /// Combines an event ID and its qualifiers. `eventID` may already be the full 32-bit value
    /// (then `qualifiers` must be nil or agree). Nil when the parts do not fit 16 bits.
    public static func decode(eventID: UInt32, qualifiers: UInt32?) -> EventIDDecode? {
        let full: UInt32
        if eventID > 0xFFFF {
            if let q = qualifiers, q != eventID >> 16 { return nil }
            full = eventID
        } else {
            guard (qualifiers ?? 0) <= 0xFFFF else { return nil }
            full = (qualifiers ?? 0) << 16 | eventID
        }
        let severity = Int(full >> 30)
        return EventIDDecode(
            eventID: UInt16(full & 0xFFFF), qualifiers: UInt16(full >> 16), value: full,
            hex: ErrorDecoder.hexText(full), severity: severity,
            severityName: ["success", "informational", "warning", "error"][severity],
            customerBit: full & 0x2000_0000 != 0, facility: Int((full >> 16) & 0x0FFF), code: Int(full & 0xFFFF))
    }
}
