/// One place in the registry where ASP.NET may keep a pool's auto-generated keys, with the
/// `reg query` line to look there and how sure the domain notes are about it.
public struct RegistryLocation: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// HKU\<SID>\Software\Microsoft\ASP.NET\<version>: the identity's own hive.
        case userHive = "user-hive"
        /// HKLM\SOFTWARE\Microsoft\ASP.NET\<version>\AutoGenKeys\<SID>.
        case machineAutoGenKeys = "machine-autogenkeys"
        /// The LSA secret used for LocalSystem.
        case lsaSecret = "lsa-secret"
    }

    public var kind: Kind
    /// Full key path as reg.exe takes it (`HKU\...`, `HKLM\...`).
    public var key: String
    /// Values to look at under `key`.
    public var values: [RegistryValueInfo]
    /// Position in ASP.NET's lookup order (1 = first). `orderConfirmed`: a source states the
    /// order (HKCU of the identity, then HKLM ...\AutoGenKeys\<SID>); false for the LSA
    /// secret, whose place comes from an audit script only.
    public var lookupOrder: Int
    public var orderConfirmed: Bool
    /// True when a source documents this key for this version and identity.
    public var confirmed: Bool
    /// Why to look here and what to watch for.
    public var note: String
    /// Source tags in the domain notes.
    public var source: String
    /// The command an operator runs on the server.
    public var regQuery: String
}

/// A registry value under a `RegistryLocation`.
public struct RegistryValueInfo: Codable, Sendable, Equatable {
    public var name: String
    /// What the value holds, as far as the sources say.
    public var meaning: String
    /// False when the value's existence here or its meaning is unconfirmed.
    public var confirmed: Bool
}
