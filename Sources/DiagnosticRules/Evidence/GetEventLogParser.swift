import Foundation

/// Reads PowerShell `Get-EventLog -LogName System -Source "Service Control Manager" -Newest 20`
/// output: the default table and `| Format-List`. Unlike Get-WinEvent, Get-EventLog shows
/// `InstanceID` (the event ID with its severity bits: 3221232496 = 0xC0001B70 for 7024),
/// `Index` (record number: higher is newer), `EntryType` and `ReplacementStrings`.
///
/// ```
///    Index Time          EntryType   Source                 InstanceID Message
///    ----- ----          ---------   ------                 ---------- -------
///    12345 May 14 08:12  Error       Service Control M...   3221232496 The IIS Admin Service service terminated...
/// ```
/// ```
/// Index              : 12345
/// EntryType          : Error
/// InstanceId         : 3221232496
/// Message            : The IIS Admin Service service terminated with ...
/// ReplacementStrings : {IIS Admin Service, %%2148073478}
/// Source             : Service Control Manager
/// TimeGenerated      : 5/14/2024 8:12:31 AM
/// ```
/// Table headers and property names are the same in every display language (PowerShell's
/// format data); the table truncates Source and Message with "...", so the list form or
/// `wevtutil /f:xml` is needed for the error code. Form reconstructed from the
/// System.Diagnostics.EventLogEntry properties and PowerShell's default formatting.
public struct GetEventLogParser: EvidenceParser {
    public init() {}
    public var id: String { "get-eventlog" }
    public var title: String { "PowerShell Get-EventLog output (table or Format-List)" }

    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.event + [
                .init("event_level_name", .string, "EntryType of the first event pasted (Error, Warning, Information)")
            ],
            example: """
                Index              : 12345
                EntryType          : Error
                InstanceId         : 3221232496
                Message            : The IIS Admin Service service terminated with the following service-specific error:
                                     Invalid Signature.
                ReplacementStrings : {IIS Admin Service, %%2148073478}
                Source             : Service Control Manager
                TimeGenerated      : 5/14/2024 8:12:31 AM
                """)
    }

    public func detect(_ text: String) -> Int {
        var keys = Set<String>()
        for line in EvidenceLines(text, limit: 400).lines {
            let t = line.trimmed
            if t.hasPrefix("Index") && t.contains("EntryType") && t.contains("InstanceID") { return 93 }
            if let (k, _) = EventListParser.property(line.text) { keys.insert(k) }
        }
        if keys.contains("InstanceId") || keys.contains("ReplacementStrings")
            || (keys.contains("EntryType") && keys.contains("Index"))
        {
            return 93
        }
        return 0
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let lines = EvidenceLines(text).lines
        var records: [EventRecord] = []
        var levels: [String] = []
        var current: EventRecord?
        var level = ""
        var seen = Set<String>()
        var lastKey = ""
        var inTable = false
        var skipped: [EvidenceLines.Line] = []
        func finish() {
            if var r = current {
                if r.eventID == nil, let instance = r.data.first(where: { $0.name == "#instance" }),
                    let v = Int64(instance.value)
                {
                    r.eventID = (v & 0xFFFF, instance.line)
                }
                r.data.removeAll { $0.name == "#instance" }
                records.append(r)
                levels.append(level)
            }
            current = nil
            seen = []
            level = ""
            lastKey = ""
        }
        for line in lines where !line.isBlank {
            let t = line.trimmed
            if RegQueryParser.promptLine(t) {
                builder.note(line.number, "skipped a command prompt line")
                continue
            }
            if t.hasPrefix("Index") && t.contains("EntryType") && t.contains("InstanceID") {
                inTable = true
                continue
            }
            if inTable {
                if ColumnTable.isRule(t) { continue }
                if let r = Self.tableRow(t, line: line.number) {
                    records.append(r.0)
                    levels.append(r.1)
                } else {
                    skipped.append(line)
                }
                continue
            }
            if let (key, value) = EventListParser.property(line.text) {
                if seen.contains(key) { finish() }
                if current == nil { current = EventRecord(line: line.number) }
                seen.insert(key)
                lastKey = key
                switch key {
                case "Index": current!.sequence = Int64(value)
                case "EntryType": level = value
                case "EventID": if let v = Int64(value) { current!.eventID = (v, line.number) }
                case "InstanceId": current!.data.append(("#instance", value, line.number))
                case "Message": current!.message = (value, line.number)
                case "Source": current!.provider = (value, line.number)
                case "TimeGenerated": current!.timeCreated = (value, line.number)
                case "MachineName": current!.computer = (value, line.number)
                case "ReplacementStrings":
                    for (k, s) in WmicNtEventParser.stringArray(value).enumerated() {
                        current!.data.append(("param\(k + 1)", s, line.number))
                    }
                case "Data":
                    if let key = EventBinary.serviceKey(bytes: WmicNtEventParser.byteArray(value)) {
                        current!.serviceKey = (key, line.number)
                    }
                default: break
                }
                continue
            }
            if current != nil, line.text.first?.isWhitespace ?? false {
                if lastKey == "Message", let m = current!.message { current!.message = (m.0 + " " + t, m.1) }
                continue
            }
            skipped.append(line)
        }
        finish()
        guard records.contains(where: { $0.eventID != nil }) else {
            let bad = skipped.first ?? lines.first { !$0.isBlank }
            throw builder.error(
                line: bad?.number ?? 1,
                expected:
                    "Get-EventLog output (the Index/Time/EntryType/Source/InstanceID/Message table, or Format-List with InstanceId)",
                found: bad.map { evidenceExcerpt($0.text) } ?? "")
        }
        for line in skipped {
            builder.note(line.number, "not Get-EventLog output, skipped: '\(evidenceExcerpt(line.text))'")
        }
        if records.contains(where: { $0.message?.0.hasSuffix("...") ?? false }) {
            builder.note(
                records[0].line,
                "the table cuts messages short ('...'); for the error code use Get-EventLog ... | Format-List, or wevtutil ... /f:xml"
            )
        }
        EventEvidence.emit(records, into: &builder)
        if let l = levels.first, !l.isEmpty { builder.add("event_level_name", .string(l), line: records[0].line) }
        return builder.build(summary: EventXMLParser.summary(builder.build(summary: "")))
    }

    /// `12345 May 14 08:12  Error  Service Control M...  3221232496 The IIS ...`: Index, three
    /// time tokens, EntryType, Source (may hold spaces) up to the InstanceID number, Message.
    static func tableRow(_ t: Substring, line: Int) -> (EventRecord, String)? {
        var tokens = Tokens(t)
        guard let index = tokens.next(), let seq = Int64(index) else { return nil }
        var time: [Substring] = []
        for _ in 0..<3 {
            guard let x = tokens.next() else { return nil }
            time.append(x)
        }
        guard let entryType = tokens.next() else { return nil }
        var source: [Substring] = []
        var instance: Int64?
        while let tok = tokens.next() {
            if tok.count >= 4, tok.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(tok) {
                instance = v
                break
            }
            source.append(tok)
        }
        guard let instance else { return nil }
        var r = EventRecord(line: line)
        r.sequence = seq
        r.eventID = (instance & 0xFFFF, line)
        r.provider = (source.joined(separator: " "), line)
        r.timeCreated = (time.joined(separator: " "), line)
        let message = tokens.rest
        if !message.isEmpty { r.message = (String(message), line) }
        return (r, String(entryType))
    }
}
