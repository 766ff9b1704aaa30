import Foundation

/// What `keywizard parse` prints for one file, as text for people and as stable JSON for
/// scripts. Lives in the library (not the command) so that its shape is tested.
///
/// JSON (keys sorted by the encoder the command uses):
///
/// ```json
/// {"contains_secrets": false,
///  "fields": [{"line": 3, "name": "machine_guid", "type": "guid", "value": "5c1f7a2e-..."}],
///  "file": "guid.txt",
///  "notes": [{"line": 1, "message": "skipped a command prompt line"}],
///  "parser": "reg-query",
///  "summary": "MachineGuid 5c1f7a2e-... (line 3)",
///  "title": "reg query output"}
/// ```
///
/// `type` is one of string, integer, boolean, guid, list; `value` is the plain JSON value
/// (lists hold plain values, without type tags).
public struct EvidenceReport: Encodable, Sendable {
    public var file: String
    public var parsed: ParsedEvidence

    public init(file: String, parsed: ParsedEvidence) {
        self.file = file
        self.parsed = parsed
    }

    /// The parser's title, or its id when the id is not registered.
    public var title: String {
        EvidenceRegistry.parser(id: parsed.kind)?.title ?? ArtifactKind.title(parsed.kind) ?? parsed.kind
    }

    /// What the file was recognised as, the summary, then every field and note with its line.
    public func textLines() -> [String] {
        var lines = ["\(file): \(title) (\(parsed.kind))", "  \(parsed.summary)"]
        let width = parsed.fields.map(\.name.count).max() ?? 0
        for field in parsed.fields {
            let name = field.name + String(repeating: " ", count: width - field.name.count)
            let number = String(field.line)
            let padded = String(repeating: " ", count: max(0, 4 - number.count)) + number
            if let place = field.place {
                // Read from a file: the place instead of a line; long lists one item a line.
                if case .list(let items) = field.value, !items.isEmpty {
                    lines.append("  \(name)  [\(place)]")
                    lines += items.map { "    - \($0.description)" }
                } else {
                    lines.append("  \(name)  \(field.value.description)  [\(place)]")
                }
                continue
            }
            lines.append("  line \(padded)  \(name)  \(field.value.description)")
        }
        for note in parsed.notes {
            lines.append(note.line > 0 ? "  note line \(note.line): \(note.message)" : "  note: \(note.message)")
        }
        if parsed.containsSecrets {
            lines.append("  (the file holds secret key material: only fingerprints are shown; do not share the file)")
        }
        return lines
    }

    private enum Keys: String, CodingKey { case file, parser, title, summary, fields, notes, contains_secrets }
    private enum FieldKeys: String, CodingKey { case name, type, value, line, place }
    private enum NoteKeys: String, CodingKey { case line, message }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(file, forKey: .file)
        try c.encode(parsed.kind, forKey: .parser)
        try c.encode(title, forKey: .title)
        try c.encode(parsed.summary, forKey: .summary)
        try c.encode(parsed.containsSecrets, forKey: .contains_secrets)
        var fields = c.nestedUnkeyedContainer(forKey: .fields)
        for field in parsed.fields {
            var f = fields.nestedContainer(keyedBy: FieldKeys.self)
            try f.encode(field.name, forKey: .name)
            try f.encode(field.value.type.rawValue, forKey: .type)
            try f.encode(PlainValue(field.value), forKey: .value)
            try f.encode(field.line, forKey: .line)
            try f.encodeIfPresent(field.place, forKey: .place)
        }
        var notes = c.nestedUnkeyedContainer(forKey: .notes)
        for note in parsed.notes {
            var n = notes.nestedContainer(keyedBy: NoteKeys.self)
            try n.encode(note.line, forKey: .line)
            try n.encode(note.message, forKey: .message)
        }
    }
}

/// A `Value` as a plain JSON value (no type tag).
private struct PlainValue: Encodable {
    var value: Value
    init(_ value: Value) { self.value = value }

    func encode(to encoder: Encoder) throws {
        switch value {
        case .string(let s), .guid(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .integer(let i):
            var c = encoder.singleValueContainer()
            try c.encode(i)
        case .boolean(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .list(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(PlainValue(item)) }
        }
    }
}
