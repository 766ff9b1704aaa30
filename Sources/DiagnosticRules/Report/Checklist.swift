import Foundation

/// What a printed remediation checklist says, built once from a conclusion and rendered by
/// the text, Markdown, HTML and JSON renderers, so the four can never disagree. Pure: the
/// date and host come in through `ChecklistContext` (goldens inject a fixed clock).
/// JSON form: `format` is `keywizard-checklist/1`; fields are only ever added within a version.
public struct Checklist: Codable, Equatable, Sendable {
    public static let currentFormat = "keywizard-checklist/1"

    /// One answer, as the operator gave it (sensitive values are fingerprints).
    public struct EvidenceItem: Codable, Equatable, Sendable {
        public var step: String
        public var answer: String
        /// typed, pasted, or the evidence / answers file it came from.
        public var source: String
    }

    /// A numbered remediation step: the one `RemediationStep` type, templates filled, with
    /// its number on the paper. Its fields read through (`action.command`); in JSON they sit
    /// beside `number`, as they always have.
    @dynamicMemberLookup
    public struct Action: Codable, Equatable, Sendable {
        /// 1-based, continuous across diagnoses.
        public var number: Int
        /// Commands in it are exactly as they must be typed: never wrapped or altered.
        public var step: RemediationStep

        public subscript<T>(dynamicMember path: WritableKeyPath<RemediationStep, T>) -> T {
            get { step[keyPath: path] }
            set { step[keyPath: path] = newValue }
        }

        enum CodingKeys: String, CodingKey { case number, text, command, caution, verify, verifyCommand }

        public init(number: Int, step: RemediationStep) {
            self.number = number
            self.step = step
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            number = try c.decode(Int.self, forKey: .number)
            step = RemediationStep(
                text: try c.decode(String.self, forKey: .text),
                command: try c.decodeIfPresent(String.self, forKey: .command),
                caution: try c.decodeIfPresent(String.self, forKey: .caution),
                verify: try c.decodeIfPresent(String.self, forKey: .verify),
                verifyCommand: try c.decodeIfPresent(String.self, forKey: .verifyCommand))
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .number)
            try c.encode(step.text, forKey: .text)
            try c.encodeIfPresent(step.command, forKey: .command)
            try c.encodeIfPresent(step.caution, forKey: .caution)
            try c.encodeIfPresent(step.verify, forKey: .verify)
            try c.encodeIfPresent(step.verifyCommand, forKey: .verifyCommand)
        }
    }

    public struct Item: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
        public var severity: Severity
        public var confidence: Confidence
        public var summary: String
        /// How it was concluded (rule, conditions, facts and where each came from).
        public var explanation: [ExplanationLine]
        public var steps: [Action]
        public var references: [Reference]
    }

    /// The question still open when no final diagnosis was reached.
    public struct OpenQuestion: Codable, Equatable, Sendable {
        public var step: String
        public var prompt: String
        public var command: String?
    }

    public var format: String
    public var title: String
    public var host: String?
    /// The Windows the commands are written for (answered, or inferred with its evidence).
    public var windows: String?
    /// `yyyy-mm-dd hh:mm UTC`.
    public var date: String
    public var session: String?
    public var tool: String
    public var playbook: ReportPlaybook
    public var symptom: String
    public var evidence: [EvidenceItem]
    public var status: Status

    /// Whether the interview reached its end (JSON: `finished` or `unfinished`).
    public enum Status: String, Codable, Equatable, Sendable { case finished, unfinished }
    public var diagnoses: [Item]
    public var openQuestion: OpenQuestion?
    /// Lines for signatures, in order.
    public var signOff: [String]
}

/// Who, where and when, for the checklist header.
public struct ChecklistContext: Sendable {
    public var hostLabel: String?
    public var date: Date
    /// The session file's name, to tie the paper back to the record.
    public var session: String?
    public var tool: String

    public init(hostLabel: String?, date: Date, session: String? = nil, tool: String = KeyWizardVersion.current) {
        self.hostLabel = hostLabel
        self.date = date
        self.session = session
        self.tool = tool
    }

    /// The context of a loaded session, dated `date` (the time the checklist is printed).
    public init(session: LoadedSession, date: Date) {
        self.init(hostLabel: session.header.hostLabel, date: date, session: session.url.lastPathComponent)
    }
}

public extension Checklist {
    /// Build the checklist of a conclusion. Templates in remediation text and commands are
    /// filled from the facts (sensitive facts only ever hold fingerprints).
    init(conclusion c: Conclusion, context: ChecklistContext) {
        let p = c.playbook
        let explainer = Explainer(c)
        var number = 0
        let items = c.diagnoses.map { d -> Item in
            let steps = d.diagnosis.remediation.map { r -> Action in
                // An alternative shares the number of the step it replaces.
                if !(r.isAlternative && number > 0) { number += 1 }
                return Action(number: number, step: r.filled(by: c))
            }
            return Item(
                id: d.diagnosis.id, title: d.diagnosis.title, severity: d.diagnosis.severity,
                confidence: d.diagnosis.confidence, summary: d.summary,
                explanation: explainer.evidenceChain(diagnosis: d.diagnosis.id), steps: steps,
                references: d.diagnosis.references)
        }
        let evidence = p.steps.compactMap { step -> EvidenceItem? in
            guard let a = c.answers[step.id] else { return nil }
            return EvidenceItem(
                step: step.id, answer: Checklist.describe(a.value, step: step), source: Checklist.describe(a.source))
        }
        let open =
            c.finished
            ? nil : c.nextStep.map(c.present).map { OpenQuestion(step: $0.id, prompt: $0.prompt, command: $0.command) }
        self.init(
            format: Checklist.currentFormat, title: "Remediation checklist: \(p.title)", host: context.hostLabel,
            windows: c.windows?.description,
            date: SessionTime.display(context.date), session: context.session, tool: context.tool,
            playbook: ReportPlaybook(p),
            symptom: p.symptom.trimmingCharacters(in: .whitespacesAndNewlines), evidence: evidence,
            status: c.finished ? .finished : .unfinished, diagnoses: items, openQuestion: open,
            signOff: ["Performed by", "Date", "Verified by"])
    }

    static func describe(_ value: AnswerValue, step: Step) -> String {
        switch value {
        case .unknown: return "don't know"
        case .evidence(let e): return "\(e.summary) [\(e.kind)]"
        case .value(let v):
            if step.input == .choice, let choice = step.choices.first(where: { $0.value == v }) {
                return "\(v.description) (\(choice.label))"
            }
            if step.input == .yesno, let b = v.boolValue { return b ? "yes" : "no" }
            return v.description
        }
    }

    static func describe(_ source: AnswerSource) -> String {
        switch source {
        case .typed: return "typed"
        case .pasted: return "pasted"
        case .evidenceFile(let name): return "file \(name)"
        case .answersFile(let name): return "answers file \(name)"
        }
    }

    /// The checklist of a session: its answers replayed through `playbook`.
    init(session: LoadedSession, playbook: Playbook, date: Date) {
        self.init(
            conclusion: Engine(playbook: playbook).evaluate(session.answers),
            context: ChecklistContext(session: session, date: date))
    }
}
