import Foundation

/// Reads PowerShell `Get-WinEvent -FilterHashtable @{LogName='System'; Id=7024} | Format-List`
/// (and `Get-EventLog ... | Format-List`):
///
/// ```
/// TimeCreated  : 5/14/2024 8:12:31 AM
/// ProviderName : Service Control Manager
/// Id           : 7024
/// Message      : The IIS Admin Service service terminated with the service-specific error
///                2148073478 (0x80090006).
/// ```
///
/// A record ends where a property name repeats; indented lines continue the previous value.
/// Property aliases: Id / EventID, ProviderName / Source, TimeCreated / TimeGenerated,
/// MachineName. Fields: as `EventXMLParser` (first record), plus `level_display_name`
/// (string) when present. `Properties`/`ReplacementStrings` lists are not expanded by
/// Format-List, so the service name and error code come from the message.
public struct EventListParser: EvidenceParser {
    public init() {}
    public var id: String { "event-list" }
    public var title: String { "PowerShell Get-WinEvent | Format-List output" }

    private static let idKeys: Set<String> = ["Id", "EventID", "EventId"]
    private static let providerKeys: Set<String> = ["ProviderName", "Source"]
    private static let timeKeys: Set<String> = ["TimeCreated", "TimeGenerated"]

    public func detect(_ text: String) -> Int {
        var id = false
        var message = false
        var other = false
        for line in EvidenceLines(text, limit: 400).lines {
            guard let (key, _) = Self.property(line.text) else { continue }
            if Self.idKeys.contains(key) {
                id = true
            } else if key == "Message" {
                message = true
            } else if Self.providerKeys.contains(key) || Self.timeKeys.contains(key) {
                other = true
            }
        }
        if id && message && other { return 90 }
        if id && (message || other) { return 60 }
        return message && other ? 40 : 0
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let lines = EvidenceLines(text)
        var records: [EventRecord] = []
        var current: EventRecord?
        var seen: Set<String> = []
        var lastKey: String?
        var messageLines: [Substring] = []
        var levelName: (String, Int)?
        func finish() {
            guard var r = current else { return }
            if let m = r.message {
                let joined = messageLines.map { $0.trimmed() }.filter { !$0.isEmpty }.joined(separator: " ")
                r.message = joined.isEmpty ? nil : (joined, m.1)
            }
            records.append(r)
            current = nil
            seen = []
            messageLines = []
            lastKey = nil
        }
        for line in lines.lines where !line.isBlank {
            if let (key, value) = Self.property(line.text) {
                if seen.contains(key) { finish() }
                if current == nil { current = EventRecord(line: line.number) }
                seen.insert(key)
                lastKey = key
                if Self.idKeys.contains(key) {
                    if let v = Int64(value) {
                        current!.eventID = (v, line.number)
                    } else {
                        builder.note(line.number, "\(key) is not a number: '\(evidenceExcerpt(value))'")
                    }
                } else if Self.providerKeys.contains(key) {
                    current!.provider = (value, line.number)
                } else if Self.timeKeys.contains(key) {
                    current!.timeCreated = (value, line.number)
                } else if key == "MachineName" {
                    current!.computer = (value, line.number)
                } else if key == "Message" {
                    current!.message = ("", line.number)
                    messageLines = [Substring(value)]
                } else if key == "LevelDisplayName" || key == "EntryType", records.isEmpty, levelName == nil {
                    levelName = (value, line.number)
                }
                continue
            }
            if current != nil, line.text.first?.isWhitespace ?? false {
                if lastKey == "Message" { messageLines.append(line.text) }
                continue
            }
            if RegQueryParser.promptLine(line.trimmed) {
                builder.note(line.number, "skipped a command prompt line")
                continue
            }
            if current == nil && records.isEmpty {
                throw builder.error(
                    line: line.number,
                    expected: "Format-List output ('TimeCreated  : ...', 'Id  : 7024', 'Message  : ...')",
                    found: evidenceExcerpt(line.text))
            }
            builder.note(line.number, "not a 'Name : value' line, skipped: '\(evidenceExcerpt(line.text))'")
        }
        finish()
        guard records.contains(where: { $0.eventID != nil || $0.message != nil }) else {
            let first = lines.firstNonBlank
            throw builder.error(
                line: first?.number ?? 1, expected: "an event with 'Id : ...' or 'Message : ...'",
                found: first.map { evidenceExcerpt($0.text) } ?? "")
        }
        EventEvidence.emit(records, into: &builder)
        // wevtutil, Get-WinEvent and the 2004/08 event schema exist from Vista/2008 on.
        builder.add("windows_hint", .string("nt6"), line: records[0].line)
        if let levelName { builder.add("level_display_name", .string(levelName.0), line: levelName.1) }
        return builder.build(summary: EventXMLParser.summary(builder.build(summary: "")))
    }

    /// `Name   : value` at the start of a line (Format-List pads names to one column).
    static func property(_ text: Substring) -> (String, String)? {
        guard let first = text.first, first.isLetter else { return nil }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].trimmed()
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        let after = text[text.index(after: colon)...]
        guard after.isEmpty || after.first == " " else { return nil }
        return (String(key), String(after.trimmed()))
    }
}

extension EventListParser {
    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.event + [
                .init("level_display_name", .string, "LevelDisplayName of the first event")
            ],
            example: """
                TimeCreated  : 5/14/2024 8:12:31 AM
                ProviderName : Service Control Manager
                Id           : 7024
                Message      : The IIS Admin Service service terminated with the following service-specific error:
                               Invalid Signature.
                """)
    }
}
