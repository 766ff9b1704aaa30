import DiagnosticRules
import Foundation

/// Reads an `.evtx` (or `.evt`) file as evidence: every Service Control Manager and ASP.NET event,
/// newest first (`events`), and the shared event fields (`event_id`, `service_name`,
/// `error_code`, ...) of the newest event a playbook uses, decoded by the same rules as the
/// pasted `wevtutil` forms. The fact's place is the record number.
///
/// Why "newest first" sorts on the record number (EventRecordID) and not on file order or
/// time: a log that wrapped holds its oldest records at the end of the file, and a crash can
/// leave records with a zero time (the 7036 sample's records 5 and 6 read 1601-01-01), but
/// the record number grows by one with every event written to the log.
public enum EventLogEvidenceReader {
    /// The events the playbooks read: SCM 7000/7023/7024 and ASP.NET 1309/1310/1316.
    public static let playbookEvents: Set<Int64> = [7024, 7023, 7000, 1309, 1310, 1316]

    /// Reads an `.evtx` file, or a Windows 2000/2003 `.evt` file when its header says so.
    /// The Service Control Manager and the ASP.NET providers ("ASP.NET 4.0.30319.0").
    static func isPlaybookSource(_ source: String?) -> Bool {
        guard let source else { return false }
        return source == "Service Control Manager" || source.hasPrefix("ASP.NET")
    }

    public static func read(path: String) throws -> ParsedEvidence {
        let file: any EventRecordSource
        if ArtifactReader.format(ofFileAt: path) == .legacyEventLog {
            file = try LegacyEventLogFile(path: path)
        } else {
            file = try EventLogFile(path: path)
        }
        let count = try file.recordCount()
        var b = ArtifactEvidenceBuilder(kind: ArtifactKind.eventLogFile)
        var relevant: [ArtifactEvent] = []
        var unreadable = 0
        for index in 0..<count {
            let record: EventLogRecord
            do { record = try file.record(at: index, stringsWhen: isPlaybookSource) } catch {
                unreadable += 1
                continue
            }
            guard isPlaybookSource(record.sourceName), let source = record.sourceName else { continue }
            let time =
                record.writtenTime == 0
                ? "time not recorded" : FileTime.utcText(Int64(clamping: record.writtenTime)) ?? "unknown time"
            relevant.append(
                ArtifactEvent(
                    recordNumber: record.recordNumber, eventID: Int64(record.eventIdentifier), provider: source,
                    timeCreated: time, computer: record.computer, data: record.strings))
        }
        if unreadable > 0 {
            b.note("\(unreadable) of \(count) records could not be read (damaged chunks); the rest are listed")
        }
        if file.isCorrupted { b.note("libevtx marks the file as corrupted; some records may be missing") }
        let sorted = relevant.sorted { $0.recordNumber > $1.recordNumber }
        let used = sorted.filter { playbookEvents.contains($0.eventID) }
        b.events(used, listed: sorted)
        if used.isEmpty {
            b.add("event_count", .integer(0), place: "all records")
            b.note("no event \(playbookEvents.sorted().map(String.init).joined(separator: ", ")) in this log")
        }
        let newest =
            used.first.map { "; newest used by the playbooks: \($0.eventID) (record \($0.recordNumber))" } ?? ""
        return b.build(summary: "\(count) records, \(sorted.count) Service Control Manager / ASP.NET events\(newest)")
    }
}
