import Foundation

/// Reads Windows events as XML: `wevtutil qe System /q:"*[System[(EventID=7024)]]" /rd:true
/// /c:5 /f:xml` (bare `<Event>` elements, no root: the text is wrapped before parsing), an
/// Event Viewer "Save as XML" export (`<Events>` root), or a single `<Event>` copied from the
/// Details tab.
///
/// Fields (from the first `<Event>`, the newest with `/rd:true`):
/// - `event_id` (integer), `provider` (string, Provider@Name), `time_created` (string,
///   TimeCreated@SystemTime), `computer` (string).
/// - `service_name` (string): param1 of a Service Control Manager event, else parsed from
///   the message ("The X service terminated ...").
/// - `error_code` (integer): unsigned 32-bit value from `2148073478 (0x80090006)`,
///   `%%2148073478` or the message; `error_text` (string) when only text names the error.
/// - `event_message` (string): RenderingInfo/Message when the export has it.
/// - `event_count` (integer), `event_ids` (list of integer): all events in the text.
/// - `event_data` (list of string): `name=value` of the first event's EventData.
/// - `event_qualifiers` (integer), `event_level` (integer), `event_record_id` (integer),
///   `channel` (string): when present.
public struct EventXMLParser: EvidenceParser {
    public init() {}
    public var id: String { "event-xml" }
    public var title: String { "Windows event XML (wevtutil /f:xml, Event Viewer export)" }

    public func detect(_ text: String) -> Int {
        guard text.contains("<Event") else { return 0 }
        if text.contains("schemas.microsoft.com/win/2004/08/events/event") { return 95 }
        return text.contains("<EventID") ? 85 : 30
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let root = try XMLTree.parse(
            text, parser: id, expected: "well-formed <Event> XML (wevtutil qe ... /f:xml)")
        let events = root.descendants("Event").filter { $0.child("System") != nil }
        guard let first = events.first else {
            let line = root.children.first?.line ?? EvidenceLines(text).firstNonBlank?.number ?? 1
            throw builder.error(
                line: line, expected: "an <Event> element with a <System> part",
                found: root.children.first.map { "<\($0.name)>" } ?? "")
        }
        let records = events.map(Self.record)
        EventEvidence.emit(records, into: &builder)
        let system = first.child("System")!
        if let idNode = system.child("EventID") {
            if let q = idNode.attribute("Qualifiers"), let v = Int64(q.trimmed()) {
                builder.add("event_qualifiers", .integer(v), line: idNode.line)
            }
            if Int64(idNode.text.trimmed()) == nil { builder.note(idNode.line, "EventID is not a number") }
        }
        if let level = system.child("Level"), let v = Int64(level.text.trimmed()) {
            builder.add("event_level", .integer(v), line: level.line)
        }
        if let rec = system.child("EventRecordID"), let v = Int64(rec.text.trimmed()) {
            builder.add("event_record_id", .integer(v), line: rec.line)
        }
        if let channel = system.child("Channel"), !channel.text.trimmed().isEmpty {
            builder.add("channel", .string(String(channel.text.trimmed())), line: channel.line)
        }
        // wevtutil, Get-WinEvent and the 2004/08 event schema exist from Vista/2008 on.
        builder.add("windows_hint", .string("nt6"), line: records[0].line)
        let data = records[0].data
        if !data.isEmpty {
            builder.addList("event_data", data.map { .string("\($0.name)=\($0.value)") }, line: data[0].line)
        }
        return builder.build(summary: Self.summary(builder.build(summary: "")))
    }

    static func record(_ event: XMLNode) -> EventRecord {
        var r = EventRecord(line: event.line)
        let system = event.child("System")
        if let node = system?.child("EventID"), let v = Int64(node.text.trimmed()) { r.eventID = (v, node.line) }
        if let node = system?.child("Provider"), let name = node.attribute("Name") ?? node.attribute("EventSourceName")
        {
            r.provider = (name, node.line)
        }
        if let node = system?.child("TimeCreated"), let t = node.attribute("SystemTime") {
            r.timeCreated = (t, node.line)
        }
        if let node = system?.child("Computer"), !node.text.trimmed().isEmpty {
            r.computer = (String(node.text.trimmed()), node.line)
        }
        if let eventData = event.child("EventData") ?? event.child("UserData") {
            var index = 0
            for node in eventData.allDescendants() where node.children.isEmpty && node.name != "Binary" {
                index += 1
                let name = node.attribute("Name") ?? (node.name == "Data" ? "param\(index)" : node.name)
                r.data.append((name, String(node.text.trimmed()), node.line))
            }
            if let binary = eventData.child("Binary"),
                let key = EventBinary.serviceKey(hex: String(binary.text.trimmed()))
            {
                r.serviceKey = (key, binary.line)
            }
        }
        if let node = system?.child("EventRecordID"), let v = Int64(node.text.trimmed()) { r.sequence = v }
        if let message = event.child("RenderingInfo")?.child("Message") {
            let text = message.text.split(whereSeparator: \.isNewline).map { $0.trimmed() }.filter { !$0.isEmpty }
                .joined(separator: " ")
            if !text.isEmpty { r.message = (text, message.line) }
        }
        return r
    }

    static func summary(_ parsed: ParsedEvidence) -> String {
        var parts: [String] = []
        if let id = parsed.field("event_id") { parts.append("event \(id.value)") }
        if let p = parsed.field("provider") { parts.append("from \(p.value)") }
        if let s = parsed.field("service_name") { parts.append("service '\(s.value)'") }
        if let e = parsed.field("error_code"), let v = e.value.integerValue {
            parts.append("error \(v) (0x\(String(format: "%08X", UInt32(truncatingIfNeeded: v))))")
        } else if let t = parsed.field("error_text") {
            parts.append("error '\(t.value)'")
        }
        if let line = parsed.field("event_id")?.line { parts.append("(line \(line))") }
        var text = parts.joined(separator: " ")
        if let count = parsed.field("event_count")?.value.integerValue, count > 1 { text += "; \(count) events" }
        return text.isEmpty ? "event without an ID" : text
    }
}

extension EventXMLParser {
    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.event + [
                .init("event_data", .list, "name=value of the used event's EventData"),
                .init("event_qualifiers", .integer, "EventID@Qualifiers"),
                .init("event_level", .integer, "Level (2 = Error)"),
                .init("event_record_id", .integer, "EventRecordID"),
                .init("channel", .string, "Channel (log name)")
            ],
            example: """
                <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Service Control Manager"/>\
                <EventID Qualifiers="49152">7024</EventID><TimeCreated SystemTime="2024-05-14T08:12:31.123Z"/><Computer>WEB01</Computer></System>\
                <EventData><Data Name="param1">IIS Admin Service</Data><Data Name="param2">%%2148073478</Data>\
                <Binary>490049005300410044004D0049004E0000000000</Binary></EventData></Event>
                """)
    }
}
