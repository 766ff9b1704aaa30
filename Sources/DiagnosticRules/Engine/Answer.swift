import Foundation

/// What an operator gave for one step. Answers, not facts, are the engine's input: the whole
/// state is recomputed from the playbook and the answers, so changing an earlier answer can
/// never leave stale conclusions behind.
public enum AnswerValue: Equatable, Sendable, Codable {
    /// A typed, chosen or fingerprinted value (sensitive answers are already fingerprints).
    case value(Value)
    /// A paste or evidence file, kept as what the parser found (never the raw secret text).
    case evidence(ParsedEvidence)
    /// "I don't know": the step is answered, its facts stay unknown (never false).
    case unknown
}

/// Where an answer came from, for explanations and the session record.
public enum AnswerSource: Equatable, Sendable, Codable {
    case typed
    case pasted
    /// An evidence file given to `diagnose` (its name as given on the command line).
    case evidenceFile(String)
    /// An answers file (YAML map of step id -> value).
    case answersFile(String)
}

public struct Answer: Equatable, Sendable, Codable {
    public var step: String
    public var value: AnswerValue
    public var source: AnswerSource
    public var time: Date

    public init(step: String, value: AnswerValue, source: AnswerSource = .typed, time: Date = Date()) {
        self.step = step
        self.value = value
        self.source = source
        self.time = time
    }
}
