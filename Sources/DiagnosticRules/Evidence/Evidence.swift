import Foundation

/// One field an evidence parser read from a pasted or saved command output, with the line
/// (1-based) it came from so that explanations can point at it.
public struct EvidenceField: Hashable, Sendable, Codable {
    public var name: String
    public var value: Value
    public var line: Int
    public init(name: String, value: Value, line: Int) {
        self.name = name
        self.value = value
        self.line = line
    }
}

/// What a parser made of a text: which format it recognised and the fields found.
public struct ParsedEvidence: Sendable, Codable, Equatable {
    /// The parser id, e.g. `reg-query`, `machinekeys-listing`.
    public var kind: String
    /// A one-line human summary ("MachineGuid 5c1f7a2e-... (line 3)").
    public var summary: String
    public var fields: [EvidenceField]
    /// Lines the parser skipped but did not fail on (line number, reason).
    public var notes: [EvidenceNote]
    /// True when the raw text holds secrets (machine keys) and must never be stored raw.
    public var containsSecrets: Bool

    public init(kind: String, summary: String, fields: [EvidenceField], notes: [EvidenceNote] = [], containsSecrets: Bool = false) {
        self.kind = kind
        self.summary = summary
        self.fields = fields
        self.notes = notes
        self.containsSecrets = containsSecrets
    }

    public func field(_ name: String) -> EvidenceField? { fields.first { $0.name == name } }
}

public struct EvidenceNote: Hashable, Sendable, Codable {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) { self.line = line; self.message = message }
}

/// A parser's refusal: the line it could not read and what it expected there.
public struct EvidenceError: Error, Equatable, Sendable, CustomStringConvertible {
    public var parser: String
    public var line: Int
    public var expected: String
    public var found: String
    public init(parser: String, line: Int, expected: String, found: String) {
        self.parser = parser
        self.line = line
        self.expected = expected
        // The unrecognised line is quoted in messages: never with key material in it, never
        // with escape sequences, and never more than a glimpse of it.
        let clean = SecretScrubber.scrub(found)
        self.found = clean.count > 80 ? String(clean.prefix(77)) + "..." : clean
    }
    public var description: String {
        "line \(line): \(parser) expected \(expected), found \(found.isEmpty ? "end of input" : "'\(found)'")"
    }
}

/// Context a parser may need that is not in the text itself.
public struct EvidenceContext: Sendable {
    /// SHA-256 digests (lower-case hex) of publicly disclosed machine keys; used to flag a
    /// disclosed key without ever keeping the key.
    public var knownKeyDigests: Set<String>
    public init(knownKeyDigests: Set<String> = []) { self.knownKeyDigests = knownKeyDigests }
}

/// A parser for one kind of command output or file. Parsers are pure: text in, fields out.
public protocol EvidenceParser: Sendable {
    /// Stable id used by playbooks (`parser: reg-query`) and in session files.
    var id: String { get }
    /// One line for `keywizard parse` and help text.
    var title: String { get }
    /// How confident the parser is that `text` is its format (0 = not at all, 100 = certain).
    func detect(_ text: String) -> Int
    /// Parse the text. Never crashes; throws `EvidenceError` naming the line on garbage.
    func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence
}
