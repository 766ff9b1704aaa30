import Foundation

/// `processModel@identityType` of an IIS application pool (iis-docs processModel.md). The
/// identity decides whose registry hive holds the pool's auto-generated machine keys and
/// which account needs rights on the RSA key containers.
public enum PoolIdentity: Int, CaseIterable, Codable, Sendable {
    case localSystem = 0
    case localService = 1
    case networkService = 2
    case specificUser = 3
    /// The default since IIS 7.5 (NetworkService in 7.0): a virtual account per pool.
    case applicationPoolIdentity = 4

    /// Parses the applicationHost.config name (`ApplicationPoolIdentity`, any case) or the
    /// number (`4`).
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let n = Int(t), let v = PoolIdentity(rawValue: n) {
            self = v
            return
        }
        guard let v = PoolIdentity.allCases.first(where: { $0.configName.lowercased() == t.lowercased() }) else {
            return nil
        }
        self = v
    }

    /// The value as applicationHost.config writes it.
    public var configName: String {
        switch self {
        case .localSystem: return "LocalSystem"
        case .localService: return "LocalService"
        case .networkService: return "NetworkService"
        case .specificUser: return "SpecificUser"
        case .applicationPoolIdentity: return "ApplicationPoolIdentity"
        }
    }

    /// The fixed SID of a built-in service account; nil for SpecificUser (the SID must be
    /// supplied) and ApplicationPoolIdentity (computed from the pool name).
    public var wellKnownSID: String? {
        switch self {
        case .localSystem: return WellKnownSID.localSystem
        case .localService: return WellKnownSID.localService
        case .networkService: return WellKnownSID.networkService
        case .specificUser, .applicationPoolIdentity: return nil
        }
    }
}
