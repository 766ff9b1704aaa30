import ArgumentParser
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

/// The interview as a line dialogue: a line adapter over `Interview`, the same core as the
/// full-screen front end. One question at a time, numbered items, the command on its own
/// line, pastes ended by a line holding a single `.`. For dumb terminals, screen readers and
/// expect scripts. `?` is help everywhere; `unknown` is the answer "I don't know".
struct PlainDialogue<Input: LineSource> {
    let playbooks: [Playbook]
    let start: Playbook?
    let recorder: SessionRecording?
    var input: Input
    let output: (String) -> Void
    var context = EvidenceContext()
    /// `--host`, for checklists and saved sessions.
    var host: String?
    /// `--crlf`: text checklists with Windows line ends.
    var crlf = false
    private var resumeAnswers: [Answer]

    init(
        playbooks: [Playbook], start: Playbook?, answers: [Answer] = [], recorder: SessionRecording?, input: Input,
        output: @escaping (String) -> Void
    ) {
        self.playbooks = playbooks
        self.start = start
        self.recorder = recorder
        self.input = input
        self.output = output
        self.resumeAnswers = answers
    }

    enum Outcome: Equatable { case finished, quit, endOfInput }

    /// The process exit status of an outcome: input that ends before the last question is
    /// an error (2), so a script notices the interview did not finish.
    static func exit(_ o: Outcome) throws {
        if o == .endOfInput { throw ExitCode(2) }
    }

    private func say(_ s: String) { output(s) }

    private mutating func ask(_ prompt: String) -> String? {
        output(prompt)
        return input.readLine()
    }

    @discardableResult
    mutating func run() -> Outcome {
        say("KeyWizard, plain mode. At any question: ? (help), why, how, back, quit; unknown if you don't know.")
        var playbook = start
        if playbook == nil {
            switch choosePlaybook() {
            case .chosen(let p): playbook = p
            case .quit: return bye(.quit)
            case .eof: return bye(.endOfInput)
            }
        }
        guard let p = playbook else { return bye(.quit) }
        // Without a journal every answer would be lost: say so and do not start.
        do { try recorder?.begin(playbook: p) } catch {
            say("error: \(error)")
            return .quit
        }
        var interview = Interview(playbook: p, answers: resumeAnswers, context: context)
        return bye(run(&interview))
    }

    private func bye(_ o: Outcome) -> Outcome {
        if let loc = recorder?.location { say("Session kept in \(loc)") }
        if o == .endOfInput { say("Input ended before the last question; `keywizard resume` continues.") }
        return o
    }

    enum Choice { case chosen(Playbook), quit, eof }

    private mutating func choosePlaybook() -> Choice {
        guard !playbooks.isEmpty else {
            say("No playbooks found; pass --playbooks DIR.")
            return .quit
        }
        while true {
            say("What is the symptom?")
            for (i, p) in playbooks.enumerated() { say("  \(i + 1)) \(p.menuLabel)") }
            guard let line = ask("Choose 1-\(playbooks.count) (? for help):")?.trimmingCharacters(in: .whitespaces)
            else { return .eof }
            if line == "quit" || line == "q" { return .quit }
            if let i = Int(line), i >= 1, i <= playbooks.count { return .chosen(playbooks[i - 1]) }
            if line == "?" || line == "help" {
                for p in playbooks {
                    say("\(p.menuLabel):")
                    say(p.symptom.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                continue
            }
            say("Type a number from 1 to \(playbooks.count).")
        }
    }

    enum StepResult { case next, quit, eof }

    /// The prompt line of a question; it names the same keys the dialogue accepts.
    static func prompt(_ p: StepPresentation) -> String {
        let unknown = p.step.allowUnknown ? ", unknown if you don't know" : ""
        switch p.step.input {
        case .choice, .yesno:
            return "Choose 1-\(p.items.count)" + (p.step.input == .yesno ? " or y/n" : "") + " (? for help):"
        case .paste: return "Paste the output, then a line with a single . (? for help\(unknown)):"
        default: return "Answer (? for help\(unknown)):"
        }
    }

    private mutating func askStep(_ interview: inout Interview) -> StepResult {
        guard let p = interview.presentation else { return .next }
        let step = p.step
        while true {
            for (i, it) in p.items.enumerated() { say("  \(i + 1)) \(it.label)") }
            guard let first = ask(Self.prompt(p)) else { return .eof }
            let cmd = first.trimmingCharacters(in: .whitespaces).lowercased()
            switch cmd {
            case "?", "help":
                say(step.help.trimmingCharacters(in: .whitespacesAndNewlines))
                if let c = step.command {
                    say("Command:")
                    say("  " + c)
                }
                say("Accepted: \(p.notations).")
                say("Commands: ? (help), why, detail (the rule behind why), how, back, quit.")
                continue
            case "why":
                say(Array(interview.whyAsked().dropLast(2)).text)
                continue
            case "detail":
                say(Explainer(interview.conclusion).whyAsked(step: step.id).text)
                continue
            case "how":
                say(interview.how().text)
                continue
            case "back":
                // The earlier question is shown again with its current answer.
                if !interview.back() { say("This is the first question.") }
                return .next
            case "quit", "exit": return .quit
            default: break
            }
            let answerInput: InterviewInput
            if step.input == .paste && !StepPresentation.unknownWords.contains(cmd) {
                // A lone "." ends the paste, also as its first line (an empty paste).
                var lines: [String] = []
                var line: String? = first
                while let l = line, l.trimmingCharacters(in: .whitespaces) != "." {
                    lines.append(l)
                    line = input.readLine()
                    if line == nil { return .eof }
                }
                answerInput = .pasted(lines.joined(separator: "\n"))
            } else if !p.items.isEmpty, let i = Int(cmd) {
                guard (1...p.items.count).contains(i) else {
                    say("Type a number from 1 to \(p.items.count).")
                    continue
                }
                answerInput = .choice(i - 1)
            } else {
                answerInput = .typed(first)
            }
            switch interview.interpret(answerInput) {
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
                    switch confirm() {
                    case nil: return .eof
                    case false?: continue
                    case true?: break
                    }
                }
            }
            guard case .success(let outcome) = interview.answer(answerInput) else { continue }
            do { try interview.journal(outcome, to: recorder) } catch { say("error: \(error)") }
            return .next
        }
    }

    /// `Accept? [Y/n]`: y, yes, n, no or an empty line (yes); anything else asks again.
    private mutating func confirm() -> Bool? {
        while true {
            guard let line = ask("Accept? [Y/n]") else { return nil }
            switch line.trimmingCharacters(in: .whitespaces).lowercased() {
            case "", "y", "yes": return true
            case "n", "no": return false
            default: say("Type y (accept) or n (paste again).")
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

    private mutating func finalScreen(_ interview: inout Interview) -> Outcome {
        let doc = interview.result(
            host: host, session: recorder?.location.map { URL(fileURLWithPath: $0).lastPathComponent })
        say("")
        say("=== Result: \(interview.playbook.title) ===")
        // Commands whole on one line each: the terminal wraps them, a copy takes them whole.
        for l in ResultText.lines(doc, width: 78) { say(l.text) }
        while true {
            say("Commands: how, back, checklist FILE, markdown FILE, save FILE, quit")
            guard let line = ask("Command:")?.trimmingCharacters(in: .whitespaces) else { return .finished }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            switch parts.first?.lowercased() ?? "" {
            case "how": say(interview.how().text)
            case "back":
                interview.back()
                return run(&interview)
            case "checklist", "markdown":
                guard parts.count == 2 else {
                    say("Give a file name, e.g. checklist keywizard-checklist.txt")
                    continue
                }
                let md = parts[0].lowercased() == "markdown"
                let text = checklistText(
                    interview.conclusion, markdown: md, session: recorder?.location, host: host,
                    crlf: !md && ChecklistLineEnds.crlf(path: parts[1], requested: crlf))
                do {
                    try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: parts[1]), createFolders: false)
                    say("Checklist written to \(parts[1])")
                } catch { say("error: \(WriteFailure(path: parts[1], error: error))") }
            case "save":
                guard parts.count == 2 else {
                    say("Give a file name, e.g. save session.jsonl")
                    continue
                }
                do {
                    try SessionFile.write(
                        answers: interview.answers, playbook: interview.playbook, conclusion: interview.conclusion,
                        hostLabel: host, to: URL(fileURLWithPath: parts[1]))
                    say("Session saved to \(parts[1])")
                } catch { say("error: \(WriteFailure(path: parts[1], error: error))") }
            case "quit", "q", "exit", "": return .finished
            default: say("Unknown command '\(line)'.")
            }
        }
    }

    /// Ask until the result (and its commands) are done.
    private mutating func run(_ interview: inout Interview) -> Outcome {
        while true {
            guard let p = interview.presentation, let progress = interview.progress else {
                return finalScreen(&interview)
            }
            say("")
            say("[\(interview.playbook.title), \(progress.text)]")
            say(p.step.prompt)
            if let a = p.currentAnswer { say("(current answer: \(describe(a.value)))") }
            if let cmd = p.step.command {
                say("Run on the server:")
                say("  " + cmd)
            }
            switch askStep(&interview) {
            case .next: continue
            case .quit: return .quit
            case .eof: return .endOfInput
            }
        }
    }
}
