import Foundation

/// The one way to run an interview, for every front end (full screen, plain lines, replay).
/// It owns the `Wizard` (what is asked next, what was concluded), builds the presentation of
/// the step on screen (items, "I don't know", accepted notations), counts progress, and is
/// the only place an answer is accepted: `answer(_:)` takes typed text, a chosen item or an
/// accepted paste and says what to journal and whether the interview finished. The result
/// of a finished interview is `result` (a `Checklist`), rendered by the final screen, plain
/// mode, `diagnose` and every checklist format.
public struct Interview: Sendable {
    public private(set) var wizard: Wizard
    /// Step ids in the order they were first shown: progress counts them.
    public private(set) var shown: [String] = []

    public init(playbook: Playbook, answers: [Answer] = [], context: EvidenceContext = EvidenceContext()) {
        wizard = Wizard(playbook: playbook, answers: answers, context: context)
        // Questions answered in a resumed session count as shown.
        shown = wizard.conclusion.relevantSteps.filter { wizard.conclusion.answers[$0] != nil }
        noteShown()
    }

    public var playbook: Playbook { wizard.playbook }
    public var conclusion: Conclusion { wizard.conclusion }
    public var context: EvidenceContext { wizard.context }
    public var answers: [Answer] { wizard.answers }
    public var finished: Bool { wizard.currentStep == nil }
    /// Going back to change an earlier answer.
    public var isEditing: Bool { wizard.editing != nil }

    /// The question on screen, ready to show; nil when the interview is finished.
    public var presentation: StepPresentation? {
        guard let step = wizard.currentStep else { return nil }
        return StepPresentation.make(step: step, playbook: playbook, current: wizard.answer(for: step.id))
    }

    /// Question N (never decreasing) and about how many are left.
    public var progress: InterviewProgress? {
        guard let step = wizard.currentStep else { return nil }
        let c = wizard.conclusion
        let left = c.relevantSteps.filter { $0 != step.id && c.answers[$0] == nil }.count
        return InterviewProgress(question: max(1, shown.count), left: left)
    }

    /// What an input would be taken as, without answering (the paste preview).
    public func interpret(_ input: InterviewInput) -> Result<AnswerValue, StepInput.InputError> {
        guard let p = presentation else {
            return .failure(StepInput.InputError(message: "the interview is finished; nothing to answer"))
        }
        let (text, source) = Self.text(of: input, items: p.items)
        guard let t = text else {
            return .failure(StepInput.InputError(message: "choose one of the \(p.items.count) answers first"))
        }
        return StepInput.interpret(t, for: p.step, in: playbook, context: context, source: source)
    }

    /// Answer the question on screen. On success the answer is recorded (everything after it
    /// recomputes) and the outcome says what to journal.
    public mutating func answer(_ input: InterviewInput, time: Date = Date()) -> Result<
        InterviewOutcome, StepInput.InputError
    > {
        guard let p = presentation else {
            return .failure(StepInput.InputError(message: "the interview is finished; nothing to answer"))
        }
        switch interpret(input) {
        case .failure(let e): return .failure(e)
        case .success(let value):
            let (_, source) = Self.text(of: input, items: p.items)
            let a = Answer(step: p.step.id, value: value, source: source, time: time)
            wizard.record(a)
            noteShown()
            var raw: String?
            if case .pasted(let t) = input { raw = t }
            return .success(InterviewOutcome(answer: a, rawText: raw, finished: finished))
        }
    }

    /// Apply an answer given elsewhere (replay, answers files), as `answer(_:)` would.
    public mutating func replay(_ answer: Answer) {
        wizard.record(answer)
        noteShown()
    }

    /// Back to the previous answered question; false at the first.
    @discardableResult
    public mutating func back() -> Bool { wizard.back() }

    /// Leave a going-back edit, keeping the answer given before.
    public mutating func keepPreviousAnswer() { wizard.cancelEdit() }

    /// Journal an outcome of `answer(_:)`: the answer (with the pasted text, which the
    /// journal keeps only when asked to), then the conclusion when the interview finished.
    public func journal(_ outcome: InterviewOutcome, to journal: InterviewJournal?) throws {
        guard let j = journal else { return }
        try j.record(outcome.answer, rawText: outcome.answer.source == .pasted ? outcome.rawText : nil)
        if outcome.finished { j.finish(conclusion) }
    }

    /// The result document of the interview (also of an unfinished one: its open question).
    public func result(host: String?, date: Date = Date(), session: String? = nil) -> Checklist {
        Checklist(conclusion: conclusion, context: ChecklistContext(hostLabel: host, date: date, session: session))
    }

    private mutating func noteShown() {
        if let s = wizard.currentStep, !shown.contains(s.id) { shown.append(s.id) }
    }

    private static func text(of input: InterviewInput, items: [StepPresentation.Item]) -> (String?, AnswerSource) {
        switch input {
        case .typed(let t): return (t, .typed)
        case .pasted(let t): return (t, .pasted)
        case .choice(let i): return (items.indices.contains(i) ? items[i].notation : nil, .typed)
        }
    }
}
