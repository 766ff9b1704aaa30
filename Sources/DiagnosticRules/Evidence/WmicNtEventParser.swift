import Foundation

/// Reads `wmic ntevent where "LogFile='System' and EventCode=7024" get EventCode,SourceName,
/// TimeGenerated,InsertionStrings,Message,Data` output (Win32_NTLogEvent; wmic exists from
/// XP/2003 to Windows Server 2022), in its default table and in `/format:list`:
///
/// ```
/// Data                                         EventCode  InsertionStrings                          ...
/// {73, 0, 73, 0, 83, 0, 65, 0, 68, 0, ...}     7024       {"IIS Admin Service", "%%2148073478"}     ...
/// ```
/// ```
/// EventCode=7024
/// InsertionStrings={"IIS Admin Service","%%2148073478"}
/// TimeGenerated=20100514081231.000000-000
/// ```
///
/// wmic prints the properties in alphabetical order whatever order `get` names them, sizes
/// table columns to the longest value, and writes `TimeGenerated` as a WMI datetime.
/// InsertionStrings become param1, param2, ...; Data (bytes) may hold the service key name.
/// Form reconstructed from the Win32_NTLogEvent class documentation and wmic's documented
/// output formats (`/format:list`, default table).
public struct WmicNtEventParser: EvidenceParser {
    public init() {}
    public var id: String { "wmic-ntevent" }
    public var title: String { "wmic ntevent ... get output (table or /format:list)" }

    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.event,
            example: """
                EventCode=7024
                InsertionStrings={"IIS Admin Service","%%2148073478"}
                SourceName=Service Control Manager
                TimeGenerated=20100514081231.000000-000
                """)
    }

    static let properties: Set<String> = [
        "Category", "CategoryString", "ComputerName", "Data", "EventCode", "EventIdentifier", "EventType",
        "InsertionStrings", "Logfile", "LogFile", "Message", "RecordNumber", "SourceName", "TimeGenerated",
        "TimeWritten",
        "Type", "User"
    ]

    public func detect(_ text: String) -> Int {
        var list = Set<String>()
        for line in EvidenceLines(text, limit: 400).lines {
            let t = line.trimmed
            if let eq = t.firstIndex(of: "="), Self.properties.contains(String(t[..<eq])) {
                list.insert(String(t[..<eq]))
            }
            let words = t.split(separator: " ").map(String.init)
            if words.count >= 2, words.contains("EventCode"), words.allSatisfy({ Self.properties.contains($0) }) {
                return 92
            }
        }
        if list.contains("EventCode") && list.count >= 2 { return 90 }
        return 0
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let lines = EvidenceLines(text).lines
        var records: [EventRecord] = []
        var current: EventRecord?
        var seen = Set<String>()
        var table: ColumnTable?
        var skipped: [EvidenceLines.Line] = []
        func finish() {
            if let r = current { records.append(r) }
            current = nil
            seen = []
        }
        func apply(_ key: String, _ value: String, line: Int, to r: inout EventRecord) {
            switch key {
            case "EventCode": if let v = Int64(value) { r.eventID = (v, line) }
            case "SourceName": if !value.isEmpty { r.provider = (value, line) }
            case "TimeGenerated": if !value.isEmpty { r.timeCreated = (value, line) }
            case "ComputerName": if !value.isEmpty { r.computer = (value, line) }
            case "Message": if !value.isEmpty { r.message = (value, line) }
            case "RecordNumber": r.sequence = Int64(value)
            case "InsertionStrings":
                for (k, s) in Self.stringArray(value).enumerated() { r.data.append(("param\(k + 1)", s, line)) }
            case "Data":
                let bytes = Self.byteArray(value)
                if let key = EventBinary.serviceKey(bytes: bytes) { r.serviceKey = (key, line) }
            default: break
            }
        }
        for (index, line) in lines.enumerated() where !line.isBlank {
            let t = line.trimmed
            if RegQueryParser.promptLine(t) {
                builder.note(line.number, "skipped a command prompt line")
                continue
            }
            if let table {
                let cells = table.cells(line.text)
                if let code = cells["EventCode"], Int64(code) != nil {
                    var r = EventRecord(line: line.number)
                    for (k, v) in cells { apply(k, v, line: line.number, to: &r) }
                    records.append(r)
                } else if !records.isEmpty, let m = cells["Message"], !m.isEmpty {
                    // A message with line breaks continues on the next lines.
                    let last = records.count - 1
                    records[last].message = (
                        (records[last].message?.0 ?? "") + " " + m, records[last].message?.1 ?? line.number
                    )
                } else {
                    skipped.append(line)
                }
                continue
            }
            let words = t.split(separator: " ").map(String.init)
            if current == nil, records.isEmpty, words.count >= 2, words.contains("EventCode"),
                words.allSatisfy({ Self.properties.contains($0) })
            {
                table = ColumnTable(header: line, dashes: nil)
                _ = index
                continue
            }
            if let eq = t.firstIndex(of: "="), Self.properties.contains(String(t[..<eq])) {
                let key = String(t[..<eq])
                if seen.contains(key) { finish() }
                if current == nil { current = EventRecord(line: line.number) }
                seen.insert(key)
                apply(key, String(t[t.index(after: eq)...]), line: line.number, to: &current!)
                continue
            }
            skipped.append(line)
        }
        finish()
        guard records.contains(where: { $0.eventID != nil }) else {
            let bad = skipped.first ?? lines.first { !$0.isBlank }
            throw builder.error(
                line: bad?.number ?? 1, expected: "wmic ntevent output with an EventCode column or 'EventCode=' lines",
                found: bad.map { evidenceExcerpt($0.text) } ?? "")
        }
        for line in skipped { builder.note(line.number, "not wmic output, skipped: '\(evidenceExcerpt(line.text))'") }
        EventEvidence.emit(records, into: &builder)
        return builder.build(summary: EventXMLParser.summary(builder.build(summary: "")))
    }

    /// `{"a", "b"}` -> ["a", "b"]; also `{a, b}` without quotes.
    static func stringArray(_ value: String) -> [String] {
        var v = Substring(value.trimmingCharacters(in: .whitespaces))
        guard v.hasPrefix("{"), v.hasSuffix("}") else { return [] }
        v = v.dropFirst().dropLast()
        if v.contains("\"") {
            var out: [String] = []
            var current: String?
            for c in v {
                if c == "\"" {
                    if let s = current {
                        out.append(s)
                        current = nil
                    } else {
                        current = ""
                    }
                } else if current != nil {
                    current!.append(c)
                }
            }
            return out
        }
        return v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `{73, 0, 73, 0}` -> bytes.
    static func byteArray(_ value: String) -> [UInt8] {
        stringArray(value).compactMap { UInt8($0) }
    }
}
