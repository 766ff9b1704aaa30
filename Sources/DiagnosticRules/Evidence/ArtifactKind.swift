import Foundation

/// The evidence kinds read from a server's own files (registry hives, `.evtx` logs) by the
/// readers in the WindowsArtifacts target. They are not text parsers (nothing to paste), but
/// playbooks name them in `parser:` like any other, so the linter knows them from here.
///
/// Fields, by kind (the same names and types as the text parsers that read the same data):
/// - `software-hive`: `machine_guid` (guid) from `Microsoft\Cryptography`; the `reg-query`
///   AutoGenKey fields (`autogen_key_present`, `autogen_key_fingerprint`, `autogen_key_length`,
///   `autogen_key_creation_time`, `autogen_key_format`, `autogen_key_names`) from the first
///   `Microsoft\ASP.NET\<version>\AutoGenKeys\<SID>` holding a key; `autogen_key_sids`
///   (list of string); `profiles` (list, `SID=ProfileImagePath` from ProfileList);
///   `registry_key`, `values`; `hive_dirty` (boolean). Every `AutoGenKeys\<SID>` key is also
///   kept as a key of its own (`ParsedEvidence.registryKeys`): a step with `select_key` takes
///   the one of the pool's SID and version, never "the first".
/// - `user-hive`: the AutoGenKey fields from `Software\Microsoft\ASP.NET\<version>`, and
///   those keys as keys of their own (`HKCU\...` for a hive given on its own, `HKU\<SID>\...`
///   for the hives of a volume, matched to their accounts through ProfileList).
/// - With `select_key`, a hive kind gives the selected key's fields plus
///   `read_from_hive_file` (true), and `registry_value_missing` (true) when the key does not
///   exist in the hive.
/// - `system-hive`: `services` (list of string, `NAME start=N type=N account=... image=...`),
///   `current_control_set` (integer) and `service_<name>_start` (integer) for IISADMIN,
///   W3SVC, WAS and aspnet_state.
/// - `registry-hive`: a hive of another kind: `values` of its root key only.
/// - `event-log-file`: the `event-xml` fields of the newest event a playbook uses (7024,
///   7023, 7000, 1309, 1310, 1316), plus `events` (list of string, every Service Control
///   Manager and ASP.NET event, newest first) and `event_count`, `event_ids`.
public enum ArtifactKind {
    public static let softwareHive = "software-hive"
    public static let systemHive = "system-hive"
    public static let userHive = "user-hive"
    public static let registryHive = "registry-hive"
    public static let eventLogFile = "event-log-file"
    /// A SOFTWARE hive given as a backup (`--backup-hive`, RegBack): the same fields, for the
    /// step that asks for MachineGuid before a change.
    public static let softwareHiveBackup = "software-hive-backup"

    public static let all: Set<String> = [
        softwareHive, systemHive, userHive, registryHive, eventLogFile, softwareHiveBackup
    ]

    /// Whether a file's first bytes are those of a file these kinds are read from: "regf" (a
    /// registry hive), "ElfFile" (an `.evtx` log), "LfLe" at offset 4 (a 2000/2003 `.evt`
    /// log). `ArtifactReader.format` in WindowsArtifacts tells them apart by the same bytes.
    public static func isArtifactFile(head: [UInt8]) -> Bool {
        head.starts(with: Array("regf".utf8)) || head.starts(with: Array("ElfFile".utf8))
            || (head.count >= 8 && Array(head[4..<8]) == Array("LfLe".utf8))
    }

    public static func title(_ kind: String) -> String? {
        switch kind {
        case softwareHive: return "SOFTWARE registry hive"
        case systemHive: return "SYSTEM registry hive"
        case userHive: return "user registry hive (NTUSER.DAT)"
        case registryHive: return "registry hive"
        case eventLogFile: return "Windows event log file (.evtx or .evt)"
        case softwareHiveBackup: return "SOFTWARE registry hive (backup)"
        default: return nil
        }
    }

    /// What each kind gives, in the text parsers' terms, so that playbooks naming a kind are
    /// checked like any other `parser:` (`PlaybookParserLint`).
    public static func schema(_ kind: String) -> EvidenceSchema? {
        let hive: [EvidenceFieldSpec] =
            SharedSchemas.registry + [
                .init("hive_dirty", .boolean, "the hive has pending transaction logs (.LOG1/.LOG2) not yet applied"),
                .init(
                    ParsedEvidence.readFromHiveFile, .boolean,
                    "with select_key: the key was read from the hive file itself (absent there means absent, not an unloaded hive)"
                )
            ]
        switch kind {
        case softwareHive, softwareHiveBackup:
            return EvidenceSchema(
                fields: hive + [
                    .init("autogen_key_sids", .list, "SIDs under ASP.NET\\<version>\\AutoGenKeys"),
                    .init("profiles", .list, "SID=ProfileImagePath of every profile in ProfileList"),
                    .init(
                        "backup_machine_guid", .guid, "MachineGuid of a backup SOFTWARE hive (--backup-hive, RegBack)")
                ], example: "(a SOFTWARE hive file: Windows\\System32\\config\\SOFTWARE)")
        case userHive:
            return EvidenceSchema(fields: hive, example: "(a user hive file: NTUSER.DAT)")
        case registryHive:
            return EvidenceSchema(fields: hive, example: "(any other registry hive file)")
        case systemHive:
            return EvidenceSchema(
                fields: hive + [
                    .init("services", .list, "NAME start=N type=N account=... image=... of every service"),
                    .init("current_control_set", .integer, "Select\\Current")
                ]
                    + ["iisadmin", "w3svc", "was", "aspnet_state"].map {
                        .init("service_\($0)_start", .integer, "Start value of the \($0.uppercased()) service")
                    }, example: "(a SYSTEM hive file: Windows\\System32\\config\\SYSTEM)")
        case eventLogFile:
            return EvidenceSchema(
                fields: SharedSchemas.event + [
                    .init("events", .list, "every Service Control Manager and ASP.NET event, newest first")
                ], example: "(an event log file: System.evtx, SysEvent.Evt)")
        default:
            return nil
        }
    }
}
