import Foundation

/// Collects the fields and notes of one parse. Parsers share it so that every field gets a
/// line number and a field name is emitted once (the first occurrence wins, which is what
/// "the first key" / "the newest event" rules in the playbooks expect).
struct EvidenceBuilder {
    let parser: String
    private(set) var fields: [EvidenceField] = []
    private(set) var notes: [EvidenceNote] = []
    var containsSecrets = false

    init(parser: String) { self.parser = parser }

    /// Adds a field unless one with that name exists already.
    mutating func add(_ name: String, _ value: Value, line: Int) {
        guard !has(name) else { return }
        fields.append(EvidenceField(name: name, value: value, line: max(1, line)))
    }

    /// Adds a list field; an empty list is still evidence ("no application pools").
    mutating func addList(_ name: String, _ values: [Value], line: Int) {
        add(name, .list(values), line: line)
    }

    func has(_ name: String) -> Bool { fields.contains { $0.name == name } }

    mutating func note(_ line: Int, _ message: String) {
        notes.append(EvidenceNote(line: max(1, line), message: message))
    }

    /// A refusal at `line`, naming what was expected.
    func error(line: Int, expected: String, found: String) -> EvidenceError {
        EvidenceError(parser: parser, line: max(1, line), expected: expected, found: found)
    }

    /// The result, scrubbed of anything key-shaped the parser did not recognise as a key.
    func build(summary: String) -> ParsedEvidence {
        ParsedEvidence(kind: parser, summary: summary, fields: fields, notes: notes, containsSecrets: containsSecrets)
            .scrubbed()
    }
}
