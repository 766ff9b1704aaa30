import DiagnosticRules
import Foundation

/// Everything KeyWizard can read from a mounted Windows volume, as evidence for the
/// playbooks: found by itself (see `WindowsVolume`), read without writing, each file either
/// read or named with the one-line reason it could not be.
///
/// Order matters: evidence goes to the first unanswered step that takes its kind, so the
/// current SOFTWARE hive comes before the backups (which have their own kind anyway), and
/// the System log before the Application log.
public struct VolumeEvidence {
    public var inputs: [AnswerBuilder.ParsedInput] = []
    /// What was found where (one line each), for the report.
    public var inventory: [String] = []
    /// Files found but not read, with the reason.
    public var problems: [String] = []
    /// The MachineKeys listing as `dir` would print it (names, sizes, times).
    public var machineKeysListing: String?
    /// The Windows release (SOFTWARE and SYSTEM hives, system folder), with the SOFTWARE hive's path.
    public var windowsRelease: (release: VolumeWindowsRelease, hive: String)?

    /// Collects the evidence of the volume at `volume`, plus `backupHives` given by the
    /// operator (read before RegBack's copy, which is often older or empty).
    /// `context` carries the disclosed-key list, so a `<machineKey>` on the volume is checked
    /// against it as a pasted config is.
    public static func collect(
        volume: WindowsVolume, backupHives: [String], context: EvidenceContext = EvidenceContext()
    ) -> VolumeEvidence {
        var out = VolumeEvidence()
        func read(_ path: String, what: String, _ body: () throws -> ParsedEvidence) {
            do {
                let parsed = try body()
                out.inputs.append(.init(name: path, parsed: parsed))
                out.inventory.append("\(what): \(path): \(parsed.summary)")
                // Service settings in full; events newest first, at most ten (a System log
                // holds thousands of 7036s: `keywizard parse` lists them all).
                for (name, limit) in [("services", Int.max), ("events", 10)] {
                    guard case .list(let items)? = parsed.field(name)?.value else { continue }
                    out.inventory += items.prefix(limit).map { "  - \($0.description)" }
                    if items.count > limit {
                        out.inventory.append(
                            "  ... \(items.count - limit) more (keywizard parse \(path) lists them all)")
                    }
                }
                // Keys a step selects by SID (AutoGenKeys): each with what it holds.
                if let keys = parsed.registryKeys {
                    out.inventory += keys.keys.map { "  - \($0.path): \($0.summary)" }
                    out.inventory += keys.coverage.filter { !$0.absent }.map { "  - \($0.note)" }
                }
                for note in parsed.notes { out.inventory.append("  note: \(note.message)") }
            } catch {
                out.problems.append("\(what): \(error)")
            }
        }
        if let software = volume.softwareHive() {
            read(software, what: "SOFTWARE hive") { try HiveEvidenceReader.read(path: software) }
            switch VolumeWindowsRelease.read(softwareHive: software, volume: volume) {
            case .success(let release)?:
                out.windowsRelease = (release, software)
                out.inventory.append("Windows release: \(release.explanation): \(release.answer)")
            case .failure(let why)?:
                out.problems.append("Windows release: \(why); the playbooks ask for it")
            case nil:
                out.inventory.append(
                    "Windows release: the SOFTWARE hive has no Microsoft\\Windows NT\\CurrentVersion key; the playbooks ask for it"
                )
            }
        } else {
            out.problems.append("SOFTWARE hive: not found under Windows/System32/config")
        }
        var backups: [BackupMachineGuid.Backup] = []
        for backup in backupHives + [volume.regBackSoftwareHive()].compactMap({ $0 }) {
            do {
                let b = try BackupMachineGuid.read(path: backup)
                backups.append(b)
                out.inventory.append("backup SOFTWARE hive: \(backup): MachineGuid \(b.guid.description)")
            } catch {
                out.problems.append("backup SOFTWARE hive: \(error)")
            }
        }
        if let index = out.inputs.firstIndex(where: { $0.parsed.kind == ArtifactKind.softwareHive }) {
            let (attached, line) = BackupMachineGuid.attach(backups, to: out.inputs[index].parsed)
            out.inputs[index].parsed = attached
            out.inventory.append(line)
        }
        if let system = volume.systemHive() {
            read(system, what: "SYSTEM hive") { try HiveEvidenceReader.read(path: system) }
        }
        for log in volume.eventLogs() {
            read(log, what: "event log") { try EventLogEvidenceReader.read(path: log) }
        }
        for log in volume.legacyEventLogs() {
            read(log, what: "event log (.evt)") { try EventLogEvidenceReader.read(path: log) }
        }
        if let folder = volume.machineKeysFolder() {
            let windowsPath = volume.windowsPath(of: folder)
            do {
                let (parsed, listing) = try MachineKeysFolderReader.read(folder: folder, windowsPath: windowsPath)
                out.inputs.append(.init(name: folder, parsed: parsed))
                out.machineKeysListing = listing
                out.inventory.append("MachineKeys folder: \(folder): \(parsed.summary)")
            } catch {
                out.problems.append("MachineKeys folder: \(error)")
            }
        } else {
            out.problems.append(
                "MachineKeys folder: not found (ProgramData/Microsoft/Crypto/RSA/MachineKeys or Documents and Settings/All Users/Application Data/...)"
            )
        }
        for config in [volume.applicationHostConfig(), volume.metabase()].compactMap({ $0 }) {
            readText(config, what: "IIS configuration", context: context, into: &out)
        }
        // Configuration files: listed all; only the first that defines <machineKey> (else the
        // first root web.config) is given to the playbooks, because several web.config files
        // of one server are not the nodes of a farm.
        let configs = volume.configFiles()
        var chosen: String?
        for config in configs {
            out.inventory.append("configuration file: \(config)")
            if chosen == nil, let data = FileManager.default.contents(atPath: config),
                String(decoding: data, as: UTF8.self).range(of: "<machineKey", options: .caseInsensitive) != nil
            {
                chosen = config
            }
        }
        if let chosen { readText(chosen, what: "configuration with <machineKey>", context: context, into: &out) }
        // User hives: listed each, but given to the playbooks only joined by account through
        // ProfileList (`ProfileHives`): a hive on its own would answer for any account.
        let userHives = volume.userHives()
        for hive in userHives {
            do {
                out.inventory.append("user hive: \(hive): \(try HiveEvidenceReader.read(path: hive).summary)")
            } catch {
                out.problems.append("user hive: \(error)")
            }
        }
        if let software = out.inputs.first(where: { $0.parsed.kind == ArtifactKind.softwareHive }),
            case .list(let items)? = software.parsed.field("profiles")?.value
        {
            let profiles: [(sid: String, path: String)] = items.compactMap { item in
                let text = item.description
                guard let eq = text.firstIndex(of: "=") else { return nil }
                return (String(text[..<eq]), String(text[text.index(after: eq)...]))
            }
            let joined = ProfileHives.collect(volume: volume, profiles: profiles, softwareHive: software.name)
            out.inputs.append(.init(name: ProfileHives.name, parsed: joined.evidence))
            out.inventory.append("\(ProfileHives.name): \(joined.evidence.summary)")
            out.inventory += joined.inventory.map { "  - \($0)" }
        } else if !userHives.isEmpty {
            out.inventory.append(
                "user hives not matched to accounts: the SOFTWARE hive's ProfileList was not read, so no playbook is given them"
            )
        }
        return out
    }

    /// A text file read by the evidence parsers (applicationHost.config, web.config).
    private static func readText(_ path: String, what: String, context: EvidenceContext, into out: inout VolumeEvidence)
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            out.problems.append("\(what): \(path): cannot read the file")
            return
        }
        do {
            let parsed = try EvidenceRegistry.parseAuto(
                EvidenceText.normalizeNewlines(EvidenceText.decode(data)), context: context)
            out.inputs.append(.init(name: path, parsed: parsed))
            out.inventory.append("\(what): \(path): \(parsed.summary)")
        } catch {
            out.problems.append("\(what): \(path): \(error)")
        }
    }
}
