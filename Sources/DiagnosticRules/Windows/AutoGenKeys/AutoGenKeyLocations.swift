/// Where to find a pool's auto-generated machine keys (domain notes §4.1). A pool whose keys
/// sit in an unloaded or missing profile gets fresh random keys on every start, which logs
/// users out and breaks ViewState after each recycle; checking these keys confirms that.
public enum AutoGenKeyLocations {
    /// The locations to check for an identity's SID, in the order the Zeroed.Tech audit script
    /// reads them (the native lookup order is unconfirmed): LocalSystem on 4.x: the LSA secret,
    /// then HKLM\...\AutoGenKeys\<SID>; everyone else: the user hive, then HKLM.
    public static func locations(sid: String, identity: PoolIdentity, frameworkVersion: ASPNETVersion) -> [RegistryLocation] {
        var result: [RegistryLocation] = []
        if identity == .localSystem && frameworkVersion == .v4 {
            result.append(lsaSecret())
        } else {
            result.append(userHive(sid: sid, identity: identity, version: frameworkVersion))
        }
        result.append(machineKeys(sid: sid, version: frameworkVersion))
        for i in result.indices { result[i].lookupOrder = i + 1 }
        return result
    }

    /// The 4.x LSA secret for LocalSystem pools; the 2.0 secret name is not known.
    public static let lsaSecretKey = #"HKLM\SECURITY\Policy\Secrets\L$ASP.NETAutoGenKeysV44.0.30319.0"#

    private static func userHive(sid: String, identity: PoolIdentity, version: ASPNETVersion) -> RegistryLocation {
        let key = #"HKU\"# + sid + #"\Software\Microsoft\ASP.NET\"# + version.rawValue
        let format = version == .v2
            ? RegistryValueInfo(name: "AutoGenKeyFormat", meaning: "meaning unconfirmed", confirmed: false)
            : RegistryValueInfo(name: "AutoGenKeyFormat",
                                meaning: "documented only for 2.0.50727.0; presence and meaning unconfirmed", confirmed: false)
        var note = "Lives in the identity's own hive; it exists only while that profile is loaded "
            + "(the audit script loads NTUSER.DAT when the hive is not mounted)."
        if version == .v2 {
            note += " IIS 6 loaded a profile only for NETWORK/LOCAL SERVICE; other accounts need "
                + #"`aspnet_regiis -ga DOMAIN\User`."#
            if identity == .localSystem {
                note += " IIS 5/5.1 running as SYSTEM used an LSA secret instead, name unknown."
            }
        }
        return RegistryLocation(
            kind: .userHive, key: key,
            values: [
                RegistryValueInfo(name: version.autoGenKeyValueName, meaning: "the auto-generated key blob", confirmed: true),
                RegistryValueInfo(name: "AutoGenKeyCreationTime", meaning: "FILETIME (UTC) when the key was made", confirmed: true),
                format,
            ],
            lookupOrder: 0, orderConfirmed: false, confirmed: true, note: note,
            source: version == .v2 ? "Wiley pp.20-21" : "irsdl gist; gyorgybalassy; Zeroed.Tech",
            regQuery: regQuery(key))
    }

    private static func machineKeys(sid: String, version: ASPNETVersion) -> RegistryLocation {
        let key = #"HKLM\SOFTWARE\Microsoft\ASP.NET\"# + version.rawValue + #"\AutoGenKeys\"# + sid
        let confirmed = version == .v4
        let note = confirmed
            ? "Machine-wide fallback, read last by the audit script; which value names it holds is unconfirmed."
            : "Seen only for 4.0.30319.0 in the audit script; for 2.0.50727.0 this key is unconfirmed."
        return RegistryLocation(
            kind: .machineAutoGenKeys, key: key,
            values: [RegistryValueInfo(name: version.autoGenKeyValueName,
                                       meaning: "assumed to match the user-hive value name (unconfirmed)", confirmed: false)],
            lookupOrder: 0, orderConfirmed: false, confirmed: confirmed, note: note,
            source: "Zeroed.Tech", regQuery: regQuery(key))
    }

    private static func lsaSecret() -> RegistryLocation {
        RegistryLocation(
            kind: .lsaSecret, key: lsaSecretKey,
            values: [RegistryValueInfo(name: "CupdTime", meaning: "when the secret was last updated", confirmed: true)],
            lookupOrder: 0, orderConfirmed: false, confirmed: true,
            note: "LocalSystem pools keep the 4.x keys in an LSA secret; HKLM\\SECURITY is normally readable "
                + "only by SYSTEM, so query it from a SYSTEM shell (access rule unconfirmed here).",
            source: "Zeroed.Tech", regQuery: regQuery(lsaSecretKey))
    }

    /// `reg query "<key>"`, quoted so the line can be pasted into cmd or PowerShell as is.
    static func regQuery(_ key: String) -> String { "reg query \"\(key)\"" }
}
