import Foundation

/// SIDs that are the same on every Windows host (domain notes §5), so KeyWizard can name them
/// in ACL and registry evidence without asking.
public enum WellKnownSID {
    public static let localSystem = "S-1-5-18"
    public static let localService = "S-1-5-19"
    public static let networkService = "S-1-5-20"
    /// The IIS_IUSRS group (seen in an LSA SID dump).
    public static let iisIUSRS = "S-1-5-32-568"
    /// Prefix of every ApplicationPoolIdentity virtual account (`IIS APPPOOL\<pool>`).
    public static let appPoolPrefix = "S-1-5-82-"

    /// A well-known SID with its account name and whether the notes confirm the pairing.
    public struct Entry: Codable, Sendable, Equatable {
        public var sid: String
        public var account: String
        public var confirmed: Bool
    }

    /// All known entries. IUSR as S-1-5-17 is widely stated but unconfirmed in the notes.
    public static let all: [Entry] = [
        Entry(sid: localSystem, account: "NT AUTHORITY\\SYSTEM (LocalSystem)", confirmed: true),
        Entry(sid: localService, account: "NT AUTHORITY\\LOCAL SERVICE (LocalService)", confirmed: true),
        Entry(sid: networkService, account: "NT AUTHORITY\\NETWORK SERVICE (NetworkService)", confirmed: true),
        Entry(sid: iisIUSRS, account: "BUILTIN\\IIS_IUSRS", confirmed: true),
        Entry(sid: "S-1-5-17", account: "IUSR", confirmed: false)
    ]

    /// The entry for `sid` (case-insensitive), if it is well known.
    public static func entry(for sid: String) -> Entry? {
        all.first { $0.sid.caseInsensitiveCompare(sid.trimmingCharacters(in: .whitespaces)) == .orderedSame }
    }
}
