import DiagnosticRules
import Foundation

/// Chooses the reader for a binary file by its first bytes: "regf" is a registry hive,
/// "ElfFile" an `.evtx` log, "LfLe" at offset 4 a Windows 2000/2003 `.evt` log. Anything
/// else is text for the evidence parsers.
public enum ArtifactReader {
    public enum Format: Sendable { case hive, eventLog, legacyEventLog }

    public static func format(ofFileAt path: String) -> Format? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        if head.starts(with: Array("regf".utf8)) { return .hive }
        if head.starts(with: Array("ElfFile".utf8)) { return .eventLog }
        if head.count >= 8, Array(head[4..<8]) == Array("LfLe".utf8) { return .legacyEventLog }
        return nil
    }

    /// Reads a hive or event log file; errors are `HiveError` / `EventLogError` (one line).
    public static func read(path: String, format: Format) throws -> ParsedEvidence {
        switch format {
        case .hive: return try HiveEvidenceReader.read(path: path)
        case .eventLog, .legacyEventLog: return try EventLogEvidenceReader.read(path: path)
        }
    }

    /// A SOFTWARE hive read as a backup: its kind becomes `software-hive-backup`, so that its
    /// MachineGuid goes to the playbook step for the GUID before the change, never to the
    /// step for the current one.
    public static func readBackupHive(path: String) throws -> ParsedEvidence {
        var parsed = try HiveEvidenceReader.read(path: path)
        guard parsed.kind == ArtifactKind.softwareHive else {
            throw HiveError(
                path: path,
                message:
                    "a backup hive must be a SOFTWARE hive (it holds Microsoft\\Cryptography\\MachineGuid); this one is a \(ArtifactKind.title(parsed.kind) ?? parsed.kind)"
            )
        }
        guard parsed.field("machine_guid") != nil else {
            throw HiveError(
                path: path,
                message:
                    "this SOFTWARE hive has no MachineGuid under Microsoft\\Cryptography; give a backup taken before the change"
            )
        }
        parsed.kind = ArtifactKind.softwareHiveBackup
        parsed.summary = "backup " + parsed.summary
        return parsed
    }
}
