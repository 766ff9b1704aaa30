import Foundation

/// Where a fact's value came from. Every fact has exactly one origin, so every conclusion can
/// be traced back to answers and evidence lines.
public enum FactOrigin: Equatable, Sendable {
    case answer(step: String)
    case evidence(step: String, parser: String, field: String, line: Int, source: String?)
    case derived(expression: String)
    case rule(id: String)

    public var description: String {
        switch self {
        case .answer(let step): return "answer to step '\(step)'"
        case .evidence(let step, let parser, _, let line, let source):
            let from = source.map { "\($0), " } ?? ""
            return "\(from)line \(line) of the \(parser) evidence for step '\(step)'"
        case .derived(let e): return "computed: \(e)"
        case .rule(let id): return "set by rule '\(id)'"
        }
    }
}

public struct FactRecord: Equatable, Sendable {
    public var value: Value
    public var origin: FactOrigin
}

/// A problem with the playbook's logic found while evaluating real answers.
public enum EngineError: Equatable, Sendable, CustomStringConvertible {
    /// Two sources set one fact to different values.
    case conflict(fact: String, first: FactOrigin, firstValue: Value, second: FactOrigin, secondValue: Value)
    /// A rule fired on a condition that later facts made false: the rules undermine each
    /// other (a loop in the logic). Reported, never looped on.
    case nonMonotonic(rule: String, condition: String)

    public var description: String {
        switch self {
        case .conflict(let fact, let a, let av, let b, let bv):
            return "conflict on fact '\(fact)': \(a.description) gives \(av.literal) but \(b.description) gives \(bv.literal)"
        case .nonMonotonic(let rule, let condition):
            return "rule '\(rule)' fired on '\(condition)', which later facts made false: the rules form a loop; give them priorities or use exists() guards"
        }
    }
}

public struct ConcludedDiagnosis: Sendable {
    public var diagnosis: Diagnosis
    /// The rule that concluded it (the first, by priority then file order).
    public var rule: String
    /// The summary with its `{fact}` placeholders filled.
    public var summary: String
}

/// The whole state of an interview: a pure function of (playbook, answers).
public struct Conclusion: Sendable {
    public var playbook: Playbook
    public var answers: [String: Answer]
    public var facts: [String: FactRecord]
    /// Rule ids in firing order.
    public var fired: [String]
    public var diagnoses: [ConcludedDiagnosis]
    /// Steps relevant now, in playbook order (including steps whose answer was used).
    public var relevantSteps: [String]
    /// Answers given to steps that are no longer relevant (kept, but not used).
    public var ignoredAnswers: [String]
    public var nextStep: Step?
    public var errors: [EngineError]

    /// The interview is over: a final diagnosis was reached or nothing relevant is left.
    public var finished: Bool { nextStep == nil || diagnoses.contains { $0.diagnosis.final } }

    /// 1-based number of the current step among the relevant ones, and their count.
    public var progress: (current: Int, total: Int) {
        let total = relevantSteps.count
        guard let next = nextStep, let i = relevantSteps.firstIndex(of: next.id) else { return (total, total) }
        return (i + 1, total)
    }

    public func value(_ fact: String) -> Value? { facts[fact]?.value }

    /// A step as the operator should see it: `{fact}` placeholders in its prompt, help and
    /// command filled from what is known so far (a registry path computed from the SID).
    public func present(_ step: Step) -> Step {
        var s = step
        s.prompt = render(step.prompt)
        s.help = render(step.help)
        s.command = step.command.map(renderCommand)
        return s
    }

    /// A command with `{fact}` placeholders filled, each value quoted for the command's shell
    /// (or refused when it cannot be): what the operator copies must run only what it says.
    public func renderCommand(_ template: String) -> String {
        Template.renderCommand(template) { self.facts[$0]?.value.description }
    }

    /// Text for `{fact}` placeholders: sensitive facts only ever hold fingerprints.
    public func render(_ template: String) -> String {
        Template.render(template) { self.facts[$0]?.value.description }
    }
}
