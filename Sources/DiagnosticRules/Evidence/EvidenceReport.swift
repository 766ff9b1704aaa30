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
/// (lists hold plain values, without type tags). A hive file adds `registry_keys` (each key a
/// step may select: `path`, `summary`, `fields`) and `registry_coverage` (`prefix`, `absent`,
/// `note`: what is known of keys not listed).
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
        if let keys = parsed.registryKeys, !keys.keys.isEmpty || keys.coverage.contains(where: { !$0.absent }) {
            lines.append("  keys a step selects by SID and version (select_key):")
            lines += keys.keys.map { "    - \($0.path): \($0.summary)" }
            lines += keys.coverage.filter { !$0.absent }.map { "    - unknown: \($0.note)" }
        }
        for note in parsed.notes {
            lines.append(note.line > 0 ? "  note line \(note.line): \(note.message)" : "  note: \(note.message)")
        }
        if parsed.containsSecrets {
            lines.append("  (the file holds secret key material: only fingerprints are shown; do not share the file)")
        }
        return lines
    }

    private enum Keys: String, CodingKey {
        case file, parser, title, summary, fields, notes, contains_secrets, registry_keys, registry_coverage
    }
    private enum KeyKeys: String, CodingKey { case path, summary, fields }
    private enum CoverageKeys: String, CodingKey { case prefix, absent, note }
    private enum FieldKeys: String, CodingKey { case name, type, value, line, place }
    private enum NoteKeys: String, CodingKey { case line, message }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(file, forKey: .file)
        try c.encode(parsed.kind, forKey: .parser)
        try c.encode(title, forKey: .title)
        try c.encode(parsed.summary, forKey: .summary)
        try c.encode(parsed.containsSecrets, forKey: .contains_secrets)
        func encode(_ list: [EvidenceField], into fields: inout UnkeyedEncodingContainer) throws {
            for field in list {
                var f = fields.nestedContainer(keyedBy: FieldKeys.self)
                try f.encode(field.name, forKey: .name)
                try f.encode(field.value.type.rawValue, forKey: .type)
                try f.encode(PlainValue(field.value), forKey: .value)
                try f.encode(field.line, forKey: .line)
                try f.encodeIfPresent(field.place, forKey: .place)
            }
        }
        var fields = c.nestedUnkeyedContainer(forKey: .fields)
        try encode(parsed.fields, into: &fields)
        if let registryKeys = parsed.registryKeys {
            var keys = c.nestedUnkeyedContainer(forKey: .registry_keys)
            for key in registryKeys.keys {
                var k = keys.nestedContainer(keyedBy: KeyKeys.self)
                try k.encode(key.path, forKey: .path)
                try k.encode(key.summary, forKey: .summary)
                var keyFields = k.nestedUnkeyedContainer(forKey: .fields)
                try encode(key.fields, into: &keyFields)
            }
            var coverage = c.nestedUnkeyedContainer(forKey: .registry_coverage)
            for entry in registryKeys.coverage {
                var e = coverage.nestedContainer(keyedBy: CoverageKeys.self)
                try e.encode(entry.prefix, forKey: .prefix)
                try e.encode(entry.absent, forKey: .absent)
                try e.encode(entry.note, forKey: .note)
            }
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
