import Crypto
import Foundation

/// Computes and checks SIDs offline, so an operator can find the registry hive and key-file
/// ACL entries of a pool without running `whoami` on the server.
public enum SIDCalculator {
    /// The virtual-account SID of `IIS APPPOOL\<poolName>`: "S-1-5-82-" + the SHA-1 of the
    /// lower-cased pool name in UTF-16LE, read as five little-endian UInt32s (computed, and
    /// matched against published `whoami /all` output for DefaultAppPool). The name is
    /// lower-cased here, so any casing of the same pool gives the same SID; the
    /// `IIS APPPOOL\` account prefix is accepted and removed. Lower-casing uses Unicode rules,
    /// which match Windows for the ASCII names IIS pools normally have.
    public static func appPoolSID(poolName: String) -> String {
        let name = SIDCalculator.poolName(fromAccount: poolName).lowercased()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf16.count * 2)
        for unit in name.utf16 {
            bytes.append(UInt8(unit & 0xFF))
            bytes.append(UInt8(unit >> 8))
        }
        let digest = Array(Insecure.SHA1.hash(data: bytes))
        let parts = (0..<5).map { i -> UInt32 in
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(digest[i * 4 + $1]) << (8 * UInt32($1)) }
        }
        return WellKnownSID.appPoolPrefix + parts.map(String.init).joined(separator: "-")
    }

    /// `IIS APPPOOL\ShopPool` (any case) -> `ShopPool`; other text is returned unchanged.
    public static func poolName(fromAccount account: String) -> String {
        let prefix = "iis apppool\\"
        guard account.lowercased().hasPrefix(prefix) else { return account }
        return String(account.dropFirst(prefix.count))
    }

    /// True for SID text `S-1-<authority>-<sub>...`: revision 1, a decimal authority, and up to
    /// 15 decimal sub-authorities that fit 32 bits (the limits of the SID structure).
    public static func isValidSID(_ text: String) -> Bool {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.count <= 18, parts[0] == "S" || parts[0] == "s", parts[1] == "1" else {
            return false
        }
        guard parts[2].allSatisfy({ $0.isASCII && $0.isNumber }), let authority = UInt64(parts[2]),
            authority < 1 << 48
        else { return false }
        return parts.dropFirst(3).allSatisfy { p in p.allSatisfy { $0.isASCII && $0.isNumber } && UInt32(p) != nil }
    }

    /// Why a pool's SID could not be worked out; each case says what the operator must supply.
    public enum SIDError: Error, Equatable, Sendable, CustomStringConvertible {
        case missingPoolName
        case missingUserSID
        case invalidUserSID(String)

        public var description: String {
            switch self {
            case .missingPoolName: return "ApplicationPoolIdentity needs the pool name (e.g. DefaultAppPool)."
            case .missingUserSID: return "SpecificUser needs the account's SID (run `whoami /user` as that account)."
            case .invalidUserSID(let s):
                return "'\(s)' is not a SID; expected S-1-5-21-... (digits separated by dashes)."
            }
        }
    }

    /// The SID whose hive and ACL entries matter for a pool with `identity`.
    public static func sid(for identity: PoolIdentity, poolName: String?, userSID: String?) -> Result<String, SIDError>
    {
        switch identity {
        case .localSystem, .localService, .networkService:
            return .success(identity.wellKnownSID ?? "")
        case .applicationPoolIdentity:
            guard let name = poolName, !SIDCalculator.poolName(fromAccount: name).isEmpty else {
                return .failure(.missingPoolName)
            }
            return .success(appPoolSID(poolName: name))
        case .specificUser:
            guard let sid = userSID?.trimmingCharacters(in: .whitespaces), !sid.isEmpty else {
                return .failure(.missingUserSID)
            }
            guard isValidSID(sid) else { return .failure(.invalidUserSID(sid)) }
            return .success("S" + sid.dropFirst())
        }
    }
}
