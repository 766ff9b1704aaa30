import DiagnosticRules
import Foundation

/// Reads a registry hive file as evidence: which hive it is (SOFTWARE, SYSTEM, a user's
/// NTUSER.DAT, or another) is told by its root keys, and each kind gives the facts the
/// pasted forms give (see `ArtifactKind` for the fields). AutoGenKey data never leaves this
/// type: it goes through the `reg query` rules, which keep only a fingerprint and a length.
///
/// A dirty hive (its last write not finished; `.LOG1`/`.LOG2` beside it not yet applied) is
/// still read, because on a server that crashed it is the only copy there is, but the
/// evidence says so in a note and in `hive_dirty`.
public enum HiveEvidenceReader {
    /// The ASP.NET versions whose auto-generated keys the playbooks know, in lookup order.
    static let aspNetVersions = ["4.0.30319.0", "2.0.50727.0"]
    /// Services whose settings a SYSTEM hive reports.
    static let services = ["IISADMIN", "W3SVC", "WAS", "aspnet_state", "HTTP", "CryptSvc"]

    public static func read(path: String) throws -> ParsedEvidence {
        let hive = try HiveFile(path: path)
        let rootNames = Set(try hive.children(hive.root).map { hive.name($0).lowercased() })
        let kind: String
        if rootNames.contains("select") && rootNames.contains(where: { $0.hasPrefix("controlset") }) {
            kind = ArtifactKind.systemHive
        } else if rootNames.contains("microsoft") && hive.node(at: "Microsoft\\Cryptography") != nil
            || hive.node(at: "Microsoft\\ASP.NET") != nil
        {
            kind = ArtifactKind.softwareHive
        } else if rootNames.contains("software")
            && (rootNames.contains("control panel") || rootNames.contains("environment")
                || hive.node(at: "Software\\Microsoft") != nil)
        {
            kind = ArtifactKind.userHive
        } else {
            kind = ArtifactKind.registryHive
        }
        var b = ArtifactEvidenceBuilder(kind: kind)
        if hive.header.isDirty {
            let logs = HiveHeader.pendingLogs(besides: path)
            b.add("hive_dirty", .boolean(true), place: "header")
            b.note(
                "dirty hive: sequence numbers \(hive.header.primarySequence) and \(hive.header.secondarySequence) differ, so Windows had not finished writing it"
                    + (logs.isEmpty ? "" : "; transaction logs not applied: " + logs.joined(separator: ", "))
                    + "; values may be older than the running server's (copy the hive with its .LOG files, or load it once on Windows to replay them)"
            )
        }
        var summary: [String] = []
        switch kind {
        case ArtifactKind.softwareHive:
            if let crypto = hive.node(at: "Microsoft\\Cryptography") {
                b.registryKey(
                    "HKLM\\SOFTWARE\\Microsoft\\Cryptography", values: try values(hive, crypto, only: ["MachineGuid"]))
            }
            if b.has("machine_guid") {
                summary.append("MachineGuid read")
            } else {
                b.note("no MachineGuid under Microsoft\\Cryptography")
            }
            var sids: [Value] = []
            for version in aspNetVersions {
                guard let keys = hive.node(at: "Microsoft\\ASP.NET\\\(version)\\AutoGenKeys") else { continue }
                for sidNode in try hive.children(keys) {
                    let sid = hive.name(sidNode)
                    sids.append(.string(sid))
                    let vals = try values(hive, sidNode, only: nil)
                    if vals.contains(where: { $0.name.lowercased().hasPrefix("autogenkey") }) {
                        b.registryKey(
                            "HKLM\\SOFTWARE\\Microsoft\\ASP.NET\\\(version)\\AutoGenKeys\\\(sid)", values: vals)
                    }
                }
            }
            b.addList("autogen_key_sids", sids, place: "key HKLM\\SOFTWARE\\Microsoft\\ASP.NET\\<version>\\AutoGenKeys")
            if b.has("autogen_key_present") { summary.append("an AutoGenKey (fingerprint only)") }
            let machine = try machineStoreKeys(hive)
            if machine.containsSecrets { b.markSecrets() }
            b.registryKeys = machine.keys
            let profiles = try profileList(hive)
            if !profiles.isEmpty {
                b.addList(
                    "profiles", profiles.map { .string("\($0.sid)=\($0.path)") },
                    place: "key \(profileListKey)")
            }
        case ArtifactKind.userHive:
            for version in aspNetVersions {
                guard let key = hive.node(at: "Software\\Microsoft\\ASP.NET\\\(version)") else { continue }
                b.registryKey(
                    "HKCU\\Software\\Microsoft\\ASP.NET\\\(version)", values: try values(hive, key, only: nil))
            }
            summary.append(
                b.has("autogen_key_present") ? "an ASP.NET AutoGenKey (fingerprint only)" : "no ASP.NET AutoGenKey")
            if !b.has("autogen_key_present") {
                b.add("autogen_key_present", .boolean(false), place: "key HKCU\\Software\\Microsoft\\ASP.NET")
            }
            // Given on its own, the hive's account is not known: its keys are named HKCU\...,
            // which a step asking for HKU\<SID>\... takes as that identity's own hive.
            let user = try userStoreKeys(hive, root: "HKCU", file: nil)
            if user.containsSecrets { b.markSecrets() }
            b.registryKeys = user.keys
        case ArtifactKind.systemHive:
            let set = currentControlSet(hive)
            let setName = String(format: "ControlSet%03d", set)
            b.add("current_control_set", .integer(Int64(set)), place: "key HKLM\\SYSTEM\\Select, value Current")
            var listed: [Value] = []
            for name in services {
                guard let node = hive.node(at: "\(setName)\\Services\\\(name)") else { continue }
                let keyPath = "HKLM\\SYSTEM\\\(setName)\\Services\\\(hive.name(node))"
                var parts = [hive.name(node)]
                if let start = hive.value(node, named: "Start")?.number {
                    parts.append("start=\(start) (\(startText(start)))")
                    b.add(
                        "service_\(name.lowercased())_start", .integer(Int64(start)),
                        place: "key \(keyPath), value Start")
                }
                if let type = hive.value(node, named: "Type")?.number { parts.append("type=\(type)") }
                if let account = hive.value(node, named: "ObjectName")?.text { parts.append("account=\(account)") }
                if let image = hive.value(node, named: "ImagePath")?.text { parts.append("image=\(image)") }
                if let deps = hive.value(node, named: "DependOnService")?.strings, !deps.isEmpty {
                    parts.append("depends=\(deps.joined(separator: ","))")
                }
                listed.append(.string(parts.joined(separator: " ")))
            }
            b.addList("services", listed, place: "key HKLM\\SYSTEM\\\(setName)\\Services")
            summary.append("\(setName): \(listed.count) of the IIS / ASP.NET services")
        default:
            b.registryKey("(root)", values: try values(hive, hive.root, only: nil))
            summary.append("root key \(hive.name(hive.root))")
        }
        return b.build(summary: (ArtifactKind.title(kind) ?? kind) + ": " + summary.joined(separator: "; "))
    }

    /// The named values of any key (`keywizard parse HIVE --key PATH`), with the `reg query`
    /// rules (AutoGenKey data reduced to a fingerprint) and the subkey names.
    public static func read(path: String, key: String) throws -> ParsedEvidence {
        let hive = try HiveFile(path: path)
        guard let node = hive.node(at: key) else {
            let roots = try hive.children(hive.root).map { hive.name($0) }.sorted()
            throw HiveError(
                path: path,
                message:
                    "no key '\(key)' in this hive; give a path from its root (root keys: \(roots.joined(separator: ", ")))"
            )
        }
        var b = ArtifactEvidenceBuilder(kind: ArtifactKind.registryHive)
        b.registryKey(key, values: try values(hive, node, only: nil))
        let subkeys = try hive.children(node).map { Value.string(hive.name($0)) }
        b.addList("subkeys", subkeys, place: "key \(key)")
        return b.build(summary: "key \(key): \(try hive.values(node).count) values, \(subkeys.count) subkeys")
    }

    /// The key's values as the evidence rules take them (`only`: names to keep, any case).
    static func values(_ hive: HiveFile, _ node: HiveFile.Node, only: Set<String>?) throws -> [ArtifactRegistryValue] {
        let keep = only.map { Set($0.map { $0.lowercased() }) }
        return try hive.values(node).filter { keep?.contains($0.name.lowercased()) ?? true }.map { v in
            ArtifactRegistryValue(
                name: v.name, type: v.type.regName, display: v.display,
                bytes: v.type == .binary || v.type == .none ? v.data : nil, number: v.number)
        }
    }

    /// The number of a SYSTEM hive's current control set (`Select\Current`; 1 when it is
    /// missing or out of range).
    static func currentControlSet(_ hive: HiveFile) -> Int {
        if let select = hive.node(at: "Select"), let current = hive.value(select, named: "Current")?.number,
            current > 0, current < 1000
        {
            return Int(current)
        }
        return 1
    }

    /// `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList`: which profile folder
    /// holds each account's user hive.
    public static let profileListKey = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList"

    /// Every `ProfileList\<SID>` with its `ProfileImagePath` as stored (`%SystemRoot%\...`
    /// unexpanded). Keys ending `.bak` (a profile Windows set aside) are left out.
    public static func profileList(_ hive: HiveFile) throws -> [(sid: String, path: String)] {
        guard let list = hive.node(at: "Microsoft\\Windows NT\\CurrentVersion\\ProfileList") else { return [] }
        return try hive.children(list).compactMap { node in
            let sid = hive.name(node)
            guard !sid.lowercased().hasSuffix(".bak"), let path = hive.value(node, named: "ProfileImagePath")?.text
            else { return nil }
            return (sid, path)
        }
    }

    /// The machine-wide stores `HKLM\SOFTWARE\Microsoft\ASP.NET\<version>\AutoGenKeys\<SID>`
    /// of a SOFTWARE hive, each a key a step can select by the pool's SID and version.
    ///
    /// A key that exists but holds no AutoGenKey value is not reported as missing: which
    /// value names ASP.NET writes there is unconfirmed (`AutoGenKeyLocations`). A key found
    /// only under `Wow6432Node` (the 32-bit view) makes the 64-bit key unknown, not missing.
    static func machineStoreKeys(_ hive: HiveFile) throws -> (keys: RegistryKeyEvidence, containsSecrets: Bool) {
        let dirty =
            hive.header.isDirty
            ? " (the hive is dirty: its .LOG files were not applied, so a key written last may be missing)" : ""
        var out = RegistryKeyEvidence(coverage: [
            .init(prefix: "HKLM\\SOFTWARE", absent: true, note: "no such key in the SOFTWARE hive" + dirty)
        ])
        var secrets = false
        for view in ["", "Wow6432Node\\"] {
            for version in aspNetVersions {
                let relative = "\(view)Microsoft\\ASP.NET\\\(version)\\AutoGenKeys"
                guard let keys = hive.node(at: relative) else { continue }
                for sidNode in try hive.children(keys) {
                    let sid = hive.name(sidNode)
                    let path = "HKLM\\SOFTWARE\\\(relative)\\\(sid)"
                    let vals = try values(hive, sidNode, only: nil)
                    let hasKey = vals.contains { isAutoGenSecret($0.name) }
                    if hasKey {
                        let (key, secret) = ArtifactEvidenceBuilder.key(
                            path, values: vals, kind: ArtifactKind.softwareHive)
                        out.keys.append(key)
                        secrets = secrets || secret
                    } else {
                        let names = vals.map { $0.name.isEmpty ? "(Default)" : $0.name }
                        out.coverage.append(
                            .init(
                                prefix: path, absent: false,
                                note:
                                    "key \(path) exists but holds no AutoGenKey value (values: \(names.isEmpty ? "none" : names.joined(separator: ", "))); which value names ASP.NET writes under AutoGenKeys\\<SID> is UNCONFIRMED"
                            ))
                    }
                    if !view.isEmpty, hasKey {
                        let native = "HKLM\\SOFTWARE\\Microsoft\\ASP.NET\\\(version)\\AutoGenKeys\\\(sid)"
                        out.coverage.append(
                            .init(
                                prefix: native, absent: false,
                                note:
                                    "\(path) (the 32-bit registry view) holds an AutoGenKey for this SID; whether a 32-bit worker process keeps its key there instead of under \(native) is UNCONFIRMED"
                            ))
                    }
                }
            }
        }
        return (out, secrets)
    }

    /// The identity's own stores `Software\Microsoft\ASP.NET\<version>` of a user hive, named
    /// under `root` (`HKU\<SID>` when the account is known, else `HKCU`). Every key under the
    /// root that is not listed does not exist: the hive file is the whole hive. `file` names
    /// the hive in each place when the evidence joins several hives.
    public static func userStoreKeys(_ hive: HiveFile, root: String, file: String?) throws -> (
        keys: RegistryKeyEvidence, containsSecrets: Bool
    ) {
        let dirty =
            hive.header.isDirty
            ? " (the hive is dirty: its .LOG files were not applied, so a key written last may be missing)" : ""
        let prefix = file.map { "\($0): " } ?? ""
        var out = RegistryKeyEvidence(coverage: [
            .init(prefix: root, absent: true, note: prefix + "no such key in this user hive" + dirty)
        ])
        var secrets = false
        for version in aspNetVersions {
            guard let node = hive.node(at: "Software\\Microsoft\\ASP.NET\\\(version)") else { continue }
            let path = "\(root)\\Software\\Microsoft\\ASP.NET\\\(version)"
            let vals = try values(hive, node, only: nil)
            if vals.contains(where: { isAutoGenSecret($0.name) }) {
                let (key, secret) = ArtifactEvidenceBuilder.key(
                    path, values: vals, kind: ArtifactKind.userHive, file: file)
                out.keys.append(key)
                secrets = secrets || secret
            } else {
                out.coverage.append(
                    .init(prefix: path, absent: true, note: prefix + "key \(path) holds no AutoGenKey value" + dirty))
            }
        }
        return (out, secrets)
    }

    /// `AutoGenKey`, `AutoGenKeyV4` (the secret), not their metadata values.
    static func isAutoGenSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard lower.hasPrefix("autogenkey") else { return false }
        let rest = lower.dropFirst("autogenkey".count)
        return rest.isEmpty || (rest.first == "v" && rest.dropFirst().allSatisfy(\.isNumber))
    }

    /// The `Start` value's meaning (boot, system, automatic, manual, disabled).
    static func startText(_ start: UInt64) -> String {
        switch start {
        case 0: return "boot"
        case 1: return "system"
        case 2: return "automatic"
        case 3: return "manual"
        case 4: return "disabled"
        default: return "unknown"
        }
    }
}
