import Foundation

/// A registry value read from a hive file, handed to `ArtifactEvidenceBuilder` so that it
/// goes through the same rules as `reg query` output (AutoGenKey data reduced to a
/// fingerprint, FILETIMEs and formats read as numbers).
public struct ArtifactRegistryValue: Sendable {
    public var name: String
    /// `REG_SZ`, `REG_BINARY`, ...
    public var type: String
    /// As `reg query` prints it (text, `0x...`, upper-case hex).
    public var display: String
    public var bytes: [UInt8]?
    public var number: UInt64?

    public init(name: String, type: String, display: String, bytes: [UInt8]?, number: UInt64?) {
        self.name = name
        self.type = type
        self.display = display
        self.bytes = bytes
        self.number = number
    }
}
