import DiagnosticRules
import Foundation
import KeyWizardUI

/// Where plain mode reads lines from (stdin, or a list in tests).
protocol LineSource {
    mutating func readLine() -> String?
}

struct StandardInputLines: LineSource {
    mutating func readLine() -> String? { Swift.readLine(strippingNewline: true) }
}

struct ListLines: LineSource {
    var lines: [String]
    mutating func readLine() -> String? { lines.isEmpty ? nil : lines.removeFirst() }
}

/// The wizard as a line dialogue: one question at a time, numbered choices, the command
/// shown on its own line, pastes ended by a line holding a single `.`. The same Wizard as
/// the full-screen front end; for dumb terminals, screen readers and expect scripts.
struct PlainDialogue<Input: LineSource> {
    let playbooks: [Playbook]
    let start: Playbook?
    let recorder: SessionRecording?
    var input: Input
    let output: (String) -> Void
    var context = EvidenceContext()

    init(playbooks: [Playbook], start: Playbook?, answers: [Answer] = [], recorder: SessionRecording?, input: Input, output: @escaping (String) -> Void) {
        self.playbooks = playbooks
        self.start = start
        self.recorder = recorder
        self.input = input
        self.output = output
        self.resumeAnswers = answers
    }

    private var resumeAnswers: [Answer]

    enum Outcome: Equatable { case finished, quit, endOfInput }

    private func say(_ s: String) { output(s) }

    private mutating func ask(_ prompt: String) -> String? {
        output(prompt)
        return input.readLine()
    }

    @discardableResult
    mutating func run() -> Outcome {
        say("KeyWizard, plain mode. At any question: help (or ?), why, how, back, quit.")
        var playbook = start
        if playbook == nil {
            guard let p = chooseplaybook() else { return bye(.endOfInput) }
            playbook = p
        }
        guard let p = playbook else { return bye(.quit) }
        // Without a journal every answer would be lost: say so and do not start.
        do { try recorder?.begin(playbook: p) } catch { say("error: \(error)"); return .quit }
        var wizard = Wizard(playbook: p, answers: resumeAnswers, context: context)
        return bye(interview(&wizard))
    }

    private func bye(_ o: Outcome) -> Outcome {
        if let loc = recorder?.location { say("Session kept in \(loc)") }
        if o == .endOfInput { say("Input ended; `keywizard resume` continues.") }
        return o
    }

    private mutating func chooseplaybook() -> Playbook? {
        guard !playbooks.isEmpty else { say("No playbooks found; pass --playbooks DIR."); return nil }
        while true {
            say("What is the symptom?")
            for (i, p) in playbooks.enumerated() { say("  \(i + 1)) \(p.menuLabel)") }
            guard let line = ask("Choose 1-\(playbooks.count):")?.trimmingCharacters(in: .whitespaces) else { return nil }
            if line == "quit" || line == "q" { return nil }
            if let i = Int(line), i >= 1, i <= playbooks.count { return playbooks[i - 1] }
            if line == "?" || line == "help" {
                for p in playbooks { say("\(p.menuLabel):"); say(p.symptom.trimmingCharacters(in: .whitespacesAndNewlines)) }
                continue
            }
            say("Type a number from 1 to \(playbooks.count).")
        }
    }

    enum StepResult { case next, quit, eof }

    private mutating func askStep(_ step: Step, wizard: inout Wizard) -> StepResult {
        var items: [(String, String)] = []
        switch step.input {
        case .choice: items = step.choices.enumerated().map { ($0.element.label, String($0.offset + 1)) }
        case .yesno: items = [("yes", "y"), ("no", "n")]
        default: break
        }
        if !items.isEmpty && step.allowUnknown && !step.choices.contains(where: { $0.value.description.lowercased() == "unknown" }) {
            items.append(("I don't know", "?"))
        }
        while true {
            let prompt: String
            switch step.input {
            case .choice, .yesno:
                for (i, it) in items.enumerated() { say("  \(i + 1)) \(it.0)") }
                prompt = step.input == .yesno ? "Answer y or n (or a number):" : "Choose 1-\(items.count):"
            case .paste:
                prompt = "Paste the output, then a line with a single . (or type unknown):"
            default:
                prompt = "Answer" + (step.allowUnknown ? " (unknown if you don't know)" : "") + ":"
            }
            guard let first = ask(prompt) else { return .eof }
            let cmd = first.trimmingCharacters(in: .whitespaces).lowercased()
            switch cmd {
            case "?", "help":
                say(step.help.trimmingCharacters(in: .whitespacesAndNewlines))
                if let c = step.command { say("Command:"); say("  " + c) }
                say("Commands: help, why, how, back, quit." + (step.allowUnknown ? " Answer unknown if you don't know." : ""))
                continue
            case "why":
                say(Explainer(wizard.conclusion).whyAsked(step: step.id).text)
                continue
            case "how":
                say(howText(wizard.conclusion))
                continue
            case "back":
                // The earlier question is shown again with its current answer.
                if !wizard.back() { say("This is the first question.") }
                return .next
            case "quit", "exit":
                return .quit
            default: break
            }
            var text = first
            var source = AnswerSource.typed
            if step.input == .paste && !["unknown", "idk", "dont know", "don't know"].contains(cmd) {
                var lines = [first]
                while true {
                    guard let l = input.readLine() else { return .eof }
                    if l.trimmingCharacters(in: .whitespaces) == "." { break }
                    lines.append(l)
                }
                if first.trimmingCharacters(in: .whitespaces) == "." { lines = [] }
                text = lines.joined(separator: "\n")
                source = .pasted
            } else if !items.isEmpty, let i = Int(cmd) {
                guard (1...items.count).contains(i) else {
                    say("Type a number from 1 to \(items.count).")
                    continue
                }
                text = items[i - 1].1
            }
            switch StepInput.interpret(text, for: step, in: wizard.playbook, context: context, source: source) {
            case .failure(let e):
                say("Not accepted: \(e.message)")
                continue
            case .success(let value):
                if case .evidence(let e) = value {
                    say("Recognised (\(e.kind)): \(e.summary)")
                    for f in e.fields { say("  \(f.name) = \(f.value.description) (line \(f.line))") }
                    let skipped = e.skippedLines
                    if !skipped.isEmpty { say("  \(skipped.count) line(s) skipped, not read:") }
                    for n in e.notes { say("  note line \(n.line): \(n.message)") }
                    guard let ok = ask("Accept? [Y/n]") else { return .eof }
                    if ok.lowercased().hasPrefix("n") { continue }
                }
                let a = Answer(step: step.id, value: value, source: source)
                wizard.record(a)
                do { try recorder?.record(a, rawText: source == .pasted ? text : nil) } catch { say("error: \(error)") }
                if wizard.conclusion.finished { recorder?.finish(wizard.conclusion) }
                return .next
            }
        }
    }

    private func describe(_ v: AnswerValue) -> String {
        switch v {
        case .value(let x): return x.description
        case .unknown: return "don't know"
        case .evidence(let e): return e.summary
        }
    }

    private func howText(_ c: Conclusion) -> String {
        let ex = Explainer(c)
        var lines: [ExplanationLine] = []
        if c.diagnoses.isEmpty { lines.append(ExplanationLine(0, "No diagnosis concluded yet.")) }
        for d in c.diagnoses { lines += ex.how(diagnosis: d.diagnosis.id) }
        for (_, l) in ex.whyNotAll() { lines += l }
        return lines.text
    }

    private mutating func finalScreen(_ wizard: inout Wizard) -> Outcome {
        let app = WizardApp(playbooks: [wizard.playbook], start: wizard.playbook, answers: wizard.answers, context: context)
        say("")
        say("=== Result: \(wizard.playbook.title) ===")
        for l in app.finalLines(width: 78, unicode: false, wrapCommands: false) { say(l.0) }
        while true {
            say("Commands: how, back, checklist FILE, markdown FILE, save FILE, quit")
            guard let line = ask("Command:")?.trimmingCharacters(in: .whitespaces) else { return .endOfInput }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            switch parts.first?.lowercased() ?? "" {
            case "how": say(howText(wizard.conclusion))
            case "back":
                wizard.back()
                return interview(&wizard)
            case "checklist", "markdown":
                guard parts.count == 2 else { say("Give a file name, e.g. checklist keywizard-checklist.txt"); continue }
                do {
                    try AtomicFile.write(Data(checklistText(wizard.conclusion, markdown: parts[0].lowercased() == "markdown", session: recorder?.location).utf8), to: URL(fileURLWithPath: parts[1]), createFolders: false)
                    say("Checklist written to \(parts[1])")
                } catch { say("error: \(error)") }
            case "save":
                guard parts.count == 2 else { say("Give a file name, e.g. save session.jsonl"); continue }
                do {
                    try SessionFile.write(answers: wizard.answers, playbook: wizard.playbook, conclusion: wizard.conclusion,
                                          hostLabel: nil, to: URL(fileURLWithPath: parts[1]))
                    say("Session saved to \(parts[1])")
                } catch { say("error: \(error)") }
            case "quit", "q", "exit", "": return .quit
            default: say("Unknown command '\(line)'.")
            }
        }
    }

    /// Ask until the result (and its commands) are done.
    private mutating func interview(_ wizard: inout Wizard) -> Outcome {
        while true {
            guard let step = wizard.currentStep else { return finalScreen(&wizard) }
            let c = wizard.conclusion
            let n = (c.relevantSteps.firstIndex(of: step.id) ?? 0) + 1
            say("")
            say("[\(wizard.playbook.title), step \(n) of \(c.relevantSteps.count)]")
            say(step.prompt)
            if let a = wizard.answer(for: step.id) { say("(current answer: \(describe(a.value)))") }
            if let cmd = step.command { say("Run on the server:"); say("  " + cmd) }
            switch askStep(step, wizard: &wizard) {
            case .next: continue
            case .quit: return .quit
            case .eof: return .endOfInput
            }
        }
    }
}
