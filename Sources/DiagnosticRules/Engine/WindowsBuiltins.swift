import Foundation

/// Windows knowledge exposed to playbooks by name. Each function is a thin adapter over a
/// tested pure function in `Windows/`; nil results mean "unknown", never false.
extension Builtins {
    static let windows: [Builtin] =
        errorFunctions + identityFunctions + containerFunctions + timeFunctions + versionFunctions + suffixFunctions

    static let timeFunctions: [Builtin] = [
        Builtin(
            "filetime_utc", [i], s,
            "a FILETIME (100-ns ticks since 1601-01-01 UTC, as AutoGenKeyCreationTime) as 2024-05-14T08:12:31Z"
        ) { a in
            a[0].integerValue.flatMap { FileTime.utcText($0) }.map { Value.string($0) }
        }
    ]

    private static func code(_ v: Value) -> UInt32? {
        guard let i = v.integerValue else { return nil }
        if i < 0 { return i >= Int64(Int32.min) ? UInt32(bitPattern: Int32(i)) : nil }
        return i <= Int64(UInt32.max) ? UInt32(i) : nil
    }

    static let errorFunctions: [Builtin] = [
        Builtin(
            "error_name", [i], s,
            "symbolic name of an error code (winerror.h), e.g. NTE_BAD_SIGNATURE; 'unknown name' when the table has none"
        ) { a in
            guard let c = code(a[0]) else { return nil }
            return .string(ErrorDecoder.decode(c).names.first ?? "unknown name")
        },
        Builtin("error_hex", [i], s, "an error code as 0x80090006") { a in
            code(a[0]).map { .string(ErrorDecoder.hexText($0)) }
        },
        Builtin(
            "error_message", [i], s,
            "the message of an error code; '(unconfirmed)' when the text is not from a confirmed source"
        ) { a in
            guard let c = code(a[0]) else { return nil }
            let d = ErrorDecoder.decode(c)
            guard let m = d.message ?? d.win32?.message else { return .string("no message on record") }
            let confirmed = d.message != nil ? d.messageConfirmed : (d.win32?.messageConfirmed ?? false)
            return .string(confirmed ? m : m + " (unconfirmed)")
        },
        Builtin("error_facility", [i], i, "the HRESULT facility number (9 = SECURITY, 7 = WIN32)") { a in
            code(a[0]).map { .integer(Int64(ErrorDecoder.decode($0).facility)) }
        },
        Builtin(
            "win32_code", [i], i,
            "the Win32 error inside a 0x8007xxxx HRESULT (or a plain Win32 code); unknown otherwise"
        ) { a in
            guard let c = code(a[0]) else { return nil }
            return ErrorDecoder.decode(c).win32.map { .integer(Int64($0.code)) }
        }
    ]

    static let identityFunctions: [Builtin] = [
        Builtin("pool_sid", [s], s, "the SID of IIS APPPOOL\\<pool> (S-1-5-82-...)") { a in
            a[0].stringValue.map { .string(SIDCalculator.appPoolSID(poolName: $0)) }
        },
        Builtin(
            "identity_sid", [s, s], s,
            "the SID a pool runs as, from its identityType and name; unknown for SpecificUser (its SID must be typed)"
        ) { a in
            guard let type = a[0].stringValue.flatMap(PoolIdentity.init(parsing:)), let pool = a[1].stringValue else {
                return nil
            }
            guard case .success(let sid) = SIDCalculator.sid(for: type, poolName: pool, userSID: nil) else {
                return nil
            }
            return .string(sid)
        },
        Builtin(
            "autogen_user_key", [s, s], s,
            "HKU\\<SID>\\Software\\Microsoft\\ASP.NET\\<version>: the identity's own hive"
        ) { a in
            guard let sid = a[0].stringValue, let v = a[1].stringValue.flatMap(ASPNETVersion.init(parsing:)) else {
                return nil
            }
            return AutoGenKeyLocations.locations(sid: sid, identity: .applicationPoolIdentity, frameworkVersion: v)
                .first { $0.kind == .userHive }.map { .string($0.key) }
        },
        Builtin("autogen_machine_key", [s, s], s, "HKLM\\SOFTWARE\\Microsoft\\ASP.NET\\<version>\\AutoGenKeys\\<SID>") {
            a in
            guard let sid = a[0].stringValue, let v = a[1].stringValue.flatMap(ASPNETVersion.init(parsing:)) else {
                return nil
            }
            return AutoGenKeyLocations.locations(sid: sid, identity: .applicationPoolIdentity, frameworkVersion: v)
                .first { $0.kind == .machineAutoGenKeys }.map { .string($0.key) }
        }
    ]

    static let containerFunctions: [Builtin] = [
        Builtin("container_hash", [s], s, "the MachineKeys file-name prefix of a key container name") { a in
            a[0].stringValue.map { .string(KeyContainerName.hashPrefix($0)) }
        },
        Builtin("container_file", [s, g], s, "the MachineKeys file name <hash>_<MachineGuid> of a container") { a in
            guard let n = a[0].stringValue, let g = a[1].stringValue else { return nil }
            return KeyContainerName.fileName(container: n, machineGuid: g).map(Value.string)
        },
        Builtin(
            "container_guids", [l, s], l, "the GUID suffixes of the files in a listing that hold the named container"
        ) { a in
            guard let files = a[0].listValue, let name = a[1].stringValue else { return nil }
            let hash = KeyContainerName.hashPrefix(name)
            var out: [Value] = []
            for f in files {
                guard let text = f.stringValue, let parts = KeyContainerFile.parse(text), parts.hash == hash else {
                    continue
                }
                let g = Value.guid(parts.machineGuid)
                if !out.contains(g) { out.append(g) }
            }
            return .list(out)
        },
        Builtin("known_containers", [l], l, "names of the well-known containers present in a listing") { a in
            guard let files = a[0].listValue else { return nil }
            var out: [Value] = []
            for f in files {
                guard let text = f.stringValue, let parts = KeyContainerFile.parse(text),
                    let name = KeyContainerCatalog.container(hash: parts.hash)?.name
                else { continue }
                if !out.contains(.string(name)) { out.append(.string(name)) }
            }
            return .list(out)
        },
        Builtin(
            "files_without_guid", [l, g], l, "the files in a listing whose GUID suffix is not the given MachineGuid"
        ) { a in
            guard let files = a[0].listValue, let g = a[1].stringValue.flatMap(GUIDText.normalize) else { return nil }
            return .list(
                files.filter { f in
                    guard let text = f.stringValue, let parts = KeyContainerFile.parse(text) else { return false }
                    return GUIDText.normalize(parts.machineGuid) != g
                })
        }
    ]
}
