import Foundation

/// Functions about the server's Windows release and about names as Windows writes them
/// (MachineGuid suffixes kept exactly as the registry holds them, accounts for a pool).
extension Builtins {
    static let versionFunctions: [Builtin] = [
        Builtin(
            "windows_family", [s], s, "nt5 (2000, 2003) or nt6 (2008 and later) for an answer such as 2003-x86 or 2016"
        ) { a in
            a[0].stringValue.flatMap(WindowsTarget.init(answer:)).map { .string($0.family.rawValue) }
        },
        Builtin(
            "windows_hint_of", [s], s,
            "nt5 or nt6 when a text shows the Windows generation (a Documents and Settings or ProgramData path, ver or systeminfo output)"
        ) { a in
            a[0].stringValue.flatMap(WindowsHint.fromText).map { .string($0.rawValue) }
        },
        Builtin(
            "framework_root", [s], s,
            "%windir%\\Microsoft.NET\\Framework64 on 64-bit Windows, ...\\Framework on 32-bit; unknown when the bitness is not known"
        ) { a in
            guard let t = a[0].stringValue.flatMap(WindowsTarget.init(answer:)), let bits = t.bits else { return nil }
            return .string(bits == 64 ? "%windir%\\Microsoft.NET\\Framework64" : "%windir%\\Microsoft.NET\\Framework")
        },
        Builtin(
            "identity_account", [s, s], s,
            "the account a pool runs as (IIS APPPOOL\\<pool>, NT AUTHORITY\\NETWORK SERVICE...); unknown for SpecificUser"
        ) { a in
            guard let type = a[0].stringValue.flatMap(PoolIdentity.init(parsing:)), let pool = a[1].stringValue else {
                return nil
            }
            switch type {
            case .applicationPoolIdentity: return .string("IIS APPPOOL\\\(pool)")
            case .networkService: return .string("NT AUTHORITY\\NETWORK SERVICE")
            case .localService: return .string("NT AUTHORITY\\LOCAL SERVICE")
            case .localSystem: return .string("NT AUTHORITY\\SYSTEM")
            default: return nil
            }
        },
        Builtin(
            "iis6_identity_code", [s], i,
            "the IIS 6 metabase AppPoolIdentityType of an identity: LocalSystem 0, LocalService 1, NetworkService 2, SpecificUser 3"
        ) { a in
            guard let type = a[0].stringValue.flatMap(PoolIdentity.init(parsing:)) else { return nil }
            switch type {
            case .localSystem: return .integer(0)
            case .localService: return .integer(1)
            case .networkService: return .integer(2)
            case .specificUser: return .integer(3)
            default: return nil
            }
        },
        Builtin("account_name", [s], s, "the user part of DOMAIN\\user (the whole text when there is no backslash)") {
            a in
            a[0].stringValue.map { .string(String($0.split(separator: "\\", maxSplits: 1).last ?? "")) }
        },
        Builtin("account_domain", [s], s, "the domain part of DOMAIN\\user; unknown when there is none") { a in
            guard let t = a[0].stringValue, let slash = t.firstIndex(of: "\\") else { return nil }
            return .string(String(t[..<slash]))
        },
        Builtin(
            "reg_value", [l, s], s,
            "the data of a named value in reg query output (the parser's values list), exactly as written"
        ) { a in
            guard let values = a[0].listValue, let name = a[1].stringValue?.lowercased() else { return nil }
            for v in values {
                guard let text = v.stringValue else { continue }
                let parts = text.split(separator: "=", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3, parts[0].lowercased() == name { return .string(String(parts[2])) }
            }
            return nil
        }
    ]

    static let suffixFunctions: [Builtin] = [
        Builtin(
            "file_suffix", [s], s,
            "a MachineGuid as the key files' suffix carries it: the registry text as written, lower case (Windows matches file names without regard to case), braces kept"
        ) { a in
            a[0].stringValue.flatMap(MachineGuidSuffix.suffix).map(Value.string)
        },
        Builtin("guid_of", [s], g, "the GUID in a text, braces and case ignored") { a in
            a[0].stringValue.flatMap(GUIDText.normalize).map(Value.guid)
        },
        Builtin(
            "container_suffixes", [l, s], l,
            "the MachineGuid suffixes (as the file names carry them, lower case, braces kept) of the files in a listing that hold the named container"
        ) { a in
            guard let files = a[0].listValue, let name = a[1].stringValue else { return nil }
            let hash = KeyContainerName.hashPrefix(name)
            return .list(MachineGuidSuffix.suffixes(files.compactMap(\.stringValue), hash: hash).map(Value.string))
        },
        Builtin(
            "all_suffixes", [l], l,
            "the distinct MachineGuid suffixes of every key file in a listing (lower case, braces kept)"
        ) { a in
            guard let files = a[0].listValue else { return nil }
            return .list(MachineGuidSuffix.suffixes(files.compactMap(\.stringValue), hash: nil).map(Value.string))
        },
        Builtin(
            "container_file_as_written", [s, s], s,
            "the file name <hash>_<MachineGuid> a container gets under a MachineGuid written exactly as the registry holds it"
        ) { a in
            guard let n = a[0].stringValue, let g = a[1].stringValue, MachineGuidSuffix.suffix(g) != nil else {
                return nil
            }
            return .string(KeyContainerName.hashPrefix(n) + "_" + g.trimmingCharacters(in: .whitespaces))
        }
    ]
}
