import Foundation

/// One troubleshooting scenario, loaded from a YAML file in `Playbooks/`. Everything the
/// wizard asks, derives and concludes is declared here; the engine only interprets it.
public struct Playbook: Sendable {
    public var id: String
    public var title: String
    public var version: String
    /// One paragraph describing the symptom, shown on the start menu.
    public var symptom: String
    /// Short label for the start menu ("IIS Admin Service will not start (event 7024)").
    public var menuLabel: String
    public var references: [Reference]
    public var facts: [FactDeclaration]
    public var steps: [Step]
    public var derived: [DerivedFact]
    public var rules: [Rule]
    public var diagnoses: [Diagnosis]
    /// The Windows releases the playbook supports (`windows:`); every command must have a
    /// variant for each. Empty: the playbook makes no claim and only plain commands are checked.
    public var windows: [WindowsRelease] = []
    /// Where the playbook came from, and a SHA-256 of its text (sessions record it to notice
    /// a changed playbook on replay).
    public var file: String
    public var contentHash: String
    public var location: SourceLocation

    public func fact(_ name: String) -> FactDeclaration? { factIndex[name].map { facts[$0] } }
    public func step(_ id: String) -> Step? { stepIndex[id].map { steps[$0] } }
    public func diagnosis(_ id: String) -> Diagnosis? { diagnoses.first { $0.id == id } }
    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    var factIndex: [String: Int] = [:]
    var stepIndex: [String: Int] = [:]

    public init(
        id: String, title: String, version: String, symptom: String, menuLabel: String,
        references: [Reference], facts: [FactDeclaration], steps: [Step], derived: [DerivedFact],
        rules: [Rule], diagnoses: [Diagnosis], file: String, contentHash: String, location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.symptom = symptom
        self.menuLabel = menuLabel
        self.references = references
        self.facts = facts
        self.steps = steps
        self.derived = derived
        self.rules = rules
        self.diagnoses = diagnoses
        self.file = file
        self.contentHash = contentHash
        self.location = location
        for (i, f) in facts.enumerated() where factIndex[f.name] == nil { factIndex[f.name] = i }
        for (i, s) in steps.enumerated() where stepIndex[s.id] == nil { stepIndex[s.id] = i }
    }
}

public struct Reference: Hashable, Sendable, Codable {
    public var title: String
    public var url: String?
    public init(title: String, url: String?) {
        self.title = title
        self.url = url
    }
}

public struct FactDeclaration: Sendable {
    public var name: String
    public var type: FactType
    public var description: String
    /// Secrets (machine keys, AutoGenKey values): the engine only ever sees a fingerprint.
    public var sensitive: Bool
    public var location: SourceLocation
}

/// How an operator answers a step.
public enum InputKind: String, Sendable, CaseIterable {
    case choice, yesno, text, integer, errorcode, guid, paste
}

public struct Choice: Sendable {
    public var value: Value
    public var label: String
    public var location: SourceLocation
}

/// A question. A step is asked only while its `askWhen` is true (unknown counts as not yet).
public struct Step: Sendable {
    public var id: String
    public var prompt: String
    public var help: String
    /// The exact command to run on the server to collect the answer, as shown: the plain
    /// command, or (after `Conclusion.present`) the variant for the server's Windows release.
    public var command: String?
    /// Every variant of the command by Windows release, as written in the playbook.
    public var commands: VersionedCommand?
    public var input: InputKind
    /// The fact a scalar answer sets (choice, yesno, text, integer, errorcode, guid).
    public var sets: String?
    /// For paste: the evidence parsers accepted, and which parser field sets which fact.
    public var parsers: [String]
    public var fields: [(field: String, fact: String)]
    public var choices: [Choice]
    /// Optional regex a text answer must match, and the message shown when it does not.
    public var pattern: String?
    public var patternMessage: String?
    public var askWhen: RuleExpression?
    /// Whether "I don't know" is offered (the fact stays unknown, never false).
    public var allowUnknown: Bool
    public var location: SourceLocation
    /// Where each `parser:` id and each `fields:` key is written (same order as `parsers`
    /// and `fields`), for messages that point at the id or key itself.
    public var parserLocations: [SourceLocation] = []
    public var fieldLocations: [SourceLocation] = []
    /// For evidence that holds several registry keys (a hive file): the string fact whose
    /// value names the key this step reads (`select_key`). The answer waits until the fact
    /// is known; pasted `reg query` output of one key is read as it is.
    public var selectKey: String? = nil

    /// Every fact this step can set.
    public var factsSet: [String] {
        var out: [String] = []
        if let s = sets { out.append(s) }
        out.append(contentsOf: fields.map(\.fact))
        return out
    }
}

/// A fact computed from other facts by a built-in function.
public struct DerivedFact: Sendable {
    public var fact: String
    public var value: RuleExpression
    public var location: SourceLocation
}

public struct Rule: Sendable {
    public var id: String
    public var description: String
    public var when: RuleExpression
    public var sets: [(fact: String, value: RuleExpression)]
    public var concludes: [String]
    public var priority: Int
    /// Position in the file, the tie-breaker after priority.
    public var order: Int
    public var location: SourceLocation
}

public enum Severity: String, Sendable, CaseIterable, Codable { case critical, high, medium, low, info }
public enum Confidence: String, Sendable, CaseIterable, Codable { case high, medium, low }

public struct RemediationStep: Sendable, Codable, Equatable {
    public var text: String
    public var command: String?
    public var caution: String?
    public var verify: String?
    public var verifyCommand: String?
    /// The command and verify command by Windows release, as written (nil: none).
    public var commands: VersionedCommand?
    public var verifyCommands: VersionedCommand?
    /// The text by Windows release when it differs (IIS 6 and IIS 7+ advice); nil: `text`.
    public var texts: VersionedCommand?

    public init(
        text: String, command: String? = nil, caution: String? = nil, verify: String? = nil,
        verifyCommand: String? = nil,
        commands: VersionedCommand? = nil, verifyCommands: VersionedCommand? = nil
    ) {
        self.text = text
        self.command = command
        self.caution = caution
        self.verify = verify
        self.verifyCommand = verifyCommand
        self.commands =
            commands ?? command.map { VersionedCommand($0, at: SourceLocation(file: "", line: 0, column: 0)) }
        self.verifyCommands =
            verifyCommands
            ?? verifyCommand.map { VersionedCommand($0, at: SourceLocation(file: "", line: 0, column: 0)) }
    }

    /// This step with the commands for the server's Windows: the variant for its release, or
    /// (release unknown) only a command that is the same everywhere. A command that depends
    /// on the release is never guessed; the text then says what to answer.
    public func resolved(for target: WindowsTarget?) -> RemediationStep {
        var r = self
        r.command = commands?.text(for: target)
        r.verifyCommand = verifyCommands?.text(for: target)
        if let t = texts, !t.isPlain {
            if let text = t.text(for: target) {
                r.text = text
            } else {
                r.text = t.variants.map { "[\($0.key)] \($0.text)" }.joined(separator: " ")
            }
        }
        if target == nil, (commands.map { !$0.isPlain } ?? false) || (verifyCommands.map { !$0.isPlain } ?? false) {
            r.text += " (The command depends on the Windows version; answer the Windows version question to see it.)"
        }
        // A resolved step is for one server: its tables are now the chosen text, so that it
        // reads back from a checklist document as it was written.
        let here = SourceLocation(file: "", line: 0, column: 0)
        r.commands = r.command.map { VersionedCommand($0, at: here) }
        r.verifyCommands = r.verifyCommand.map { VersionedCommand($0, at: here) }
        r.texts = nil
        return r
    }

    enum CodingKeys: String, CodingKey {
        case text, command, caution, verify
        case verifyCommand = "verify_command"
    }

    /// A step read back from a checklist document is a resolved one: its command tables are
    /// its commands (as `init` makes them).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            text: try c.decode(String.self, forKey: .text),
            command: try c.decodeIfPresent(String.self, forKey: .command),
            caution: try c.decodeIfPresent(String.self, forKey: .caution),
            verify: try c.decodeIfPresent(String.self, forKey: .verify),
            verifyCommand: try c.decodeIfPresent(String.self, forKey: .verifyCommand))
    }
}

public struct Diagnosis: Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var confidence: Confidence
    /// When concluded, the interview ends.
    public var final: Bool
    /// Text with `{fact}` placeholders filled from the facts at the time of conclusion.
    public var summary: String
    public var remediation: [RemediationStep]
    public var references: [Reference]
    public var location: SourceLocation
}
