import Foundation

/// Where a fact's value came from. Every fact has exactly one origin, so every conclusion can
/// be traced back to answers and evidence lines.
public enum FactOrigin: Equatable, Sendable {
    case answer(step: String)
    indirect case evidence(step: String, parser: String, field: String, line: Int, source: String?)
    case derived(expression: String)
    case rule(id: String)

    public var description: String {
        switch self {
        case .answer(let step): return "answer to step '\(step)'"
        case .evidence(let step, let parser, _, let line, let source):
            let from = source.map { "\($0), " } ?? ""
            // Line 0: read from a binary file (hive, .evtx); the source names the key or record.
            if line <= 0 { return "\(source ?? "a file"): the \(parser) evidence for step '\(step)'" }
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
            return
                "conflict on fact '\(fact)': \(a.description) gives \(av.literal) but \(b.description) gives \(bv.literal)"
        case .nonMonotonic(let rule, let condition):
            return
                "rule '\(rule)' fired on '\(condition)', which later facts made false: the rules form a loop; give them priorities or use exists() guards"
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
    /// Steps given evidence that holds several registry keys but cannot say anything about
    /// the one the step selects (`select_key`), with the key and the reason; such a step
    /// counts as unanswered.
    public var unansweredEvidence: [String: String] = [:]

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
        let target = windows
        let raw = step.commands?.text(for: target) ?? (step.commands == nil ? step.command : nil)
        if let raw, let missing = unknownFacts(in: raw) {
            s.command = nil
            s.help += (s.help.isEmpty ? "" : "\n") + "The command needs \(missing), which is not known yet."
        } else {
            s.command = raw.map(renderCommand)
        }
        if raw == nil, step.commands.map({ !$0.isPlain && target == nil }) ?? false {
            s.help +=
                (s.help.isEmpty ? "" : "\n")
                + "The command for this depends on the Windows version; answer the Windows version question first."
        }
        return s
    }

    /// The facts a command needs that are still unknown (placeholders without a fallback),
    /// named for the operator; nil when it can be shown whole. A command is never printed
    /// with a hole in it.
    func unknownFacts(in command: String) -> String? {
        var missing: [String] = []
        for piece in Template.pieces(command) {
            if case .placeholder(let name, nil) = piece, facts[name] == nil, !missing.contains(name) {
                missing.append(name)
            }
        }
        return missing.isEmpty ? nil : missing.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// A remediation step as the operator should see it: the commands for this server's
    /// Windows, every `{fact}` filled.
    public func present(_ step: RemediationStep) -> RemediationStep {
        var r = step.resolved(for: windows)
        if let c = r.command, let missing = unknownFacts(in: c) {
            r.command = nil
            r.text += " (The command needs \(missing), which is not known; answer the question that gives it.)"
        }
        if let c = r.verifyCommand, unknownFacts(in: c) != nil { r.verifyCommand = nil }
        r.text = render(r.text)
        r.command = r.command.map(renderCommand)
        r.caution = r.caution.map(render)
        r.verify = r.verify.map(render)
        r.verifyCommand = r.verifyCommand.map(renderCommand)
        // The step as shown: its command tables are the filled commands.
        let here = SourceLocation(file: "", line: 0, column: 0)
        r.commands = r.command.map { VersionedCommand($0, at: here) }
        r.verifyCommands = r.verifyCommand.map { VersionedCommand($0, at: here) }
        return r
    }

    /// The Windows the incident happens on: the answer to the `windows` step, else the
    /// generation a parser or a rule inferred (`windows_hint`: nt5 / nt6), with where it was
    /// seen. Nil while neither is known: then only commands that are the same on every
    /// release are shown.
    public var windows: WindowsTarget? {
        if let answered = facts["windows"]?.value.stringValue, let t = WindowsTarget(answer: answered) { return t }
        if let hint = facts["windows_hint"], let text = hint.value.stringValue {
            var evidence = hint.origin.description
            // A computed hint: show the evidence it was computed from (the listed folder).
            if case .derived = hint.origin, let d = playbook.derived.first(where: { $0.fact == "windows_hint" }) {
                let inputs = d.value.factsRead.compactMap { f in
                    facts[f].map { "\(f) = \($0.value.description) (\($0.origin.description))" }
                }
                if !inputs.isEmpty { evidence = inputs.joined(separator: "; ") }
            }
            return WindowsTarget(hint: text, evidence: evidence)
        }
        return nil
    }

    /// A command with `{fact}` placeholders filled, each value quoted for the command's shell
    /// (or refused when it cannot be): what the operator copies must run only what it says.
    public func renderCommand(_ template: String) -> String {
        Template.renderCommand(template) { self.facts[$0]?.value.description }
    }

    /// Text for `{fact}` placeholders: sensitive facts only ever hold fingerprints; yes/no
    /// facts read as words, never as a raw `true` / `false`.
    public func render(_ template: String) -> String {
        Template.render(template) { self.facts[$0].map { Conclusion.words($0.value) } }
    }

    /// A fact value as advice text shows it.
    static func words(_ value: Value) -> String {
        if case .boolean(let b) = value { return b ? "yes" : "no" }
        return value.description
    }
}
