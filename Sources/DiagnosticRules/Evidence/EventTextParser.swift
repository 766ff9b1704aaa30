import Foundation

/// Reads `wevtutil qe System /q:... /rd:true /c:5 /f:text` output:
///
/// ```
/// Event[0]:
///   Log Name: System
///   Source: Service Control Manager
///   Date: 2024-05-14T08:12:31.123
///   Event ID: 7024
///   ...
///   Computer: WEB01.contoso.local
///   Description:
/// The IIS Admin Service service terminated with the following service-specific error:
/// Invalid Signature.
/// ```
///
/// The description runs from "Description:" to the next `Event[n]:` and is joined into one
/// line. Fields (first event): `event_id`, `provider` (Source), `time_created` (Date, as
/// given), `computer`, `service_name` (from the message), `error_code` / `error_text`,
/// `event_message`, `event_count`, `event_ids` (see `EventXMLParser`), plus `log_name`
/// (string) and `event_level_name` (string, e.g. "Error") when present.
public struct EventTextParser: EvidenceParser {
    public init() {}
    public var id: String { "event-text" }
    public var title: String { "Windows event text (wevtutil /f:text)" }

    public func detect(_ text: String) -> Int {
        let lines = EvidenceLines(text, limit: 200).lines
        let header = lines.contains { Self.eventHeader($0.trimmed) }
        let idLine = lines.contains { l in
            EventMessageForms.labelled(l.trimmed).map { EventMessageForms.canonical($0.label) == "Event ID" } ?? false
        }
        if header && idLine { return 90 }
        return header || idLine ? 40 : 0
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        var records: [EventRecord] = []
        var current: EventRecord?
        var description: [Substring] = []
        var inDescription = false
        var logName: (String, Int)?
        var level: (String, Int)?
        func finish() {
            guard var r = current else { return }
            let message = description.map { $0.trimmed() }.filter { !$0.isEmpty }.joined(separator: " ")
            if !message.isEmpty, let line = r.message?.1 { r.message = (message, line) } else { r.message = nil }
            records.append(r)
            current = nil
            description = []
            inDescription = false
        }
        // Line by line, without keeping the lines: a 16 MB paste has 800,000 of them.
        for line in EvidenceLineSequence(text) {
            let t = line.trimmed
            if Self.eventHeader(t) {
                finish()
                current = EventRecord(line: line.number)
                continue
            }
            guard current != nil else {
                if !line.isBlank {
                    if RegQueryParser.promptLine(t) {
                        builder.note(line.number, "skipped a command prompt line")
                        continue
                    }
                    throw builder.error(
                        line: line.number, expected: "\"Event[0]:\" (wevtutil ... /f:text output)",
                        found: evidenceExcerpt(line.text))
                }
                continue
            }
            if inDescription {
                description.append(line.text)
                continue
            }
            guard let colon = Self.firstColon(t) else {
                if !line.isBlank {
                    builder.note(line.number, "not a 'Name: value' line, skipped: '\(evidenceExcerpt(t))'")
                }
                continue
            }
            let key = t[..<colon].trimmed()
            // Made only for the keys that are kept (most lines of an event are not).
            var value: String { String(t[t.index(after: colon)...].trimmed()) }
            // wevtutil prints localized labels on localized servers: read them by their English key.
            switch EventMessageForms.canonical(key) ?? String(key) {
            case "Event ID":
                if let v = Int64(value) {
                    current!.eventID = (v, line.number)
                } else {
                    builder.note(line.number, "Event ID is not a number: '\(evidenceExcerpt(value))'")
                }
            case "Source", "Provider Name": current!.provider = (value, line.number)
            case "Date": current!.timeCreated = (value, line.number)
            case "Computer": current!.computer = (value, line.number)
            case "Log Name": if logName == nil { logName = (value, line.number) }
            case "Level": if level == nil && records.isEmpty { level = (value, line.number) }
            case "Description":
                inDescription = true
                current!.message = ("", line.number)
                let first = value
                if !first.isEmpty { description.append(Substring(first)) }
            default: break
            }
        }
        finish()
        guard !records.isEmpty else {
            let first = EvidenceLineSequence(text).first { !$0.isBlank }
            throw builder.error(
                line: first?.number ?? 1, expected: "\"Event[0]:\" (wevtutil ... /f:text output)",
                found: first.map { evidenceExcerpt($0.text) } ?? "")
        }
        EventEvidence.emit(records, into: &builder)
        if let logName { builder.add("log_name", .string(logName.0), line: logName.1) }
        if let level { builder.add("event_level_name", .string(level.0), line: level.1) }
        // wevtutil, Get-WinEvent and the 2004/08 event schema exist from Vista/2008 on.
        builder.add("windows_hint", .string("nt6"), line: records[0].line)
        if records[0].eventID == nil { builder.note(records[0].line, "the first event has no 'Event ID:' line") }
        return builder.build(summary: EventXMLParser.summary(builder.build(summary: "")))
    }

    /// The first ":" of a line. On the bytes when the line is ASCII (as wevtutil's English
    /// output is): searching by Character costs a grapheme-break check per character, and
    /// this runs on every line of a paste. Otherwise by Character, so that a colon joined to
    /// a combining mark is not taken for one.
    static func firstColon(_ t: Substring) -> Substring.Index? {
        let utf8 = t.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return t.firstIndex(of: ":") }
        return utf8.firstIndex(of: UInt8(ascii: ":"))
    }

    /// `Event[0]:`
    static func eventHeader(_ t: Substring) -> Bool {
        // Most lines are rejected on their first byte: every line of a paste is asked, and
        // `hasPrefix` compares Characters.
        guard t.utf8.first == UInt8(ascii: "E"), t.hasPrefix("Event["), t.hasSuffix("]:") else { return false }
        return t.dropFirst(6).dropLast(2).allSatisfy(\.isNumber)
    }
}

extension EventTextParser {
    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.event + [
                .init("log_name", .string, "Log Name of the first event"),
                .init("event_level_name", .string, "Level of the first event, e.g. Error")
            ],
            example: """
                Event[0]:
                  Log Name: System
                  Source: Service Control Manager
                  Date: 2024-05-14T08:12:31.123
                  Event ID: 7024
                  Description:
                The IIS Admin Service service terminated with the following service-specific error:
                Invalid Signature.
                """)
    }
}
