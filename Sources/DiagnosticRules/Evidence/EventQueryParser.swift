import Foundation

/// Reads `eventquery.vbs` output, the Windows XP/2003 command-line event query
/// (`cscript //nologo %windir%\system32\eventquery.vbs /l system /fi "id eq 7024" /fo list /v`),
/// in its three formats:
///
/// LIST:
/// ```
/// Type:         error
/// Event:        7024
/// Date Time:    5/14/2010 8:12:31 AM
/// Source:       Service Control Manager
/// ComputerName: WEB01
/// Category:     None
/// User:         N/A
/// Description:  The IIS Admin service terminated with service specific error 2148073478 (0x80090006).
/// ```
/// TABLE: a header `Type  Event  Date Time  Source  ComputerName ...` with a dash rule;
/// CSV: `"Type","Event","Date Time","Source","ComputerName",...`.
///
/// Form reconstructed from Microsoft's Windows Server 2003 command-line reference
/// ("Eventquery": /fo {TABLE|LIST|CSV}, /v adds Category, User and Description).
/// eventquery.vbs exists only on XP/2003, so `windows_hint` is always nt5.
public struct EventQueryParser: EvidenceParser {
    public init() {}
    public var id: String { "eventquery" }
    public var title: String { "eventquery.vbs output (Windows XP/2003; list, table or CSV)" }

    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.event + [
                .init("event_level_name", .string, "Type of the used event (error, warning, information)")
            ],
            example: """
                Type:         error
                Event:        7024
                Date Time:    5/14/2010 8:12:31 AM
                Source:       Service Control Manager
                ComputerName: WEB01
                Description:  The IIS Admin service terminated with service specific error 2148073478 (0x80090006).
                """)
    }

    static let listKeys: Set<String> = [
        "Type", "Event", "Date Time", "Source", "ComputerName", "Category", "User", "Description"
    ]

    public func detect(_ text: String) -> Int {
        var keys = Set<String>()
        for line in EvidenceLines(text, limit: 400).lines {
            let t = line.trimmed
            if t.hasPrefix("Listing the events in") { return 95 }
            if let fields = CSVLine.fields(t), fields.contains("Event"), fields.contains("Date Time") { return 90 }
            if t.hasPrefix("Type") && t.contains("Event") && t.contains("Date Time") && t.contains("ComputerName") {
                return 90
            }
            if let (label, _) = EventMessageForms.labelled(t), Self.listKeys.contains(String(label)) {
                keys.insert(String(label))
            }
        }
        if keys.contains("Event") && keys.contains("Date Time") { return 88 }
        return 0
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let lines = EvidenceLines(text).lines
        var records: [EventRecord] = []
        var levels: [String] = []
        var skipped: [EvidenceLines.Line] = []
        var noRecords: Int?
        var table: ColumnTable?
        var csvHeader: [String]?
        var current: EventRecord?
        var level = ""
        var lastKey = ""
        func add(_ cells: [String: String], line: Int) {
            var r = EventRecord(line: line)
            if let e = cells["Event"], let v = Int64(e) { r.eventID = (v, line) }
            if let s = cells["Source"], !s.isEmpty { r.provider = (s, line) }
            if let t = cells["Date Time"], !t.isEmpty { r.timeCreated = (t, line) }
            if let c = cells["ComputerName"], !c.isEmpty { r.computer = (c, line) }
            if let d = cells["Description"], !d.isEmpty { r.message = (d, line) }
            records.append(r)
            levels.append(cells["Type"] ?? "")
        }
        func finish() {
            if let r = current {
                records.append(r)
                levels.append(level)
            }
            current = nil
            level = ""
            lastKey = ""
        }
        for (index, line) in lines.enumerated() where !line.isBlank {
            let t = line.trimmed
            if t.hasPrefix("Listing the events in") || ColumnTable.isRule(t) && table == nil { continue }
            if t.hasPrefix("INFO:") && t.contains("No records") {
                noRecords = line.number
                continue
            }
            if RegQueryParser.promptLine(t) {
                builder.note(line.number, "skipped a command prompt line")
                continue
            }
            if let header = csvHeader, let fields = CSVLine.fields(t) {
                var cells: [String: String] = [:]
                for (k, name) in header.enumerated() where k < fields.count { cells[name] = fields[k] }
                add(cells, line: line.number)
                continue
            }
            if csvHeader == nil, let fields = CSVLine.fields(t), fields.contains("Event") {
                csvHeader = fields
                continue
            }
            if let table {
                if ColumnTable.isRule(t) { continue }
                let cells = table.cells(line.text)
                if let e = cells["Event"], Int64(e) != nil {
                    add(cells, line: line.number)
                } else if !records.isEmpty, let d = cells["Description"], !d.isEmpty {
                    let last = records.count - 1
                    records[last].message = (
                        (records[last].message?.0 ?? "") + " " + d, records[last].message?.1 ?? line.number
                    )
                } else {
                    skipped.append(line)
                }
                continue
            }
            if t.hasPrefix("Type") && t.contains("Date Time"),
                EventMessageForms.labelled(t) == nil || !t.hasPrefix("Type:")
            {
                let next = lines.dropFirst(index + 1).first { !$0.isBlank }
                table = ColumnTable(
                    header: line, dashes: next.flatMap { ColumnTable.isRule($0.trimmed) ? $0.text : nil })
                continue
            }
            if let (label, value) = EventMessageForms.labelled(t), Self.listKeys.contains(String(label)) {
                let key = String(label)
                if key == "Type" || (current != nil && key == lastKey) { finish() }
                if current == nil { current = EventRecord(line: line.number) }
                lastKey = key
                let v = String(value)
                switch key {
                case "Type": level = v
                case "Event": if let n = Int64(v) { current!.eventID = (n, line.number) }
                case "Date Time": current!.timeCreated = (v, line.number)
                case "Source": current!.provider = (v, line.number)
                case "ComputerName": current!.computer = (v, line.number)
                case "Description": current!.message = (v, line.number)
                default: break
                }
                continue
            }
            if current != nil, lastKey == "Description", let m = current!.message {
                current!.message = (m.0 + " " + t, m.1)
                continue
            }
            skipped.append(line)
        }
        finish()
        if records.isEmpty, let noRecords {
            builder.add("event_count", .integer(0), line: noRecords)
            builder.addList("event_ids", [], line: noRecords)
            builder.add("windows_hint", .string("nt5"), line: noRecords)
            return builder.build(summary: "no matching events (line \(noRecords))")
        }
        guard records.contains(where: { $0.eventID != nil }) else {
            let bad = skipped.first ?? lines.first { !$0.isBlank }
            throw builder.error(
                line: bad?.number ?? 1,
                expected: "eventquery.vbs output (list 'Event: 7024', table or CSV with an Event column)",
                found: bad.map { evidenceExcerpt($0.text) } ?? "")
        }
        for line in skipped {
            builder.note(line.number, "not eventquery output, skipped: '\(evidenceExcerpt(line.text))'")
        }
        EventEvidence.emit(records, into: &builder)
        if let l = levels.first, !l.isEmpty { builder.add("event_level_name", .string(l), line: records[0].line) }
        builder.add("windows_hint", .string("nt5"), line: records[0].line)
        return builder.build(summary: EventXMLParser.summary(builder.build(summary: "")))
    }
}
