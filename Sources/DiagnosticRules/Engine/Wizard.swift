import Foundation

/// The interview as a pure state machine: the playbook, the answers so far, and which step
/// is on screen. Every front end (ncurses, plain line mode, replay) drives this one type, so
/// they cannot disagree about what is asked next or what was concluded.
public struct Wizard: Sendable {
    public let playbook: Playbook
    public private(set) var answers: [Answer]
    public private(set) var conclusion: Conclusion
    /// The step being re-answered after `back()`; nil means "the next unanswered step".
    public private(set) var editing: String?
    public var context: EvidenceContext
    private let engine: Engine

    public init(playbook: Playbook, answers: [Answer] = [], context: EvidenceContext = EvidenceContext()) {
        self.playbook = playbook
        self.engine = Engine(playbook: playbook)
        self.answers = answers
        self.context = context
        self.conclusion = engine.evaluate(answers)
    }

    /// The step on screen: the one being edited, else the next unanswered relevant step,
    /// with its `{fact}` placeholders filled.
    public var currentStep: Step? {
        if let id = editing, let s = playbook.step(id) { return conclusion.present(s) }
        return conclusion.finished ? nil : conclusion.nextStep.map(conclusion.present)
    }

    /// The current answer to a step, for pre-filling an edit.
    public func answer(for step: String) -> Answer? { conclusion.answers[step] }

    /// Answer the current step from typed or pasted text. On success the answer is
    /// returned so the caller can journal it; the state is recomputed from scratch.
    public mutating func submit(_ text: String, source: AnswerSource = .typed, time: Date = Date()) -> Result<
        Answer, StepInput.InputError
    > {
        guard let step = currentStep else {
            return .failure(StepInput.InputError(message: "the interview is finished; nothing to answer"))
        }
        switch StepInput.interpret(text, for: step, in: playbook, context: context, source: source) {
        case .failure(let e): return .failure(e)
        case .success(let value):
            let a = Answer(step: step.id, value: value, source: source, time: time)
            record(a)
            return .success(a)
        }
    }

    /// Add an already-interpreted answer (replay, resume, answers files).
    public mutating func record(_ answer: Answer) {
        answers.append(answer)
        editing = nil
        conclusion = engine.evaluate(answers)
    }

    /// Go back to the relevant answered step before the current one. Returns false at the
    /// first step. The old answer stays until a new one is given.
    @discardableResult
    public mutating func back() -> Bool {
        let answered = conclusion.relevantSteps.filter { conclusion.answers[$0] != nil }
        guard !answered.isEmpty else { return false }
        if let current = currentStep, let i = answered.firstIndex(of: current.id) {
            guard i > 0 else { return false }
            editing = answered[i - 1]
        } else {
            editing = answered.last
        }
        return true
    }

    /// Leave an edit without changing the answer.
    public mutating func cancelEdit() { editing = nil }

    /// Remove the answer to a step (everything downstream recomputes).
    public mutating func forget(_ step: String) {
        answers.removeAll { $0.step == step }
        editing = nil
        conclusion = engine.evaluate(answers)
    }
}
