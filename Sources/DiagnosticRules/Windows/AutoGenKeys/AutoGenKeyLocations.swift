/// Where to find a pool's auto-generated machine keys (domain notes §4.1). A pool whose keys
/// sit in an unloaded or missing profile gets fresh random keys on every start, which logs
/// users out and breaks ViewState after each recycle; checking these keys confirms that.
public enum AutoGenKeyLocations {
    /// The locations to check for an identity's SID, in ASP.NET's own lookup order (2.0 and
    /// later: first HKCU of the worker process identity, then HKLM ...\AutoGenKeys\<SID>; stated
    /// by darkthread citing Microsoft's "Intermittent Invalid Viewstate Error in ASP.NET Web
    /// pages", and the order the Zeroed.Tech audit script reads them). LocalSystem on 4.x: the
    /// LSA secret first (per the audit script).
    public static func locations(sid: String, identity: PoolIdentity, frameworkVersion: ASPNETVersion)
        -> [RegistryLocation]
    {
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
        let format =
            version == .v2
            ? RegistryValueInfo(
                name: "AutoGenKeyFormat",
                meaning: "1 = the key is stored encrypted (DPAPI user store), 2 = stored as clear text", confirmed: true
            )
            : RegistryValueInfo(
                name: "AutoGenKeyFormat",
                meaning:
                    "1 = stored encrypted, 2 = clear text (documented for 2.0.50727.0; its presence under 4.0.30319.0 is unconfirmed)",
                confirmed: false)
        var note =
            "Lives in the identity's own hive; it exists only while that profile is loaded "
            + "(the audit script loads NTUSER.DAT when the hive is not mounted)."
        if version == .v2 {
            note +=
                " IIS 6 loaded a profile only for NETWORK/LOCAL SERVICE; other accounts need "
                + #"`aspnet_regiis -ga DOMAIN\User`."#
            if identity == .localSystem {
                note += " IIS 5/5.1 running as SYSTEM used an LSA secret instead, name unknown."
            }
        }
        return RegistryLocation(
            kind: .userHive, key: key,
            values: [
                RegistryValueInfo(
                    name: version.autoGenKeyValueName, meaning: "the auto-generated key blob", confirmed: true),
                RegistryValueInfo(
                    name: "AutoGenKeyCreationTime", meaning: "FILETIME (UTC) when the key was made", confirmed: true),
                format
            ],
            lookupOrder: 0, orderConfirmed: true, confirmed: true, note: note,
            source: version == .v2
                ? "Wiley pp.20-21; darkthread" : "irsdl gist; gyorgybalassy; Zeroed.Tech; darkthread",
            regQuery: regQuery(key))
    }

    private static func machineKeys(sid: String, version: ASPNETVersion) -> RegistryLocation {
        let key = #"HKLM\SOFTWARE\Microsoft\ASP.NET\"# + version.rawValue + #"\AutoGenKeys\"# + sid
        let confirmed = true
        let note =
            "Machine-wide store, read after the identity's own hive (and where ASP.NET creates a new key "
            + "when neither holds one); which value names it holds is unconfirmed."
        return RegistryLocation(
            kind: .machineAutoGenKeys, key: key,
            values: [
                RegistryValueInfo(
                    name: version.autoGenKeyValueName,
                    meaning: "assumed to match the user-hive value name (unconfirmed)", confirmed: false)
            ],
            lookupOrder: 0, orderConfirmed: true, confirmed: confirmed, note: note,
            source: "darkthread; Zeroed.Tech", regQuery: regQuery(key))
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
