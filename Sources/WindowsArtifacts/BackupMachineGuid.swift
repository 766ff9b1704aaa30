import DiagnosticRules
import Foundation

/// The MachineGuid a server had before it changed, read from a backup of its SOFTWARE hive
/// (`--backup-hive`, `config\RegBack\SOFTWARE`, a `reg save` copy, a snapshot).
///
/// Why it is attached to the evidence of the current MachineGuid instead of answering a step
/// of its own: the playbook reads both GUIDs from the one step that asks for MachineGuid
/// (`backup_machine_guid: backup_guid`), so the interview asks nothing new and a backup can
/// only ever be compared with the current value it was given with.
public enum BackupMachineGuid {
    public struct Backup: Sendable {
        public var path: String
        public var guid: Value
        public var place: String
    }

    /// The backup's MachineGuid, or a one-line reason it has none.
    public static func read(path: String) throws -> Backup {
        let parsed = try ArtifactReader.readBackupHive(path: path)
        guard let field = parsed.field("machine_guid") else {
            throw HiveError(path: path, message: "no MachineGuid in this backup")
        }
        return Backup(
            path: path, guid: field.value,
            place: "backup hive \(path), \(field.place ?? "key HKLM\\SOFTWARE\\Microsoft\\Cryptography")")
    }

    /// Adds `backup_machine_guid` to `evidence` (which holds the current `machine_guid`)
    /// from the first backup whose GUID differs from it. Returns the evidence and a line for
    /// the report on what was used or why nothing was.
    public static func attach(_ backups: [Backup], to evidence: ParsedEvidence) -> (ParsedEvidence, String) {
        guard let current = evidence.field("machine_guid") else {
            return (evidence, "backup MachineGuid not used: the current MachineGuid is unknown")
        }
        guard let backup = backups.first(where: { $0.guid != current.value }) else {
            let same = backups.map(\.path).joined(separator: ", ")
            return (
                evidence,
                backups.isEmpty
                    ? "no backup of the SOFTWARE hive"
                    : "backup MachineGuid not used: \(same) holds the current MachineGuid \(current.value.description) (taken after the change)"
            )
        }
        var out = evidence
        out.fields.append(EvidenceField(name: "backup_machine_guid", value: backup.guid, line: 0, place: backup.place))
        return (out, "MachineGuid before the change: \(backup.guid.description), read from \(backup.place)")
    }
}
