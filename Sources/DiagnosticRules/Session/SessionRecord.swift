import Foundation

/// The first record of every session file: which format, which build, which playbook.
public struct SessionHeader: Equatable, Sendable {
    public var format: String
    /// The `keywizard` version that started the session.
    public var tool: String
    public var playbook: PlaybookIdentity
    public var started: Date
    /// A label the operator gave the server ("WEB01"); never looked up, only shown.
    public var hostLabel: String?
    /// Whether the operator agreed to keep raw pasted text (never text holding secrets).
    public var keepsRawText: Bool

    public init(
        format: String = SessionFormat.current, tool: String = KeyWizardVersion.current, playbook: PlaybookIdentity,
        started: Date, hostLabel: String? = nil, keepsRawText: Bool = false
    ) {
        self.format = format
        self.tool = tool
        self.playbook = playbook
        self.started = started
        self.hostLabel = hostLabel
        self.keepsRawText = keepsRawText
    }
}

/// An answer as journalled, with the raw pasted text when (and only when) it may be kept.
public struct RecordedAnswer: Equatable, Sendable {
    public var answer: Answer
    public var rawText: String?
    public init(answer: Answer, rawText: String? = nil) {
        self.answer = answer
        self.rawText = rawText
    }
}

/// What the engine had concluded when the session was saved: enough to list sessions and to
/// tell on replay whether a newer playbook concludes something else.
public struct ConclusionSnapshot: Equatable, Sendable {
    public enum Status: String, Sendable, Codable {
        /// A final diagnosis was reached or nothing relevant was left to ask.
        case finished
        /// Questions were still open.
        case unfinished
    }

    public var status: Status
    /// Concluded diagnosis ids, in the order the engine concluded them.
    public var diagnoses: [String]
    /// The question that was next, when unfinished.
    public var nextStep: String?
    /// The playbook the conclusion was computed with.
    public var playbook: PlaybookIdentity
    public var time: Date

    public init(status: Status, diagnoses: [String], nextStep: String?, playbook: PlaybookIdentity, time: Date) {
        self.status = status
        self.diagnoses = diagnoses
        self.nextStep = nextStep
        self.playbook = playbook
        self.time = time
    }

    public init(_ conclusion: Conclusion, time: Date) {
        self.init(
            status: conclusion.finished ? .finished : .unfinished,
            diagnoses: conclusion.diagnoses.map(\.diagnosis.id),
            nextStep: conclusion.finished ? nil : conclusion.nextStep?.id,
            playbook: PlaybookIdentity(conclusion.playbook), time: time)
    }

    /// Same verdict: same status and the same diagnoses (order aside).
    public func sameVerdict(as other: ConclusionSnapshot) -> Bool {
        status == other.status && Set(diagnoses) == Set(other.diagnoses)
    }
}

/// One line of a session file.
public enum SessionRecord: Equatable, Sendable {
    case header(SessionHeader)
    /// The operator chose a symptom, i.e. a playbook: the session has started.
    case symptom(playbook: String, time: Date)
    case answer(RecordedAnswer)
    /// The operator withdrew the answer to a step (`Wizard.forget`).
    case forget(step: String, time: Date)
    case conclusion(ConclusionSnapshot)
}
