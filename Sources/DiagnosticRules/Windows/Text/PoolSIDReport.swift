import Foundation

/// What `keywizard sid` shows for one pool: its account, SID and where its auto-generated keys
/// live, so an operator can check the keys survived a recycle or a profile change.
public struct PoolSIDReport: Codable, Sendable, Equatable {
    /// The pool name, when given (required for ApplicationPoolIdentity, a label otherwise).
    public var pool: String?
    /// `IIS APPPOOL\<pool>`, `NT AUTHORITY\...`, or nil for a SpecificUser SID.
    public var account: String?
    /// `processModel@identityType` as written in applicationHost.config, and its number.
    public var identityType: String
    public var identityTypeValue: Int
    public var sid: String
    public var autoGenKeys: [VersionLocations]

    /// The AutoGenKey locations for one ASP.NET version.
    public struct VersionLocations: Codable, Sendable, Equatable {
        public var version: String
        public var locations: [RegistryLocation]
    }

    /// Builds the report; fails with what the operator must supply (pool name or user SID).
    public static func make(
        identity: PoolIdentity, poolName: String?, userSID: String?,
        versions: [ASPNETVersion]
    ) -> Result<PoolSIDReport, SIDCalculator.SIDError> {
        SIDCalculator.sid(for: identity, poolName: poolName, userSID: userSID).map { sid in
            let pool = poolName.map(SIDCalculator.poolName(fromAccount:))
            let account: String? =
                identity == .applicationPoolIdentity
                ? pool.map { #"IIS APPPOOL\"# + $0 } : WellKnownSID.entry(for: sid)?.account
            return PoolSIDReport(
                pool: pool, account: account, identityType: identity.configName, identityTypeValue: identity.rawValue,
                sid: sid,
                autoGenKeys: versions.map {
                    VersionLocations(
                        version: $0.rawValue,
                        locations: AutoGenKeyLocations.locations(sid: sid, identity: identity, frameworkVersion: $0))
                })
        }
    }

    /// Text for an 80-column terminal. The `reg query` lines use a cmd.exe variable for the SID
    /// (`set SID=...`) so that each command fits the width and still pastes as is.
    public func textLines(width: Int = 80) -> [String] {
        var lines: [String] = []
        if let pool { lines += TextWrap.field("Pool", pool, width: width) }
        if let account { lines += TextWrap.field("Account", account, width: width) }
        lines += TextWrap.field("Identity", "\(identityType) (\(identityTypeValue))", width: width)
        lines += TextWrap.field("SID", sid, width: width)
        for group in autoGenKeys {
            lines.append("")
            lines += TextWrap.wrap(
                "AutoGenKey locations, ASP.NET \(group.version), in ASP.NET's lookup order "
                    + "(the identity's own hive, then HKLM ...\\AutoGenKeys\\<SID>):", width: width)
            for l in group.locations {
                let key = l.key.replacingOccurrences(of: sid, with: "%SID%")
                lines += TextWrap.wrap(
                    key + (l.confirmed ? "" : " (unconfirmed)"), width: width,
                    firstPrefix: "  \(l.lookupOrder). ", prefix: "     ")
                let values = l.values.map { v in
                    "\(v.name): \(v.meaning)"
                        + (v.confirmed || v.meaning.contains("unconfirmed") ? "" : " (unconfirmed)")
                }
                for v in values { lines += TextWrap.wrap(v, width: width, firstPrefix: "     - ", prefix: "       ") }
                lines += TextWrap.wrap(l.note, width: width, firstPrefix: "     ", prefix: "     ")
            }
            lines.append("  Commands (cmd.exe):")
            lines += TextWrap.wrap("set SID=\(sid)", width: width, firstPrefix: "  ", prefix: "  ")
            for l in group.locations {
                lines += TextWrap.wrap(
                    l.regQuery.replacingOccurrences(of: sid, with: "%SID%"), width: width,
                    firstPrefix: "  ", prefix: "  ")
            }
        }
        return lines
    }
}
