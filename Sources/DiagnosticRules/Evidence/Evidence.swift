import Foundation

/// One field an evidence parser read from a pasted or saved command output, with the line
/// (1-based) it came from so that explanations can point at it.
public struct EvidenceField: Hashable, Sendable, Codable {
    public var name: String
    public var value: Value
    public var line: Int
    /// Where in a binary file the value was read (`SOFTWARE key Microsoft\Cryptography`,
    /// `record 48213`), for readers of hives and event log files; nil for text, whose `line`
    /// says it. Readers of files set `line` to 0.
    public var place: String?
    public init(name: String, value: Value, line: Int, place: String? = nil) {
        self.name = name
        self.value = value
        self.line = line
        self.place = place
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
    /// For a hive file: the registry keys it holds that a step may select by a fact
    /// (`select_key`), e.g. every `AutoGenKeys\<SID>`; nil for pasted text.
    public var registryKeys: RegistryKeyEvidence?

    public init(
        kind: String, summary: String, fields: [EvidenceField], notes: [EvidenceNote] = [],
        containsSecrets: Bool = false, registryKeys: RegistryKeyEvidence? = nil
    ) {
        self.kind = kind
        self.summary = summary
        self.fields = fields
        self.notes = notes
        self.containsSecrets = containsSecrets
        self.registryKeys = registryKeys
    }

    public func field(_ name: String) -> EvidenceField? { fields.first { $0.name == name } }

    /// Notes about lines the parser skipped (not prompt lines): each is counted and shown.
    public var skippedLines: [EvidenceNote] { notes.filter { $0.message.contains("skipped:") } }
}

public struct EvidenceNote: Hashable, Sendable, Codable {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
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
    /// The `parser` of a refusal for size, before any parser looked at the text.
    public static let sizeLimit = "size-limit"

    public var description: String {
        if parser == Self.sizeLimit { return "line \(line): \(found); \(expected)" }
        if parser == "auto" {
            return
                "line \(line): \(found.isEmpty ? "the text is empty" : "'\(found)'") is not the output of any command KeyWizard reads; "
                + "save or paste the whole output of a command the playbook shows (`keywizard explain --parsers` lists the forms read; "
                + "for a server in another language use wevtutil qe ... /f:xml or reg export)"
        }
        return "line \(line): \(parser) expected \(expected), found \(found.isEmpty ? "end of input" : "'\(found)'")"
    }
}

/// Context a parser may need that is not in the text itself.
public struct EvidenceContext: Sendable, Equatable {
    /// SHA-256 digests (lower-case hex) of publicly disclosed machine keys; used to flag a
    /// disclosed key without ever keeping the key.
    public var knownKeyDigests: Set<String>
    /// Which list the digests came from ("3713 rows, sha256:1a2b3c4d, 2026-11"), so that
    /// output can say what a key was checked against.
    public var knownKeyListVersion: String?
    public init(knownKeyDigests: Set<String> = [], knownKeyListVersion: String? = nil) {
        self.knownKeyDigests = knownKeyDigests
        self.knownKeyListVersion = knownKeyListVersion
    }
}

/// A parser for one kind of command output or file. Parsers are pure: text in, fields out.
public protocol EvidenceParser: Sendable {
    /// Stable id used by playbooks (`parser: reg-query`) and in session files.
    var id: String { get }
    /// One line for `keywizard parse` and help text.
    var title: String { get }
    /// Every field the parser may emit, typed, with an example input (`explain --parsers`,
    /// the playbook linter's `fields:` check).
    var schema: EvidenceSchema { get }
    /// How confident the parser is that `text` is its format (0 = not at all, 100 = certain).
    func detect(_ text: String) -> Int
    /// Parse the text. Never crashes; throws `EvidenceError` naming the line on garbage.
    func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence
}
